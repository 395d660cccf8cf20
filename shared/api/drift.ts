import { z } from 'zod';

/** Drift checks: the contract's methods and the report they return (field names follow the pinned CLI). */

export const NumericDriftTest = z.enum(['auto', 'ks', 'wasserstein', 'psi', 'jensenshannon']);
export const CategoricalDriftTest = z.enum(['auto', 'chi2', 'jensenshannon', 'psi', 'ztest']);
export type NumericDriftTest = z.infer<typeof NumericDriftTest>;
export type CategoricalDriftTest = z.infer<typeof CategoricalDriftTest>;
export const DriftTest = z.enum(['ks', 'wasserstein', 'psi', 'jensenshannon', 'chi2', 'ztest']);
export type DriftTest = z.infer<typeof DriftTest>;

export const ColumnOverride = z.object({
  test: DriftTest.optional(),
  threshold: z.number().gt(0, 'a threshold must be greater than 0').optional(),
});

export const DriftRequest = z
  .object({
    /** The reference data; or give `model` to use its champion's (else latest version's) training data. */
    referenceId: z.number().int().optional(),
    model: z.string().min(1).optional(),
    currentId: z.number().int(),
    numericTest: NumericDriftTest.default('auto'),
    categoricalTest: CategoricalDriftTest.default('auto'),
    /** Replaces the chosen tests' default thresholds (p-value, or distance). */
    threshold: z.number().gt(0, 'the threshold must be greater than 0').optional(),
    driftShare: z
      .number()
      .gt(0, 'the drift share must be greater than 0')
      .max(1, 'the drift share must be at most 1')
      .default(0.5),
    /** Only these columns (default: every column of the reference). */
    columns: z.array(z.string().min(1)).optional(),
    /** Per-column test and/or threshold, by column name. */
    overrides: z.record(z.string(), ColumnOverride).optional(),
  })
  .refine(
    (r) => r.referenceId !== undefined || r.model !== undefined,
    'give a reference dataset or a model',
  );
export type DriftRequest = z.input<typeof DriftRequest>;

/** Reference and current shares per bin (numeric) or category, for the overlay chart. */
export const DriftDistribution = z.object({
  labels: z.array(z.string()),
  reference: z.array(z.number()),
  current: z.array(z.number()),
});
export type DriftDistribution = z.infer<typeof DriftDistribution>;

export const DriftColumnResult = z.object({
  column: z.string(),
  /** tested; skipped (see note); missing from the current data (counts as drifted); new in the current data. */
  status: z.enum(['tested', 'skipped', 'missing', 'new']),
  kind: z.enum(['numeric', 'categorical']),
  /** null when the column was skipped (see `note`). */
  test: DriftTest.nullable(),
  statistic: z.number().nullable(),
  /** null for distances (and skipped columns). */
  p_value: z.number().nullable(),
  threshold: z.number().nullable(),
  drifted: z.boolean(),
  effect_size: z.number().nullable(),
  effect_size_name: z.string().nullable(),
  reference_missing: z.number().int(),
  current_missing: z.number().int(),
  /** Why a column was skipped or compared differently (e.g. numeric on one side only). */
  note: z.string().nullable(),
  distribution: DriftDistribution,
});
export type DriftColumnResult = z.infer<typeof DriftColumnResult>;

export const DriftSummary = z.object({
  id: z.number().int(),
  reference_id: z.number().int(),
  current_id: z.number().int(),
  reference_name: z.string(),
  /** The model version whose training data was the reference, when the check was for a model. */
  model: z.string().nullable(),
  model_version_id: z.number().int().nullable(),
  reference_rows: z.number().int(),
  current_rows: z.number().int(),
  tested_columns: z.number().int(),
  drifted_columns: z.number().int(),
  /** Share of tested columns that drifted. */
  drift_share: z.number(),
  /** The share at or above which the dataset drifts. */
  drift_share_threshold: z.number(),
  dataset_drift: z.boolean(),
  created_at: z.string(),
  /** Each tested column's statistic, for the history chart. */
  statistics: z.record(z.string(), z.number().nullable()),
});
export type DriftSummary = z.infer<typeof DriftSummary>;

export const DriftReport = DriftSummary.extend({ columns: z.array(DriftColumnResult) });
export type DriftReport = z.infer<typeof DriftReport>;

/** A drift check's progress while its job runs. */
export const DriftProgressEvent = z.object({
  type: z.literal('drift.progress'),
  jobId: z.string(),
  fraction: z.number().min(0).max(1),
  message: z.string(),
});

export const driftApi = {
  'drift.check': { input: DriftRequest, output: DriftReport },
  /** Past checks, newest first: those for a model, or against any version of the reference's dataset. */
  'drift.list': {
    input: z
      .object({ referenceId: z.number().int().optional(), model: z.string().optional() })
      .default({}),
    output: z.array(DriftSummary),
  },
  'drift.get': { input: z.object({ id: z.number().int() }), output: DriftReport },
} as const;
