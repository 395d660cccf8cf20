import { z } from 'zod';
import { MetricValue } from '../domain.js';
import { LoggedKey } from './keyRule.js';

/** MLflow 3's logged models (what `log_model` makes): a model a run saved, with its own id. */

export const LoggedModelStatus = z.enum(['pending', 'ready', 'failed']);
export const LoggedModel = z.object({
  /** `m-` and 32 hex digits, as MLflow names them. */
  id: z.string(),
  run_id: z.number().int(),
  run_uid: z.string(),
  experiment_id: z.number().int(),
  name: z.string(),
  model_type: z.string(),
  status: LoggedModelStatus,
  tags: z.record(z.string(), z.string()),
  params: z.record(z.string(), z.string()),
  created_ms: z.number().int(),
  updated_ms: z.number().int(),
});
export type LoggedModel = z.infer<typeof LoggedModel>;

export const RunModelOutput = z.object({
  run_uid: z.string(),
  model_id: z.string(),
  step: z.number().int(),
});
export type RunModelOutput = z.infer<typeof RunModelOutput>;

export const LoggedModelMetric = z.object({
  model_id: z.string(),
  key: z.string(),
  value: MetricValue,
  step: z.number().int(),
  time: z.number().int(),
  dataset_name: z.string(),
  dataset_digest: z.string(),
  run_uid: z.string().nullable(),
});
export type LoggedModelMetric = z.infer<typeof LoggedModelMetric>;

const ModelId = z.string().regex(/^m-[0-9a-f]{32}$/, 'a logged model id is m- and 32 hex digits');
const Strings = z.record(z.string().min(1).max(250), z.string().max(8000));

export const loggedModelsApi = {
  'loggedModels.create': {
    input: z.object({
      runUid: z.string(),
      name: z.string().trim().min(1).max(250).default('model'),
      modelType: z.string().max(250).default(''),
      tags: Strings.default({}),
      params: Strings.default({}),
    }),
    output: LoggedModel,
  },
  'loggedModels.get': { input: z.object({ id: ModelId }), output: LoggedModel },
  /** Status, tags and params: what a client sets after creating the model. */
  'loggedModels.update': {
    input: z.object({
      id: ModelId,
      status: LoggedModelStatus.optional(),
      tags: Strings.default({}),
      params: Strings.default({}),
      removeTag: z.string().optional(),
    }),
    output: LoggedModel,
  },
  'loggedModels.delete': {
    input: z.object({ id: ModelId }),
    output: z.object({ changed: z.number().int() }),
  },
  'loggedModels.list': {
    input: z.object({ experimentIds: z.array(z.number().int()).max(1000) }),
    output: z.array(LoggedModel),
  },
  /** Declares models as a run's outputs at a step (MLflow's `log_outputs`; `log_model` sends it). */
  'loggedModels.logOutputs': {
    input: z.object({
      runUid: z.string(),
      outputs: z.array(z.object({ id: ModelId, step: z.number().int().default(0) })).max(1000),
    }),
    output: z.object({ count: z.number().int() }),
  },
  /** Metrics logged for models (`log_metric(..., model_id=…)`); a model nobody logged is skipped. */
  'loggedModels.logMetrics': {
    input: z.object({
      metrics: z
        .array(
          z.object({
            id: z.string(),
            runUid: z.string().optional(),
            key: LoggedKey,
            value: MetricValue,
            step: z.number().int().default(0),
            time: z.number().int(),
            datasetName: z.string().max(500).default(''),
            datasetDigest: z.string().max(500).default(''),
          }),
        )
        .max(1000),
    }),
    output: z.object({ count: z.number().int() }),
  },
  /** A logged model's latest metric per key and dataset. */
  'loggedModels.metrics': {
    input: z.object({ id: ModelId }),
    output: z.array(LoggedModelMetric),
  },
  /** The models each run declared as its outputs, by step. */
  'loggedModels.outputs': {
    input: z.object({ runUids: z.array(z.string()).max(50_000) }),
    output: z.array(RunModelOutput),
  },
} as const;
