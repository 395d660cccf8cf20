import type { ExplorerRun } from '../../../../shared/api/runRecords.js';
import { byKind } from '../../../../shared/metricNames.js';

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

/** The columns a fresh explorer shows: a few metrics (test split first), then the params that vary. */
export function defaultColumns(all: readonly DynamicColumn[]): string[] {
  const metrics = all.filter((c) => c.kind === 'metrics').slice(0, 4);
  const params = all.filter((c) => c.kind === 'params').slice(0, 4);
  return [...metrics, ...params].map((c) => c.id);
}

/** react-table sorting ↔ the saved `-field` form the CLI also takes. */
export const sortToString = (s: { id: string; desc: boolean } | undefined): string =>
  s ? `${s.desc ? '-' : ''}${s.id}` : '';
export const sortFromString = (s: string): { id: string; desc: boolean }[] =>
  s ? [{ id: s.replace(/^-/, ''), desc: s.startsWith('-') }] : [];
