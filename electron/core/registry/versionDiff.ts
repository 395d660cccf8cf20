import type { Column, ParamValue } from '../../../shared/domain.js';
import type { VersionDiff } from '../../../shared/api/registry.js';

interface Side {
  id: number;
  params: Record<string, ParamValue>;
  metrics: Record<string, number>;
  dataset: { label: string; columns: Column[] } | null;
}

const keysOf = (a: object, b: object) =>
  [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();

/** Params, metrics and the dataset schema of two versions side by side. */
export function diffVersions(a: Side, b: Side): VersionDiff {
  const colsA = new Map((a.dataset?.columns ?? []).map((c) => [c.name, c.type]));
  const colsB = new Map((b.dataset?.columns ?? []).map((c) => [c.name, c.type]));
  return {
    a: a.id,
    b: b.id,
    params: keysOf(a.params, b.params).map((name) => {
      const [va, vb] = [a.params[name] ?? null, b.params[name] ?? null];
      return { name, a: va, b: vb, same: va === vb };
    }),
    metrics: keysOf(a.metrics, b.metrics).map((name) => ({
      name,
      a: a.metrics[name] ?? null,
      b: b.metrics[name] ?? null,
    })),
    dataset: {
      a: a.dataset?.label ?? null,
      b: b.dataset?.label ?? null,
      same: a.dataset?.label === b.dataset?.label,
      columns_added: [...colsB.keys()].filter((c) => !colsA.has(c)),
      columns_removed: [...colsA.keys()].filter((c) => !colsB.has(c)),
      columns_retyped: [...colsB.entries()]
        .filter(([name, type]) => colsA.has(name) && colsA.get(name) !== type)
        .map(([name, to]) => ({ name, from: colsA.get(name)!, to })),
    },
  };
}
