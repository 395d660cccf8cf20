import type { ExplorerRun } from '../../../../shared/api/runRecords.js';

/**
 * The table after some runs changed: rows of `fresh` replace those with their id, new runs join
 * in id order (newest first, as the server lists them), and asked-for ids the server no longer
 * returns (deleted) leave. Only the changed rows cross the wire, not all 10,000.
 */
export function mergeRuns(
  table: readonly ExplorerRun[],
  fresh: readonly ExplorerRun[],
  asked: readonly number[],
): ExplorerRun[] {
  const byId = new Map(fresh.map((r) => [r.id, r]));
  const gone = new Set(asked.filter((id) => !byId.has(id)));
  const kept = table
    .filter((r) => !gone.has(r.id))
    .map((r) => {
      const next = byId.get(r.id);
      if (next) byId.delete(r.id);
      return next ?? r;
    });
  if (byId.size === 0) return kept;
  return [...kept, ...byId.values()].sort((a, b) => b.id - a.id);
}
