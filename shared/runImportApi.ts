import { z } from 'zod';

/** Runs brought from other trackers: MLflow file stores and databases, TensorBoard logdirs. */

export const RunImportSource = z.enum(['mlflow-filestore', 'mlflow-sqlite', 'tensorboard']);
export type RunImportSource = z.infer<typeof RunImportSource>;

/** What an import added (or, with `preview`, would add); the pinned `benchtop runs import --json` document. */
export const RunImportSummary = z.object({
  source: RunImportSource,
  experiments: z.number().int(),
  runs_added: z.number().int(),
  runs_skipped: z.number().int(),
  params: z.number().int(),
  metric_points: z.number().int(),
  warnings: z.array(z.string()),
});
export type RunImportSummary = z.infer<typeof RunImportSummary>;

export const runImportApi = {
  /**
   * Imports every run at `path` once: a run already imported (same source identity) adds only
   * the points it gained since. `experiment` names where TensorBoard runs go (default: the
   * logdir's folder name); MLflow runs keep their experiments. One transaction: a failure adds nothing.
   */
  'runs.import': {
    input: z.object({
      path: z.string().min(1, 'a path to import is required'),
      experiment: z.string().trim().min(1).max(500).optional(),
      preview: z.boolean().default(false),
    }),
    output: RunImportSummary,
  },
} as const;
