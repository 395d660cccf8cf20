import { z } from 'zod';
import { DriftReport } from './drift.js';

/** Continuous training: policies, pipeline runs and their steps (field names follow the pinned CLI). */

export const TRIGGERS = ['drift', 'decay', 'always'] as const;
export const PolicyTrigger = z.enum(TRIGGERS, {
  message: `the trigger must be one of ${TRIGGERS.join(', ')}`,
});
export type PolicyTrigger = z.infer<typeof PolicyTrigger>;

/** new | reference+new | window:K (the last K versions of the dataset, the new one included). */
export const Strategy = z
  .string()
  .regex(
    /^(new|reference\+new|window:[1-9]\d{0,2})$/,
    'the strategy must be new, reference+new or window:K (K from 1 to 999)',
  );
export type Strategy = z.infer<typeof Strategy>;

export const PIPELINE_SOURCES = ['manual', 'watch', 'schedule'] as const;
export const PipelineSource = z.enum(PIPELINE_SOURCES);
export type PipelineSource = z.infer<typeof PipelineSource>;

export const PIPELINE_STATUSES = [
  'running',
  'waiting',
  'finished',
  'failed',
  'interrupted',
] as const;
export const PipelineStatus = z.enum(PIPELINE_STATUSES);
export type PipelineStatus = z.infer<typeof PipelineStatus>;

export const STEP_NAMES = ['import', 'drift', 'train', 'evaluate', 'register', 'promote'] as const;
export const StepName = z.enum(STEP_NAMES);
export type StepName = z.infer<typeof StepName>;
export const StepStatus = z.enum([
  'pending',
  'running',
  'done',
  'failed',
  'skipped',
  'interrupted',
  'waiting',
]);
export type StepStatus = z.infer<typeof StepStatus>;

const UNITS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;
/** "90s", "15m", "1h", "2d" → seconds; null when the text is not such a duration. */
export function parseEvery(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([smhd])\s*$/i.exec(text);
  if (!m) return null;
  const seconds = Math.round(Number(m[1]) * UNITS[m[2]!.toLowerCase() as keyof typeof UNITS]);
  return seconds > 0 ? seconds : null;
}
/** Seconds back to the shortest exact unit ("1h", "90m", "45s"). */
export function formatEvery(seconds: number): string {
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

const ModelName = z.string().trim().min(1, 'a model name is required');
const Margin = z.number().min(0, 'the margin must be at least 0').finite();
/** A schedule shorter than this would only re-scan an unchanged folder. */
export const MIN_EVERY_SECONDS = 10;
const EverySeconds = z
  .number()
  .int()
  .min(MIN_EVERY_SECONDS, `the schedule must be at least every ${MIN_EVERY_SECONDS}s`);

const PolicyFields = {
  watchDir: z.string().min(1).nullable(),
  dataset: z.string().trim().min(1).nullable(),
  everySeconds: EverySeconds.nullable(),
  trigger: PolicyTrigger,
  metric: z.string().min(1).nullable(),
  margin: Margin,
  /** Decay: the champion's metric on the new data is worse than this. */
  threshold: z.number().finite().nullable(),
  strategy: Strategy,
  autoPromote: z.boolean(),
};
/** What a policy says; everything but the model can be edited later. */
export const PolicySettings = z.object({
  ...PolicyFields,
  watchDir: PolicyFields.watchDir.default(null),
  dataset: PolicyFields.dataset.default(null),
  everySeconds: PolicyFields.everySeconds.default(null),
  trigger: PolicyFields.trigger.default('drift'),
  metric: PolicyFields.metric.default(null),
  margin: PolicyFields.margin.default(0),
  threshold: PolicyFields.threshold.default(null),
  strategy: PolicyFields.strategy.default('reference+new'),
  autoPromote: PolicyFields.autoPromote.default(false),
});
/** An edit: only the fields given change (no defaults fill the others in). */
export const PolicyEdit = z.object(PolicyFields).partial();
export type PolicySettings = z.infer<typeof PolicySettings>;

export const Policy = z.object({
  id: z.number().int(),
  model: z.string(),
  enabled: z.boolean(),
  watch_dir: z.string().nullable(),
  dataset: z.string().nullable(),
  every_seconds: z.number().int().nullable(),
  trigger: PolicyTrigger,
  metric: z.string().nullable(),
  margin: z.number(),
  threshold: z.number().nullable(),
  strategy: Strategy,
  auto_promote: z.boolean(),
  /** Why the policy stopped checking by itself (its folder vanished, …); null when it runs. */
  paused_reason: z.string().nullable(),
  last_checked_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Policy = z.infer<typeof Policy>;

export const PipelineStep = z.object({
  name: StepName,
  status: StepStatus,
  started_at: z.string().nullable(),
  ended_at: z.string().nullable(),
  detail: z.string(),
});
export type PipelineStep = z.infer<typeof PipelineStep>;

export const PipelineEvaluation = z.object({
  metric: z.string(),
  goal: z.enum(['max', 'min']),
  challenger: z.number().nullable(),
  champion: z.number().nullable(),
  margin: z.number(),
  holdout_rows: z.number().int(),
  train_rows: z.number().int(),
});
export type PipelineEvaluation = z.infer<typeof PipelineEvaluation>;

export const PipelineSummary = z.object({
  id: z.number().int(),
  model: z.string(),
  policy_id: z.number().int().nullable(),
  status: PipelineStatus,
  /** The policy's trigger condition; `triggered` says whether it fired (null until checked). */
  trigger: PolicyTrigger,
  triggered: z.boolean().nullable(),
  source: PipelineSource,
  steps: z.array(PipelineStep),
  data_path: z.string(),
  data_hash: z.string(),
  dataset_id: z.number().int().nullable(),
  champion_version_id: z.number().int().nullable(),
  drift_report_id: z.number().int().nullable(),
  training_dataset_id: z.number().int().nullable(),
  run_id: z.number().int().nullable(),
  candidate_version_id: z.number().int().nullable(),
  promoted: z.boolean(),
  evaluation: PipelineEvaluation.nullable(),
  reason: z.string(),
  created_at: z.string(),
  ended_at: z.string().nullable(),
});
export type PipelineSummary = z.infer<typeof PipelineSummary>;

export const Pipeline = PipelineSummary.extend({
  drift: DriftReport.nullable(),
  /** True when this data had already been through the pipeline and nothing ran again. */
  existing: z.boolean(),
});
export type Pipeline = z.infer<typeof Pipeline>;

const id = z.number().int();

export const automationApi = {
  'automation.policies': { input: z.object({}).default({}), output: z.array(Policy) },
  'automation.createPolicy': { input: PolicySettings.extend({ model: ModelName }), output: Policy },
  'automation.updatePolicy': {
    input: PolicyEdit.extend({ id, enabled: z.boolean().optional() }),
    output: Policy,
  },
  'automation.deletePolicy': {
    input: z.object({ id }),
    output: z.object({ deleted: z.boolean() }),
  },
  /** Check the policy's folder or dataset now, whatever its schedule says. */
  'automation.checkNow': {
    input: z.object({ id }),
    output: z.object({ started: z.array(id), message: z.string() }),
  },
  'automation.run': {
    input: z
      .object({
        model: ModelName,
        path: z.string().min(1).optional(),
        datasetId: id.optional(),
        /** false: return once the pipeline has started (the app); true: when it ends (the CLI). */
        wait: z.boolean().default(true),
      })
      .refine(
        (r) => (r.path === undefined) !== (r.datasetId === undefined),
        'give a data file or a dataset id',
      ),
    output: Pipeline,
  },
  'automation.pipelines': {
    input: z.object({ model: z.string().optional() }).default({}),
    output: z.array(PipelineSummary),
  },
  'automation.pipeline': { input: z.object({ id }), output: Pipeline },
  'automation.resume': {
    input: z.object({ id, wait: z.boolean().default(true) }),
    output: Pipeline,
  },
  /** A waiting challenger: approve promotes it to champion, reject keeps it as challenger. */
  'automation.approve': {
    input: z.object({ id, reason: z.string().default('') }),
    output: Pipeline,
  },
  'automation.reject': {
    input: z.object({ id, reason: z.string().default('') }),
    output: Pipeline,
  },
} as const;

export const PipelineEvent = z.object({
  type: z.literal('pipeline.status'),
  pipelineId: id,
  model: z.string(),
  status: PipelineStatus,
  reason: z.string(),
});
export const PolicyEvent = z.object({ type: z.literal('policy.changed'), policyId: id });
