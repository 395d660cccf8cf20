import { z } from 'zod';
import { ColumnType, Dataset, Sample } from '../domain.js';

/** Datasets: imports and uploads, versions, profiles, previews and diffs, the bundled samples. */

const TYPE_NAMES = ColumnType.options.join(', ');

/** How a file is read; every option is part of the version it makes. */
export const ImportOptions = z.object({
  /** Column name → the type to use instead of the inferred one. */
  types: z.record(z.string(), ColumnType, `a column type must be one of ${TYPE_NAMES}`).default({}),
  delimiter: z
    .enum([',', ';', '\t', '|'], 'the delimiter must be one of , ; | or a tab')
    .optional(),
  noHeader: z.boolean().default(false),
  skipBadLines: z.boolean().default(false),
  /** Lets the caller cancel the import with datasets.cancelImport and match progress events. */
  importId: z.string().min(1).max(100).optional(),
});
export type ImportOptions = z.infer<typeof ImportOptions>;

export const Histogram = z.object({
  edges: z.array(z.number()),
  counts: z.array(z.number().int()),
});
export const TopValue = z.object({ value: z.string(), count: z.number().int() });

export const NumericStats = z.object({
  min: z.number(),
  max: z.number(),
  mean: z.number(),
  std: z.number(),
  p1: z.number(),
  p5: z.number(),
  p25: z.number(),
  p50: z.number(),
  p75: z.number(),
  p95: z.number(),
  p99: z.number(),
});
export type NumericStats = z.infer<typeof NumericStats>;

export const ColumnProfile = z.object({
  name: z.string(),
  type: ColumnType,
  missing: z.number().int(),
  distinct: z.number().int(),
  distinct_exact: z.boolean(),
  stats: NumericStats.nullable(),
  histogram: Histogram.nullable(),
  top: z.array(TopValue).nullable(),
});
export type ColumnProfile = z.infer<typeof ColumnProfile>;

export const DatasetProfile = z.object({
  rows: z.number().int(),
  columns: z.array(ColumnProfile),
  encoding: z.enum(['utf-8', 'windows-1252', 'binary']),
  format: z.string(),
  delimiter: z.string().nullable(),
  skipped_lines: z.number().int(),
  warnings: z.array(z.string()),
});
export type DatasetProfile = z.infer<typeof DatasetProfile>;

/** What `import` answers: the dataset plus whether the version already existed and what was noticed. */
export const ImportedDataset = Dataset.extend({
  existing: z.boolean(),
  warnings: z.array(z.string()),
});
export type ImportedDataset = z.infer<typeof ImportedDataset>;

export const DatasetDetails = Dataset.extend({
  profile: DatasetProfile.nullable(),
  types: z.record(z.string(), ColumnType),
});
export type DatasetDetails = z.infer<typeof DatasetDetails>;

export const StatChange = z.object({
  stat: z.string(),
  before: z.number().nullable(),
  after: z.number().nullable(),
});
export const DatasetDiff = z.object({
  from: z.object({
    id: z.number().int(),
    name: z.string(),
    version: z.number().int(),
    rows: z.number().int(),
  }),
  to: z.object({
    id: z.number().int(),
    name: z.string(),
    version: z.number().int(),
    rows: z.number().int(),
  }),
  rows_delta: z.number().int(),
  added: z.array(z.object({ name: z.string(), type: ColumnType })),
  removed: z.array(z.object({ name: z.string(), type: ColumnType })),
  retyped: z.array(z.object({ name: z.string(), from: ColumnType, to: ColumnType })),
  changed: z.array(z.object({ name: z.string(), changes: z.array(StatChange) })),
});
export type DatasetDiff = z.infer<typeof DatasetDiff>;

export const Preview = z.object({
  file_name: z.string(),
  format: z.string(),
  encoding: z.string(),
  delimiter: z.string().nullable(),
  columns: z.array(z.object({ name: z.string(), type: ColumnType })),
  rows: z.array(z.array(z.string())),
  warnings: z.array(z.string()),
});
export type Preview = z.infer<typeof Preview>;

/** The first rows of a stored version as text (numbers in their shortest form, missing as ''). */
export const DatasetRows = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.array(z.string())),
  /** Rows in the whole version. */
  total: z.number().int(),
});
export type DatasetRows = z.infer<typeof DatasetRows>;

export const ImportProgress = z.object({
  type: z.literal('dataset.progress'),
  importId: z.string(),
  file_name: z.string(),
  bytes: z.number(),
  total_bytes: z.number(),
  rows: z.number().int(),
  eta_seconds: z.number().nullable(),
});

const id = z.number().int();
const upload = {
  fileName: z.string().min(1),
  /** The file's bytes as base64 (any format), or `content` as UTF-8 text. */
  base64: z.string().optional(),
  content: z.string().optional(),
};

export const datasetsApi = {
  'datasets.import': {
    input: z.object({
      path: z.string().min(1, 'a file path is required'),
      name: z.string().min(1).optional(),
      ...ImportOptions.shape,
    }),
    output: ImportedDataset,
  },
  /** Browser mode: the page cannot know a dropped file's path, so it sends the bytes (base64, or UTF-8 text). */
  'datasets.upload': {
    input: z.object({
      fileName: z.string().min(1),
      content: z.string().default(''),
      base64: z.string().optional(),
      name: z.string().min(1).optional(),
      ...ImportOptions.shape,
    }),
    output: ImportedDataset,
  },
  'datasets.cancelImport': {
    input: z.object({ importId: z.string() }),
    output: z.object({ cancelled: z.boolean() }),
  },
  'datasets.preview': {
    input: z.object({
      ...upload,
      path: z.string().optional(),
      ...ImportOptions.pick({ delimiter: true, noHeader: true }).shape,
    }),
    output: Preview,
  },
  'datasets.list': { input: z.object({}).default({}), output: z.array(Dataset) },
  'datasets.show': { input: z.object({ id }), output: DatasetDetails },
  'datasets.diff': { input: z.object({ from: id, to: id }), output: DatasetDiff },
  'datasets.rows': {
    input: z.object({
      id,
      limit: z
        .number()
        .int()
        .min(1, 'the row limit must be at least 1')
        .max(1000, 'the row limit must be at most 1000')
        .default(20),
    }),
    output: DatasetRows,
  },
  'datasets.samples': { input: z.object({}).default({}), output: z.array(Sample) },
  'datasets.importSample': { input: z.object({ name: z.string().min(1) }), output: Dataset },
} as const;
