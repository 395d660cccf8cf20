import type { ExplorerRun } from '../../../../shared/api/runRecords.js';
import { byKind, evaluationName, headlineOf, metricKind } from '../../../../shared/metricNames.js';

/** A table column beyond the fixed ones: `params.lr`, `metrics.loss`, `tags.baseline`. */
export type ColumnKind = 'params' | 'metrics' | 'tags';
export interface DynamicColumn {
  id: string;
  kind: ColumnKind;
  key: string;
}

export const columnId = (kind: ColumnKind, key: string): string => `${kind}.${key}`;

export function parseColumnId(id: string): DynamicColumn | null {
  const match = /^(params|metrics|tags)\.(.+)$/.exec(id);
  return match ? { id, kind: match[1] as ColumnKind, key: match[2]! } : null;
}

/**
 * Every param, metric and tag any run has, as columns: metrics first, the test split's
 * (`test_*`) before validation and training curves, then params and tags, each by name.
 */
export function availableColumns(runs: readonly ExplorerRun[]): DynamicColumn[] {
  const seen = { params: new Set<string>(), metrics: new Set<string>(), tags: new Set<string>() };
  for (const r of runs) {
    for (const k in r.params) seen.params.add(k);
    for (const k in r.metrics) seen.metrics.add(k);
    for (const k in r.tags) seen.tags.add(k);
  }
  return (['metrics', 'params', 'tags'] as const).flatMap((kind) =>
    (kind === 'metrics' ? byKind(seen[kind]) : [...seen[kind]].sort()).map((key) => ({
      id: columnId(kind, key),
      kind,
      key,
    })),
  );
}

export type CellValue = number | string | boolean | null | undefined;

export function cellValue(run: ExplorerRun, c: DynamicColumn): CellValue {
  if (c.kind === 'params') return run.params[c.key];
  if (c.kind === 'metrics') return run.metrics[c.key];
  return run.tags[c.key];
}

/** Numbers before text, missing last; so a param holding both still sorts sensibly. */
export function compareValues(a: CellValue, b: CellValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return String(a).localeCompare(String(b));
}

/** A param whose most common value (missing counts as one) is on more than this share of runs is near-constant. */
const NEAR_CONSTANT = 0.9;
const DEFAULT_PARAMS = 6;
const DEFAULT_METRICS = 4;
/** The test split's metrics a reader looks for first; others follow by name. */
const TEST_FIRST = ['accuracy', 'f1_macro', 'roc_auc', 'r2', 'rmse', 'mae', 'loss'];

/**
 * The params that tell the runs apart: those with two values or more where present, whose most
 * common value (a run without the param counts as one value) is held by at most 90% of the runs.
 * Constant and near-constant params, a param only a few runs have, and one that has a single value
 * wherever present are left out. Ordered by name.
 */
export function informativeParams(
  runs: readonly ExplorerRun[],
  keys: Iterable<string> = paramKeys(runs),
  limit = Infinity,
): string[] {
  if (runs.length < 2) return [];
  const most = NEAR_CONSTANT * runs.length;
  const out: string[] = [];
  for (const k of [...keys].sort()) {
    const counts = new Map<ExplorerRun['params'][string] | undefined, number>();
    let modal = 0;
    for (const r of runs) {
      const v = r.params[k];
      const n = (counts.get(v) ?? 0) + 1;
      counts.set(v, n);
      if (n > modal) modal = n;
      if (modal > most) break;
    }
    // One value where present: the param tells only which runs have it, not how they differ.
    if (modal > most || counts.size - (counts.has(undefined) ? 1 : 0) < 2) continue;
    out.push(k);
    if (out.length >= limit) break;
  }
  return out;
}

const paramKeys = (runs: readonly ExplorerRun[]): Set<string> => {
  const keys = new Set<string>();
  for (const r of runs) for (const k in r.params) keys.add(k);
  return keys;
};

/**
 * The metrics a run is known by (docs/metrics.md): the test split's where a run has them, else
 * its headline accuracy and loss (last epoch's validation value, else training value), else (a
 * script's own names) its validation curves, else its training curves.
 */
export function headlineMetrics(runs: readonly ExplorerRun[]): string[] {
  const keys = new Set<string>();
  for (const r of runs) {
    let tested = false;
    for (const k in r.metrics) {
      if (metricKind(k) !== 'test') continue;
      keys.add(k);
      tested = true;
    }
    if (tested) continue;
    let known = false;
    for (const name of ['accuracy', 'loss']) {
      const h = headlineOf(r.metrics, name);
      if (h) keys.add(h.key);
      if (h) known = true;
    }
    if (known) continue;
    // Names of a script's own (`val_acc`): its validation curves, else its training curves.
    const own = Object.keys(r.metrics).filter((k) => metricKind(k) !== 'system');
    const validation = own.filter((k) => metricKind(k) === 'validation');
    for (const k of validation.length ? validation : own) keys.add(k);
  }
  const rank = (k: string) => {
    const i = TEST_FIRST.indexOf(evaluationName(k).replace(/^val_/, ''));
    return i < 0 ? TEST_FIRST.length : i;
  };
  return [...keys].sort((a, b) => {
    const kinds = ['test', 'validation', 'training'];
    return (
      kinds.indexOf(metricKind(a)) - kinds.indexOf(metricKind(b)) ||
      rank(a) - rank(b) ||
      a.localeCompare(b)
    );
  });
}

/**
 * The columns a fresh explorer shows for the runs shown: their headline metrics (test split first),
 * then the params that tell them apart. With one run nothing differs: its first params show.
 */
export function defaultColumns(
  runs: readonly ExplorerRun[],
  keys: Iterable<string> = paramKeys(runs),
): string[] {
  const metrics = headlineMetrics(runs).slice(0, DEFAULT_METRICS);
  const params =
    runs.length === 1
      ? Object.keys(runs[0]!.params).sort()
      : informativeParams(runs, keys, DEFAULT_PARAMS);
  return [
    ...metrics.map((k) => columnId('metrics', k)),
    ...params.slice(0, DEFAULT_PARAMS).map((k) => columnId('params', k)),
  ];
}

/** react-table sorting ↔ the saved `-field` form the CLI also takes. */
export const sortToString = (s: { id: string; desc: boolean } | undefined): string =>
  s ? `${s.desc ? '-' : ''}${s.id}` : '';
export const sortFromString = (s: string): { id: string; desc: boolean }[] =>
  s ? [{ id: s.replace(/^-/, ''), desc: s.startsWith('-') }] : [];
