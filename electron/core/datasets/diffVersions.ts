import type { ColumnProfile, DatasetDiff, DatasetProfile } from '../../../shared/api/datasets.js';
import type { Dataset } from '../../../shared/domain.js';

const NUMERIC_STATS = ['mean', 'std', 'min', 'max', 'p50'] as const;

const summary = (d: Dataset) => ({ id: d.id, name: d.name, version: d.version, rows: d.rows });

/** Per-column statistics that differ between two profiles of the same column. */
function statChanges(
  a: ColumnProfile | undefined,
  b: ColumnProfile | undefined,
  fallbackA: Dataset['columns'][number],
  fallbackB: Dataset['columns'][number],
) {
  const changes: { stat: string; before: number | null; after: number | null }[] = [];
  const push = (stat: string, before: number | null, after: number | null) => {
    if (before !== after) changes.push({ stat, before, after });
  };
  push('missing', fallbackA.missing, fallbackB.missing);
  push('distinct', fallbackA.distinct, fallbackB.distinct);
  for (const stat of NUMERIC_STATS) push(stat, a?.stats?.[stat] ?? null, b?.stats?.[stat] ?? null);
  return changes;
}

/** What changed from one version to another: columns added, removed, retyped; rows; statistics. */
export function diffVersions(
  from: Dataset,
  to: Dataset,
  fromProfile: DatasetProfile | null,
  toProfile: DatasetProfile | null,
): DatasetDiff {
  const before = new Map(from.columns.map((c) => [c.name, c]));
  const after = new Map(to.columns.map((c) => [c.name, c]));
  const profileOf = (p: DatasetProfile | null, name: string) =>
    p?.columns.find((c) => c.name === name);
  const changed: DatasetDiff['changed'] = [];
  const retyped: DatasetDiff['retyped'] = [];
  for (const [name, a] of before) {
    const b = after.get(name);
    if (!b) continue;
    if (a.type !== b.type) retyped.push({ name, from: a.type, to: b.type });
    const changes = statChanges(profileOf(fromProfile, name), profileOf(toProfile, name), a, b);
    if (changes.length) changed.push({ name, changes });
  }
  return {
    from: summary(from),
    to: summary(to),
    rows_delta: to.rows - from.rows,
    added: to.columns.filter((c) => !before.has(c.name)).map(({ name, type }) => ({ name, type })),
    removed: from.columns
      .filter((c) => !after.has(c.name))
      .map(({ name, type }) => ({ name, type })),
    retyped,
    changed,
  };
}
