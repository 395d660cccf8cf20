import type { Dataset, MetricSeries } from '../../../shared/domain.js';
import type { ExplorerRun } from '../../../shared/api/runRecords.js';
import type { CsvValue } from './csv.js';

/** A run as one flat record: fixed fields, then `params.*` and `metrics.*` (each key's latest value; the test split is `metrics.test_*`). */
export function runRecord(
  run: ExplorerRun,
  datasets: ReadonlyMap<number, Dataset>,
): Record<string, CsvValue> {
  const record: Record<string, CsvValue> = {
    id: run.id,
    name: run.name,
    status: run.status,
    experiment: run.experiment,
    model: run.model,
    task: run.task,
    dataset_id: run.dataset_id,
    dataset_hash: run.dataset_id === null ? null : (datasets.get(run.dataset_id)?.hash ?? null),
    target: run.target,
    backend: run.backend,
    created_at: run.created_at,
    started_at: run.started_at,
    ended_at: run.ended_at,
    tags: Object.entries(run.tags)
      .map(([k, v]) => (v ? `${k}=${v}` : k))
      .join(';'),
    archived: run.archived,
  };
  return record;
}

/** Flat records with every param and metric key of the set as its own column (sorted). */
export function runRecords(
  runs: readonly ExplorerRun[],
  datasets: ReadonlyMap<number, Dataset>,
): Record<string, CsvValue>[] {
  const params = [...new Set(runs.flatMap((r) => Object.keys(r.params)))].sort();
  const metrics = [...new Set(runs.flatMap((r) => Object.keys(r.metrics)))].sort();
  return runs.map((r) => {
    const record = runRecord(r, datasets);
    for (const k of params) record[`params.${k}`] = r.params[k] ?? null;
    for (const k of metrics) record[`metrics.${k}`] = r.metrics[k] ?? null;
    return record;
  });
}

/** Every metric point of some runs, one row per point. */
export function metricRecords(
  seriesByRun: ReadonlyMap<number, MetricSeries[]>,
): Record<string, CsvValue>[] {
  const out: Record<string, CsvValue>[] = [];
  for (const [runId, list] of seriesByRun) {
    for (const s of list) {
      s.steps.forEach((step, i) =>
        out.push({
          run_id: runId,
          key: s.key,
          step,
          value: s.values[i] ?? null,
          time: s.times[i] ?? null,
        }),
      );
    }
  }
  return out;
}
