import type { ModelVersion } from '../../../../shared/api/registry.js';
import { byKind } from '../../../../shared/metricNames.js';

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

/**
 * The metric shown on tree nodes and charted by default: the test split's accuracy or r2 where
 * versions have it (a version is judged on unseen data), else accuracy, r2, else the first there
 * is, test split first.
 */
export function defaultMetric(versions: readonly ModelVersion[]): string | null {
  const names = byKind(new Set(versions.flatMap((v) => Object.keys(v.metrics))));
  const preferred = ['test_accuracy', 'test_r2', 'accuracy', 'r2'];
  return preferred.find((p) => names.includes(p)) ?? names[0] ?? null;
}
