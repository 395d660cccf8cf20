import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ParamValue } from '../../../shared/domain.js';
import { testMetrics } from '../../../shared/metricNames.js';
import type { Store } from '../store/store.js';
import { runFolder, type ArchivedRun } from './experimentsArchive.js';

/**
 * Records one archived run under a new id (inside the import's transaction) and moves its
 * artifact files into `artifacts/runs/<id>/`; returns how many files it moved. A run that was
 * still queued or running where it was exported arrives interrupted: nothing here runs it.
 */
export function insertArchivedRun(
  store: Store,
  dataDir: string,
  run: ArchivedRun,
  datasetId: number | null,
  stage: string,
  move: (from: string, to: string) => void,
): number {
  const training = store.training;
  const unfinished = run.status === 'queued' || run.status === 'running';
  const id = store.runArchive.insert({
    uid: run.uid,
    experiment_id: store.experiments.ensure(run.experiment),
    dataset_id: datasetId,
    name: run.name,
    status: unfinished ? 'interrupted' : run.status,
    model: run.model,
    task: run.task,
    target: run.target,
    backend: run.backend,
    error: unfinished ? 'exported before it finished' : run.error,
    created_at: run.created_at,
    started_at: run.started_at,
    ended_at: run.ended_at,
    archived: run.archived ? 1 : 0,
    note: run.note,
    source: run.source,
  });
  store.params.set(id, run.params as Record<string, ParamValue>);
  for (const t of run.tags) store.runArchive.setTag(id, t.key, t.value);
  for (const series of run.metrics) {
    const n = series.steps.length;
    store.metrics.append(id, {
      keys: [series.key],
      keyIndex: new Uint16Array(n),
      step: Float64Array.from(series.steps),
      value: Float64Array.from(series.values.slice(0, n)),
      time: Float64Array.from(series.times.slice(0, n)),
    });
  }
  if (run.environment) training.setEnvironment(id, run.environment);
  if (run.evaluation) {
    training.setEvaluation(id, run.evaluation);
    // An archive from before test metrics had names of their own: its evaluation becomes
    // `test_*` points at the final step, as migration 12 does for a store.
    const missing = Object.entries(testMetrics(run.evaluation)).filter(
      ([key]) => !run.metrics.some((s) => s.key === key),
    );
    if (missing.length) {
      const step = Math.max(0, ...run.metrics.flatMap((s) => s.steps.slice(-1)));
      const time = Math.max(
        0,
        ...run.metrics.flatMap((s) => s.times.slice(-1)),
        Date.parse(run.ended_at ?? '') || 0,
      );
      store.metrics.append(id, {
        keys: missing.map(([key]) => key),
        keyIndex: Uint16Array.from(missing, (_, i) => i),
        step: Float64Array.from(missing, () => step),
        value: Float64Array.from(missing, ([, value]) => value),
        time: Float64Array.from(missing, () => time),
      });
    }
  }
  for (const log of run.logs) training.log(id, log.level, log.message);

  const folder = join(dataDir, 'artifacts', 'runs', String(id));
  // A folder left by a run whose id was rolled back belongs to no run: the new one starts clean.
  rmSync(folder, { recursive: true, force: true });
  for (const f of run.files)
    move(join(stage, runFolder(run.uid), ...f.split('/')), join(folder, ...f.split('/')));
  for (const a of run.artifacts) {
    training.addArtifact(id, {
      name: a.name,
      path: a.file === null ? '' : join(folder, ...a.file.split('/')),
      sha256: a.sha256,
      bytes: a.bytes,
    });
  }
  return run.files.length;
}
