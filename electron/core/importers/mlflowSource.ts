import type { RunStatus } from '../../../shared/domain.js';
import type {
  ImportedRun,
  ImportedRunStatus,
  MlflowHistoryReader,
} from './mlflow/mlflowHistory.js';
import type { SourceRun } from './writeImportedRuns.js';
import { uidFromRunId } from '../../../shared/mlflow/wireValues.js';

/** A run left RUNNING in a store no process writes any more was cut short: interrupted, not running forever. */
const STATUS: Record<ImportedRunStatus, RunStatus> = {
  FINISHED: 'finished',
  FAILED: 'failed',
  KILLED: 'cancelled',
  RUNNING: 'interrupted',
  SCHEDULED: 'interrupted',
};

/**
 * An MLflow store's runs as sources: experiments keep their names, source tags stay as they were.
 * While the store is followed a RUNNING run is running here too (a process is writing it).
 */
export function* mlflowSourceRuns(
  reader: MlflowHistoryReader,
  warn: (message: string) => void,
  {
    followed = false,
    runs = reader.runs(),
  }: { followed?: boolean; runs?: Iterable<ImportedRun> } = {},
): Generator<SourceRun> {
  const experiments = new Map(reader.experiments().map((e) => [e.sourceId, e]));
  for (const run of runs) {
    const experiment = experiments.get(run.experimentSourceId);
    yield {
      identity: { key: 'benchtop.source_run_id', value: run.sourceId },
      uid: uidFromRunId(run.sourceId),
      experiment: experiment
        ? { name: experiment.name, deleted: experiment.deleted, tags: experiment.tags }
        : { name: `mlflow-${run.experimentSourceId}`, deleted: false, tags: {} },
      name: run.name,
      status: followed && run.status === 'RUNNING' ? 'running' : STATUS[run.status],
      deleted: run.deleted,
      startTime: run.startTime,
      endTime: run.endTime,
      params: run.params,
      tags:
        run.userId && run.tags['mlflow.user'] === undefined
          ? { ...run.tags, 'mlflow.user': run.userId }
          : run.tags,
      note: run.tags['mlflow.note.content'] ?? '',
      *points() {
        for (const key of run.metricKeys) {
          let dropped = 0;
          for (const p of reader.points(run, key)) {
            if (!Number.isSafeInteger(p.step)) dropped++;
            else yield { key, step: p.step, time: p.timestamp, value: p.value };
          }
          if (dropped)
            warn(
              `run ${run.sourceId}: ${dropped} point(s) of ${key} have a step past 2^53 and were left out`,
            );
        }
      },
      artifactsDir: run.artifactsDir,
    };
  }
}
