import { cpSync, existsSync, lstatSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { RunStatus } from '../../../shared/domain.js';
import type { RunImportSummary } from '../../../shared/api/otherTrackers.js';
import { IMPORT_PENDING_TAG } from '../store/runImportRepo.js';
import type { Store } from '../store/store.js';
import { paramJson } from '../tracking/logToRun.js';
import { UserError } from '../userError.js';
import { countLoggedImages, writeImportedImage, type ImportedImage } from './importedImages.js';

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
  /** Every point of every metric (and every image logged per step), in the order the source holds them. */
  points(): Iterable<ImportedPoint | ImportedImage>;
  /** What the source tells only once its points are read (TensorBoard's hparams, text and times). */
  finish?(): {
    params: Record<string, string>;
    note: string;
    startTime: number | null;
    endTime: number | null;
  };
  /** A folder whose files become the run's artifacts. */
  artifactsDir: string | null;
}
interface ImportedPoint {
  kind?: undefined;
  key: string;
  step: number;
  time: number;
  value: number;
}

/** How an import runs: what it may write, when it must stop, and whom it tells how far it got. */
export interface ImportControl {
  preview: boolean;
  /**
   * A run already here has the source's first N points of each metric (an import read the
   * source before): skip them. False when the source itself reads only what is new (a follow's
   * later rounds, which tail each file from where the last round stopped).
   */
  skipKnown: boolean;
  /** The source's runs, for progress. */
  runsTotal: number;
  cancelled(): boolean;
  progress(p: { runs_done: number; runs_total: number; metric_points: number }): void;
  /** What a cancel says: "the import of … was cancelled". */
  what: string;
}

/** Points sorted and written together. */
const BATCH = 4096;
/** How long one slice of writing holds main: short enough that the app stays responsive. */
const SLICE_MS = 25;
const PROGRESS_EVERY_MS = 200;
const iso = (ms: number | null) =>
  ms === null || !Number.isFinite(ms) ? null : new Date(ms).toISOString();
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Writes what a source holds. New runs are written in slices (the event loop runs between them)
 * as hidden runs, shown together in the last transaction with the points that runs already here
 * gained (a grown logdir or store); a cancel or a failure removes everything it began, so an
 * import adds all or nothing. Artifacts are copied after the commit.
 */
export async function writeImportedRuns(
  store: Store,
  dataDir: string,
  runs: Iterable<SourceRun>,
  summary: RunImportSummary,
  control: ImportControl,
): Promise<number[]> {
  const created: { id: number; deletedAt: string | null; artifactsDir: string | null }[] = [];
  const createdExperiments: number[] = [];
  const grown: {
    id: number;
    points: ImportedPoint[];
    status: RunStatus;
    endedAt: string | null;
  }[] = [];
  const experiments = new Set<string>();
  const runFolder = (id: number) => join(dataDir, 'artifacts', 'runs', String(id));
  /** Images go straight to the run's folder (never held in memory); a failed import removes them. */
  const takeImage = (runId: number | null, image: ImportedImage) => {
    if (runId === null || writeImportedImage(runFolder(runId), image, control.preview))
      summary.images++;
  };
  let runsDone = 0;
  let lastProgress = 0;
  const checkpoint = async () => {
    await breathe();
    if (control.cancelled()) throw new UserError(`${control.what} was cancelled`);
    const now = Date.now();
    if (now - lastProgress >= PROGRESS_EVERY_MS) {
      lastProgress = now;
      control.progress({
        runs_done: runsDone,
        runs_total: control.runsTotal,
        metric_points: summary.metric_points,
      });
    }
  };

  try {
    for (const run of runs) {
      experiments.add(run.experiment.name);
      const existing = store.trackedRuns.byTag(run.identity.key, run.identity.value);
      if (existing !== undefined) {
        summary.runs_skipped++;
        const points: ImportedPoint[] = [];
        const known = control.skipKnown ? new Map<string, number>() : null;
        for (const p of run.points()) {
          if (p.kind === 'image') {
            takeImage(existing, p);
            continue;
          }
          if (known) {
            const skip = known.get(p.key) ?? store.metricHistory.count(existing, p.key);
            known.set(p.key, Math.max(0, skip - 1));
            if (skip > 0) continue;
          }
          points.push(p);
          if (points.length % BATCH === 0) await checkpoint();
        }
        summary.metric_points += points.length;
        const identity = store.trackedRuns.byId(existing);
        const statusChanged = identity !== undefined && identity.status !== run.status;
        if (points.length || statusChanged)
          grown.push({ id: existing, points, status: run.status, endedAt: iso(run.endTime) });
      } else {
        summary.runs_added++;
        if (control.preview) {
          for (const p of run.points()) {
            if (p.kind === 'image') takeImage(null, p);
            else if (++summary.metric_points % BATCH === 0) await checkpoint();
          }
          summary.images += countLoggedImages(run.artifactsDir);
          summary.params += Object.keys(run.finish?.().params ?? run.params).length;
        } else {
          const id = insertHidden(store, run, createdExperiments);
          created.push({
            id,
            deletedAt: run.deleted
              ? (iso(run.endTime ?? run.startTime) ?? new Date().toISOString())
              : null,
            artifactsDir: run.artifactsDir,
          });
          const points = run.points()[Symbol.iterator]();
          for (let more = true; more;) {
            // One transaction per slice of about SLICE_MS: commits are few (each costs a WAL
            // append and, now and then, a checkpoint), and main's other work runs between them.
            store.trackedRuns.transaction(() => {
              const end = performance.now() + SLICE_MS;
              let batch: ImportedPoint[] = [];
              for (;;) {
                const next = points.next();
                if (next.done) {
                  more = false;
                  break;
                }
                if (next.value.kind === 'image') {
                  takeImage(id, next.value);
                  if (performance.now() >= end) break;
                  continue;
                }
                batch.push(next.value);
                if (batch.length === BATCH) {
                  appendSorted(store, id, batch, false);
                  summary.metric_points += batch.length;
                  batch = [];
                  if (performance.now() >= end) break;
                }
              }
              appendSorted(store, id, batch, false);
              summary.metric_points += batch.length;
            });
            await checkpoint();
          }
          const late = run.finish?.();
          if (late) {
            store.trackedRuns.transaction(() => {
              store.trackedRuns.write(
                id,
                Object.entries(late.params).map(([k, v]) => [k, paramJson(v)]),
                [],
              );
              store.trackedRuns.setImportedDetails(id, {
                note: late.note,
                started_at: iso(late.startTime),
                ended_at: iso(late.endTime),
              });
            });
          }
          summary.params += Object.keys(late?.params ?? run.params).length;
        }
      }
      runsDone++;
      await checkpoint();
    }
    if (!control.preview) {
      store.trackedRuns.transaction(() => {
        for (const g of grown) {
          if (g.points.length) appendSorted(store, g.id, g.points, false);
          const identity = store.trackedRuns.byId(g.id);
          if (identity && identity.status !== g.status)
            store.trackedRuns.setStatus(g.id, g.status, g.endedAt);
        }
        store.runImports.reveal(created);
      });
    }
  } catch (e) {
    if (created.length || createdExperiments.length)
      store.runImports.purge(
        created.map((c) => c.id),
        createdExperiments,
      );
    for (const c of created) rmSync(runFolder(c.id), { recursive: true, force: true });
    throw e;
  }
  control.progress({
    runs_done: runsDone,
    runs_total: control.runsTotal,
    metric_points: summary.metric_points,
  });
  summary.experiments = experiments.size;
  for (const { id, artifactsDir } of created) {
    copyArtifacts(dataDir, id, artifactsDir, summary.warnings);
    summary.images += countLoggedImages(artifactsDir);
  }
  return [...created.map((c) => c.id), ...grown.map((g) => g.id)];
}

/** A new run, hidden (deleted, tagged pending) until the import that writes it ends. */
function insertHidden(store: Store, run: SourceRun, createdExperiments: number[]): number {
  return store.trackedRuns.transaction(() => {
    let experimentId = store.experiments.named(run.experiment.name)?.id;
    if (experimentId === undefined) {
      experimentId = store.experiments.create(run.experiment.name, run.experiment.tags);
      createdExperiments.push(experimentId);
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
      deleted_at: new Date().toISOString(),
      note: run.note,
    });
    store.trackedRuns.write(
      id,
      Object.entries(run.params).map(([k, v]) => [k, paramJson(v)]),
      [
        ...Object.entries(run.tags),
        [run.identity.key, run.identity.value],
        [IMPORT_PENDING_TAG, '1'],
      ],
    );
    return id;
  });
}

/**
 * Sources interleave keys (a TensorBoard event per tag per step); SQLite inserts in key order
 * several times faster. The sort is stable, so points at a repeated step keep their order.
 */
function appendSorted(
  store: Store,
  runId: number,
  points: ImportedPoint[],
  ownTransaction = true,
): void {
  if (!points.length) return;
  points.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.step - b.step));
  if (ownTransaction)
    store.trackedRuns.transaction(() => store.metricHistory.append(runId, points));
  else store.metricHistory.append(runId, points);
}

/** A run's files beside it at the source, copied (never linked) so the store is self-contained. */
function copyArtifacts(
  dataDir: string,
  runId: number,
  from: string | null,
  warnings: string[],
): void {
  if (!from || !existsSync(from)) return;
  const to = join(dataDir, 'artifacts', 'runs', String(runId));
  try {
    // Symlinks are not followed out of the source: a link is copied as the link it is, then dropped.
    cpSync(from, to, { recursive: true, verbatimSymlinks: true, filter: (src) => !isSymlink(src) });
  } catch (e) {
    rmSync(to, { recursive: true, force: true });
    warnings.push(
      `artifacts of run ${runId} could not be copied from ${from}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
