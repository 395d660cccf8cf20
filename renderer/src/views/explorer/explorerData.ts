import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Input } from '../../../../shared/api.js';
import { useClient } from '../../data/connection.js';
import type { ExplorerRun } from '../../../../shared/api/runRecords.js';
import { mergeRuns } from './mergeRuns.js';
import { readRunTable } from './readRunTable.js';

/** Query keys of the explorer's methods. */
export const explorerKeys = {
  table: ['runs.table'] as const,
  query: (filter: string, archived: string) => ['runs.query', filter, archived] as const,
  views: ['views.list'] as const,
  compare: (ids: readonly number[]) => ['runs.compare', ids.join(',')] as const,
  series: (input: Input<'runs.series'>) => ['runs.series', JSON.stringify(input)] as const,
};

/** Every run with params, final metrics, tags and notes; refetched when a run changes status. */
export function useRunTable() {
  const client = useClient();
  const queryClient = useQueryClient();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const changed = new Set<number>();
    // Fetches only the runs that changed and merges them in: refetching all 10,000 runs (~13 MB)
    // after every burst of status changes kept the main process busy while jobs trained.
    const refresh = async () => {
      timer = undefined;
      const ids = [...changed];
      changed.clear();
      if (!queryClient.getQueryData(explorerKeys.table)) return; // not loaded yet: it loads fresh
      try {
        const fresh = await client.call('runs.table', { ids });
        queryClient.setQueryData<ExplorerRun[]>(
          explorerKeys.table,
          (old) => old && mergeRuns(old, fresh, ids),
        );
        // A new run, or a status the query asks about, may change what an active query keeps.
        void queryClient.invalidateQueries({ queryKey: ['runs.query'] });
      } catch {
        void queryClient.invalidateQueries({ queryKey: explorerKeys.table });
      }
    };
    const stop = client.subscribe((e) => {
      if (e.type !== 'run.status') return;
      changed.add(e.runId);
      // Coalesce bursts (a sweep starting) into one request.
      timer ??= setTimeout(() => void refresh(), 500);
    });
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [client, queryClient]);
  // The newest screenful first, then the whole table (10,000 runs) behind it: the server answers
  // in order, so asking for both at once would make the first screen wait for the whole.
  const cached = queryClient.getQueryState(explorerKeys.table)?.data !== undefined;
  const first = useQuery({
    queryKey: [...explorerKeys.table, 'first'],
    queryFn: () => client.call('runs.table', { limit: FIRST_SCREEN }),
    enabled: !cached,
  });
  const full = useQuery({
    queryKey: explorerKeys.table,
    queryFn: () => readRunTable((input) => client.call('runs.table', input)),
    enabled: cached || !first.isPending,
    // 10,000 runs are ~13 MB of JSON: coming back to the explorer reuses them for a minute
    // rather than parsing them again mid-click; run status events and edits still refresh it.
    staleTime: 60_000,
  });
  return { ...full, data: full.data ?? first.data, complete: full.isSuccess };
}

const FIRST_SCREEN = 60;

/**
 * The ids matching a query, filtered in SQLite. A malformed query is an error here while the
 * previous ids stay as `data`, so the table keeps showing the last good result.
 */
export function useRunQuery(filter: string, archived: 'exclude' | 'only') {
  const client = useClient();
  return useQuery({
    queryKey: explorerKeys.query(filter, archived),
    queryFn: () => client.call('runs.query', { filter, archived }),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useSavedViews() {
  const client = useClient();
  return useQuery({ queryKey: explorerKeys.views, queryFn: () => client.call('views.list', {}) });
}

/** Refetches a compare view's points and summaries when one of its runs changes status. */
export function useRefreshOnStatus(ids: readonly number[]): void {
  const client = useClient();
  const queryClient = useQueryClient();
  useEffect(() => {
    const watched = new Set(ids);
    return client.subscribe((e) => {
      if (e.type !== 'run.status' || !watched.has(e.runId)) return;
      void queryClient.invalidateQueries({
        predicate: (q) =>
          ['runs.series', 'runs.compare', 'runs.table'].includes(String(q.queryKey[0])),
      });
    });
  }, [client, queryClient, ids]);
}
