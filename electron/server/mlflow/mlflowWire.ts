import { z } from 'zod';
import type { RunStatus } from '../../../shared/domain.js';
import type { Experiment } from '../../../shared/api/experiments.js';
import type { LoggedPoint, TrackedRun } from '../../../shared/api/runRecords.js';
import { inputsFromTags } from '../../../shared/mlflow/datasetInputs.js';
import { invalid } from './mlflowErrors.js';
import {
  doubleToWire,
  runIdFromUid,
  STATUS_TO_MLFLOW,
  uidFromRunId,
} from '../../../shared/mlflow/wireValues.js';

/** Translations between MLflow's wire shapes and the contract's records; no state. */

const FROM_WIRE_STATUS: Record<string, RunStatus> = {
  SCHEDULED: 'queued',
  RUNNING: 'running',
  FINISHED: 'finished',
  FAILED: 'failed',
  KILLED: 'cancelled',
};
export function statusFromWire(status: string): RunStatus {
  const s = FROM_WIRE_STATUS[status];
  if (!s)
    throw invalid(
      `Invalid value ${JSON.stringify(status)} for parameter 'status': use RUNNING, SCHEDULED, FINISHED, FAILED or KILLED`,
    );
  return s;
}

/** MLflow's experiment "0" is the experiment named Default. */
export const DEFAULT_EXPERIMENT = 'Default';
export const experimentWireId = (e: { id: number; name: string }) =>
  e.name === DEFAULT_EXPERIMENT ? '0' : String(e.id);

/** A run's MLflow id, and back. */
export const runWireId = runIdFromUid;
export const uidFromWire = uidFromRunId;

export { doubleToWire };

const ms = (iso: string | null) => (iso === null ? undefined : Date.parse(iso));

export function experimentToWire(e: Experiment) {
  const id = experimentWireId(e);
  const tags = Object.entries(e.tags).map(([key, value]) => ({ key, value }));
  return {
    experiment_id: id,
    name: e.name,
    artifact_location: `mlflow-artifacts:/${id}`,
    lifecycle_stage: e.deleted ? 'deleted' : 'active',
    last_update_time: ms(e.updated_at),
    creation_time: ms(e.created_at),
    ...(tags.length ? { tags } : {}),
  };
}

export function runInfoToWire(run: TrackedRun, experiment: { id: number; name: string }) {
  const runId = runWireId(run.uid);
  const expId = experimentWireId(experiment);
  const end = ms(run.ended_at);
  const user = run.tags['mlflow.user'];
  return {
    run_id: runId,
    run_uuid: runId,
    experiment_id: expId,
    run_name: run.name,
    user_id: user ?? '',
    status: STATUS_TO_MLFLOW[run.status],
    start_time: ms(run.started_at ?? run.created_at),
    ...(end === undefined ? {} : { end_time: end }),
    artifact_uri: `mlflow-artifacts:/${expId}/${runId}/artifacts`,
    lifecycle_stage: run.deleted ? 'deleted' : 'active',
  };
}

export const pointToWire = (p: LoggedPoint) => ({
  key: p.key,
  value: doubleToWire(p.value),
  timestamp: p.time,
  step: p.step,
});

/** A run in MLflow's shape; `outputs` are the models it declared (RunOutputs.model_outputs). */
export function runToWire(
  run: TrackedRun,
  experiment: { id: number; name: string },
  outputs: readonly { model_id: string; step: number }[] = [],
) {
  const metrics = run.latest.map(pointToWire);
  const datasetInputs = inputsFromTags(run.tags);
  const params = Object.entries(run.param_text).map(([key, value]) => ({ key, value }));
  const tags = Object.entries(run.tags).map(([key, value]) => ({ key, value }));
  if (run.note && run.tags['mlflow.note.content'] === undefined)
    tags.push({ key: 'mlflow.note.content', value: run.note });
  return {
    info: runInfoToWire(run, experiment),
    data: {
      ...(metrics.length ? { metrics } : {}),
      ...(params.length ? { params } : {}),
      ...(tags.length ? { tags } : {}),
    },
    inputs: datasetInputs.length ? { dataset_inputs: datasetInputs } : {},
    outputs: outputs.length
      ? { model_outputs: outputs.map((o) => ({ model_id: o.model_id, step: o.step })) }
      : {},
  };
}

/** Opaque page tokens, as MLflow makes them: base64 of `{"offset": N}`. */
export const pageToken = (offset: number) =>
  Buffer.from(JSON.stringify({ offset })).toString('base64');
export function offsetOf(token: string | undefined): number {
  if (!token) return 0;
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as {
      offset?: unknown;
    };
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // falls through to the refusal below
  }
  throw invalid(`Invalid page token ${JSON.stringify(token)}`);
}

// Field types as protobuf's JSON parser accepts them (int64 may travel as a string; GET sends text).
export const WireInt = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);
export const WireDouble = z.union([
  z.number(),
  z.enum(['NaN', 'Infinity', '-Infinity']).transform(Number),
  z
    .string()
    .regex(/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/)
    .transform(Number),
]);
export const KeyValue = z.object({ key: z.string(), value: z.string().default('') });

/** Parses a request message, answering INVALID_PARAMETER_VALUE the way MLflow does for a wrong type. */
export function parseMessage<S extends z.ZodType>(schema: S, message: unknown): z.output<S> {
  const result = schema.safeParse(message);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || 'request';
  throw invalid(`Invalid value for parameter '${field}' supplied: ${issue?.message ?? 'invalid'}`);
}
