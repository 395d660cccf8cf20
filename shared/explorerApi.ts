import { z } from 'zod';
import { ParamValue, Run } from './domain.js';

/** A run as the explorer shows it: the run's fields plus tags, its note and whether it is archived. */
export const ExplorerRun = Run.extend({
  tags: z.record(z.string(), z.string()),
  note: z.string(),
  archived: z.boolean(),
});
export type ExplorerRun = z.infer<typeof ExplorerRun>;

export const XAxis = z.enum(['step', 'time', 'relative']);
export type XAxis = z.infer<typeof XAxis>;

/** One run's metric over a range, downsampled on the main side when it has more points than asked. */
export const SeriesSlice = z.object({
  runId: z.number().int(),
  key: z.string(),
  /** Points in the range at full resolution. */
  total: z.number().int().nonnegative(),
  x: z.array(z.number()),
  y: z.array(z.number()),
  /** The min/max envelope per bucket; null when the points are raw (not downsampled). */
  lo: z.array(z.number()).nullable(),
  hi: z.array(z.number()).nullable(),
});
export type SeriesSlice = z.infer<typeof SeriesSlice>;

export const MetricSummary = z.object({
  last: z.number(),
  min: z.number(),
  max: z.number(),
  best_step: z.number().int(),
});
export const Comparison = z.object({
  params: z.record(z.string(), z.record(z.string(), ParamValue)),
  metrics: z.record(z.string(), z.record(z.string(), MetricSummary)),
  differing_params: z.array(z.string()),
});
export type Comparison = z.infer<typeof Comparison>;

export const SavedView = z.object({
  id: z.number().int(),
  name: z.string(),
  query: z.string(),
  columns: z.array(z.string()),
  sort: z.string(),
});
export type SavedView = z.infer<typeof SavedView>;

const Ids = z
  .array(z.number().int())
  .min(1, 'pick at least one run')
  .max(10_000, 'at most 10000 runs at once');
/** The compare view draws at most this many runs; it says so when asked for more. */
export const MAX_SERIES_RUNS = 200;

/** The explorer's methods, spread into the contract in api.ts. */
export const explorerApi = {
  /** Every run; `limit`: only the newest (a first screen while the rest loads); `ids`: only those. */
  'runs.table': {
    input: z
      .object({
        limit: z.number().int().positive().optional(),
        ids: z.array(z.number().int()).max(10_000).optional(),
      })
      .default({}),
    output: z.array(ExplorerRun),
  },
  'runs.query': {
    input: z.object({
      filter: z.string().max(10_000, 'the query is too long').default(''),
      sort: z.string().optional(),
      limit: z.number().int().positive().optional(),
      archived: z.enum(['exclude', 'include', 'only']).default('exclude'),
      deleted: z.enum(['exclude', 'include', 'only']).default('exclude'),
    }),
    /** `warnings`: a metric the query names that no run has, with the closest keys that exist. */
    output: z.object({ ids: z.array(z.number().int()), warnings: z.array(z.string()) }),
  },
  'runs.compare': { input: z.object({ ids: Ids }), output: Comparison },
  'runs.series': {
    input: z.object({
      ids: z
        .array(z.number().int())
        .min(1, 'pick at least one run')
        .max(MAX_SERIES_RUNS, `at most ${MAX_SERIES_RUNS} runs per chart`),
      keys: z.array(z.string().min(1)).min(1, 'pick a metric').max(50),
      xAxis: XAxis.default('step'),
      range: z
        .object({ min: z.number(), max: z.number() })
        .refine((r) => r.min <= r.max, 'range min must not exceed max')
        .optional(),
      maxPoints: z.number().int().min(2).max(20_000).default(1000),
    }),
    output: z.array(SeriesSlice),
  },
  'runs.setTag': {
    input: z.object({
      ids: Ids,
      key: z.string().trim().min(1, 'a tag needs a name').max(200),
      value: z.string().max(10_000).default(''),
    }),
    output: z.object({ changed: z.number().int() }),
  },
  'runs.removeTag': {
    input: z.object({ ids: Ids, key: z.string().min(1) }),
    output: z.object({ changed: z.number().int() }),
  },
  'runs.setNote': {
    input: z.object({
      id: z.number().int(),
      note: z.string().max(100_000, 'a note holds at most 100000 characters'),
    }),
    output: z.object({ changed: z.number().int() }),
  },
  'runs.archive': {
    input: z.object({ ids: Ids, archived: z.boolean() }),
    output: z.object({ changed: z.number().int() }),
  },
  /** Hides runs at once; `runs.restore` undoes it; the first start an hour later purges them. */
  'runs.delete': { input: z.object({ ids: Ids }), output: z.object({ changed: z.number().int() }) },
  'runs.restore': {
    input: z.object({ ids: Ids }),
    output: z.object({ changed: z.number().int() }),
  },
  'views.list': { input: z.object({}).default({}), output: z.array(SavedView) },
  'views.save': {
    input: z.object({
      name: z.string().trim().min(1, 'a view needs a name').max(200),
      query: z.string().max(10_000),
      columns: z.array(z.string()).max(5_000),
      sort: z.string().max(1_000).default(''),
    }),
    output: SavedView,
  },
  'views.delete': {
    input: z.object({ id: z.number().int() }),
    output: z.object({ changed: z.number().int() }),
  },
} as const;
