import type { RunStatus } from '../domain.js';

/** Values as MLflow's wire carries them, for the server, the push/pull client and the importers. */

/** A run's status in MLflow's words; an interrupted run will never log again, so for MLflow it was killed. */
export const STATUS_TO_MLFLOW: Record<RunStatus, string> = {
  queued: 'SCHEDULED',
  running: 'RUNNING',
  finished: 'FINISHED',
  failed: 'FAILED',
  cancelled: 'KILLED',
  interrupted: 'KILLED',
};

/** Protobuf's JSON mapping of doubles: NaN and the infinities travel as strings. */
export function doubleToWire(v: number): number | string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  return v;
}

/** MLflow's 32-hex run id as Benchtop's run uid (the same digits as a UUID); null when it is not one. */
export function uidFromRunId(runId: string): string | null {
  const hex = runId.trim().toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A run's MLflow id: its uid's 32 hex digits. */
export const runIdFromUid = (uid: string) => uid.replaceAll('-', '');
