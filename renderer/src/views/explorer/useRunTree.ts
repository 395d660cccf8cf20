import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { ExplorerRun } from '../../../../shared/api/runRecords.js';
import { uidFromRunId } from '../../../../shared/mlflow/wireValues.js';
import { useClient } from '../../data/connection.js';
import { buildRunTree, hasNestedRuns, PARENT_TAG, type RunTree } from './runTree.js';

/**
 * Which of the runs shown (archived or not) are nested under which; null when none is.
 * The table's rows carry no uid, so the runs the parent tags name are looked up by uid
 * (a handful of runs, asked again when the number of runs changes).
 */
export function useRunTree(runs: ExplorerRun[] | undefined, archived: boolean): RunTree | null {
  const client = useClient();
  const pool = useMemo(
    () => (runs && hasNestedRuns(runs) ? runs.filter((r) => r.archived === archived) : null),
    [runs, archived],
  );
  const parentUids = useMemo(() => {
    const uids = new Set<string>();
    for (const r of pool ?? []) {
      const tag = r.tags[PARENT_TAG];
      const uid = tag === undefined ? null : uidFromRunId(tag);
      if (uid) uids.add(uid);
    }
    return [...uids].sort().slice(0, 50_000);
  }, [pool]);
  const parents = useQuery({
    queryKey: ['runs.tracked', 'parents', parentUids.join(','), runs?.length ?? 0],
    queryFn: () => client.call('runs.tracked', { uids: parentUids }),
    enabled: parentUids.length > 0,
    // A new query for a new run keeps the tree as it was until it answers, rather than flatten it.
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
  return useMemo(() => {
    if (!pool) return null;
    const uidById = new Map((parents.data ?? []).map((r) => [r.id, r.uid]));
    const tree = buildRunTree(pool, (r) => uidById.get(r.id));
    return tree.parentOf.size ? tree : null;
  }, [pool, parents.data]);
}
