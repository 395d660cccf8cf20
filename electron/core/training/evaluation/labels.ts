/**
 * Which labels a set-wise metric (precision, recall, F1, confusion matrix) runs over.
 *
 * Without an explicit list scikit-learn uses `unique_labels(y_true, y_pred)`: the sorted union
 * of the classes seen in either array. A class of the model that is neither in y_true nor
 * predicted is therefore left out of the macro average. An explicit list is used as given
 * (order kept), and a label absent from both arrays then scores 0 (ill-defined → 0).
 */

/** Sorted union of the class indices in y_true and y_pred (sklearn's `unique_labels`). */
export function presentLabels(yTrue: Int32Array, yPred: Int32Array): number[] {
  const seen = new Set<number>();
  for (const c of yTrue) seen.add(c);
  for (const c of yPred) seen.add(c);
  return [...seen].sort((a, b) => a - b);
}

/** The explicit labels (checked: non-empty, distinct integers) or, by default, the present ones. */
export function resolveLabels(
  yTrue: Int32Array,
  yPred: Int32Array,
  labels?: readonly number[],
): number[] {
  if (labels === undefined) return presentLabels(yTrue, yPred);
  if (labels.length === 0) throw new RangeError('labels: at least one label is needed');
  if (new Set(labels).size !== labels.length) throw new RangeError('labels: must be distinct');
  if (!labels.every(Number.isInteger)) throw new RangeError('labels: must be class indices');
  return [...labels];
}
