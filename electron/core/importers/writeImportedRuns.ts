import { cpSync, existsSync, lstatSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { RunStatus } from '../../../shared/domain.js';
import type { RunImportSummary } from '../../../shared/runImportApi.js';
import type { Store } from '../store/store.js';
import { paramJson } from '../tracking/logToRun.js';

/** One run as a source describes it, whichever tracker wrote it. */
export interface SourceRun {
  /** The tag that names the run's origin, and its value: how a second import finds it. */
  identity: { key: 'benchtop.source_run_id' | 'benchtop.source_path'; value: string };
  /** A uid to keep (MLflow's run id as a UUID), so the run answers to the same id here. */
  uid: string | null;
  experiment: { name: string; deleted: boolean; tags: Record<string, string> };
  name: string;
  status: RunStatus;
  deleted: boolean;
  startTime: number | null;
  endTime: number | null;
  params: Record<string, string>;
  tags: Record<string, string>;
  note: string;
  /** Every point of every metric, in the order the source holds them. */
  points(): Iterable<{ key: string; step: number; time: number; value: number }>;
  /** What the source tells only once its points are read (TensorBoard's hparams, text and times). */
  finish?(): { params: Record<string, string>; note: string; startTime: number | null; endTime: number | null };
  /** A folder whose files become the run's artifacts. */
  artifactsDir: string | null;
}

const BATCH = 4096;
const iso = (ms: number | null) => (ms === null || !Number.isFinite(ms) ? null : new Date(ms).toISOString());

/**
 * Writes runs in one transaction: new runs whole; runs imported before get only the points
 * they gained (a grown logdir or store). Artifacts are copied after the commit.
 */
export function writeImportedRuns(store: Store, dataDir: string, runs: Iterable<SourceRun>, summary: RunImportSummary, preview: boolean): number[] {
  const added: { id: number; artifactsDir: string | null }[] = [];
  const touched = new Set<number>();
  const experiments = new Set<string>();
  const write = () => {
    for (const run of runs) {
      experiments.add(run.experiment.name);
      const existing = store.trackedRuns.byTag(run.identity.key, run.identity.value);
      if (existing !== undefined) {
        summary.runs_skipped++;
        const gained = appendNew(store, existing, run, preview);
        summary.metric_points += gained;
        if (gained) touched.add(existing);
        continue;
      }
      summary.runs_added++;
      if (preview) {
        for (const _ of run.points()) summary.metric_points++;
        summary.params += Object.keys(run.finish?.().params ?? run.params).length;
        continue;
      }
      const id = insertRun(store, run);
      summary.metric_points += appendNew(store, id, run, false);
      const late = run.finish?.();
      if (late) {
        store.trackedRuns.write(id, Object.entries(late.params).map(([k, v]) => [k, paramJson(v)]), []);
        store.trackedRuns.setImportedDetails(id, { note: late.note, started_at: iso(late.startTime), ended_at: iso(late.endTime) });
      }
      summary.params += Object.keys(late?.params ?? run.params).length;
      added.push({ id, artifactsDir: run.artifactsDir });
      touched.add(id);
    }
  };
  if (preview) write();
  else store.trackedRuns.transaction(write);
  summary.experiments = experiments.size;
  for (const { id, artifactsDir } of added) copyArtifacts(dataDir, id, artifactsDir, summary.warnings);
  return [...touched];
}

function insertRun(store: Store, run: SourceRun): number {
  let experimentId = store.experiments.named(run.experiment.name)?.id;
  if (experimentId === undefined) {
    experimentId = store.experiments.create(run.experiment.name, run.experiment.tags);
    if (run.experiment.deleted) store.experiments.setDeleted(experimentId, true);
  }
  const uidTaken = run.uid !== null && store.trackedRuns.byUid(run.uid) !== undefined;
  const id = store.trackedRuns.insertImported({
    experiment_id: experimentId,
    name: run.name,
    uid: uidTaken ? null : run.uid,
    status: run.status,
    started_at: iso(run.startTime),
    ended_at: iso(run.endTime),
    deleted_at: run.deleted ? (iso(run.endTime ?? run.startTime) ?? new Date().toISOString()) : null,
    note: run.note,
  });
  store.trackedRuns.write(
    id,
    Object.entries(run.params).map(([k, v]) => [k, paramJson(v)]),
    [...Object.entries(run.tags), [run.identity.key, run.identity.value]],
  );
  return id;
}

/** Appends the points past those the run already has, per metric; returns how many. */
function appendNew(store: Store, runId: number, run: SourceRun, preview: boolean): number {
  let total = 0;
  const have = new Map<string, number>();
  let batch: { key: string; step: number; time: number; value: number }[] = [];
  const flush = () => {
    // Sources interleave keys (a TensorBoard event per tag per step); SQLite inserts in key order
    // several times faster. The sort is stable, so points at a repeated step keep their order.
    batch.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.step - b.step));
    if (!preview && batch.length) store.metricHistory.append(runId, batch);
    total += batch.length;
    batch = [];
  };
  for (const p of run.points()) {
    let skip = have.get(p.key);
    if (skip === undefined) skip = store.metricHistory.count(runId, p.key);
    if (skip > 0) {
      have.set(p.key, skip - 1);
      continue;
    }
    have.set(p.key, 0);
    batch.push(p);
    if (batch.length === BATCH) flush();
  }
  flush();
  return total;
}

/** A run's files beside it at the source, copied (never linked) so the store is self-contained. */
function copyArtifacts(dataDir: string, runId: number, from: string | null, warnings: string[]): void {
  if (!from || !existsSync(from)) return;
  const to = join(dataDir, 'artifacts', 'runs', String(runId));
  try {
    // Symlinks are not followed out of the source: a link is copied as the link it is, then dropped.
    cpSync(from, to, { recursive: true, verbatimSymlinks: true, filter: (src) => !isSymlink(src) });
  } catch (e) {
    rmSync(to, { recursive: true, force: true });
    warnings.push(`artifacts of run ${runId} could not be copied from ${from}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
