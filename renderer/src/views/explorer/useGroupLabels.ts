import { useMemo } from 'react';
import type { ExplorerRun } from '../../../../shared/api/runRecords.js';
import type { ParamValue } from '../../../../shared/domain.js';
import { groupKey, groupLabeller } from '../../../../shared/runGroups.js';

/** Each group's label over the runs shown: the grouped params whose values differ between groups. */
export function useGroupLabels(
  runs: readonly ExplorerRun[],
  keys: readonly string[] | null,
): ReadonlyMap<string, string> {
  return useMemo(() => {
    const labels = new Map<string, string>();
    if (!keys) return labels;
    const firsts = new Map<string, Readonly<Record<string, ParamValue>>>();
    for (const r of runs) {
      const key = groupKey(r.params, keys);
      if (!firsts.has(key)) firsts.set(key, r.params);
    }
    const labelOf = groupLabeller([...firsts.values()], keys);
    for (const [key, params] of firsts) labels.set(key, labelOf(params));
    return labels;
  }, [runs, keys]);
}
