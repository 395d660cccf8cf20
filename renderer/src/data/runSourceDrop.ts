/**
 * Whether a dropped item is a place runs come from (the Import runs dialog) rather than a dataset:
 * a folder (an mlruns store or a TensorBoard logdir), an MLflow database, or a TensorBoard event file.
 */
export const isRunSourceDrop = (name: string, isDirectory: boolean): boolean =>
  isDirectory || /\.db$/i.test(name) || name.toLowerCase().includes('tfevents');
