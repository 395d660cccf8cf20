import type { ModelVersion } from '../../../../shared/api/registry.js';

/** Versions depth-first from the roots, children by version number: the order a lineage reads in. */
export function lineageOrder(versions: readonly ModelVersion[]): ModelVersion[] {
  const ids = new Set(versions.map((v) => v.id));
  const children = new Map<number | null, ModelVersion[]>();
  for (const v of [...versions].sort((a, b) => a.version - b.version)) {
    const parent = v.parent_id !== null && ids.has(v.parent_id) ? v.parent_id : null;
    children.set(parent, [...(children.get(parent) ?? []), v]);
  }
  const out: ModelVersion[] = [];
  const visit = (parent: number | null) => {
    for (const v of children.get(parent) ?? []) {
      out.push(v);
      visit(v.id);
    }
  };
  visit(null);
  return out;
}

/** The metric shown on tree nodes and charted by default: accuracy, r2, else the first there is. */
export function defaultMetric(versions: readonly ModelVersion[]): string | null {
  const names = [...new Set(versions.flatMap((v) => Object.keys(v.metrics)))].sort();
  return names.find((n) => n === 'accuracy') ?? names.find((n) => n === 'r2') ?? names[0] ?? null;
}
