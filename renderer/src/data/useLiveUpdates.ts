import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ApiEvent } from '../../../shared/api.js';
import { TERMINAL_STATUSES, type MetricSeries, type Run } from '../../../shared/domain.js';
import { appendPoints } from '../lib/appendPoints.js';
import { useClient } from './connection.js';
import { keys } from './queries.js';

/** Subscribes once to the server's events and keeps the react-query caches current. */
export function useLiveUpdates(): void {
  const client = useClient();
  const queryClient = useQueryClient();

  useEffect(() => {
    // The runs list is patched at once below; its refetch (every run, with params and metrics)
    // runs at most once per 300 ms, however many runs change status (a sweep starting).
    let refetchRuns: ReturnType<typeof setTimeout> | undefined;
    const onEvent = (event: ApiEvent): void => {
      if (event.type === 'run.metric') {
        // Append only to a loaded series; a run whose metrics were never fetched loads them fresh.
        queryClient.setQueryData<MetricSeries[]>(keys.metrics(event.runId), (old) =>
          old ? appendPoints(old, event.points) : old,
        );
      } else if (event.type === 'run.status') {
        const patch = (run: Run): Run =>
          run.id === event.runId ? { ...run, status: event.status, error: event.error } : run;
        queryClient.setQueryData<Run[]>(keys.runs, (old) => old?.map(patch));
        queryClient.setQueryData<Run>(keys.run(event.runId), (old) => (old ? patch(old) : old));
        refetchRuns ??= setTimeout(() => {
          refetchRuns = undefined;
          void queryClient.invalidateQueries({ queryKey: keys.runs });
        }, 300);
        void queryClient.invalidateQueries({ queryKey: keys.run(event.runId) });
        if (TERMINAL_STATUSES.includes(event.status)) {
          // The stored series is the truth once the run ends; it fills any point missed in flight.
          void queryClient.invalidateQueries({ queryKey: keys.metrics(event.runId) });
        }
      } else if (event.type === 'store.changed') {
        // Another process (a `benchtop` command in a terminal) added to these lists.
        if (event.areas.includes('runs')) {
          void queryClient.invalidateQueries({ queryKey: keys.runs });
          void queryClient.invalidateQueries({ queryKey: ['runs.table'] });
          void queryClient.invalidateQueries({ queryKey: ['runs.query'] });
        }
        if (event.areas.includes('datasets'))
          void queryClient.invalidateQueries({ queryKey: keys.datasets });
        if (event.areas.includes('models'))
          void queryClient.invalidateQueries({ queryKey: ['registry.models'] });
      } else if (event.type === 'app.navigate') {
        // Desktop menus and files opened from the OS (which may just have been imported).
        void queryClient.invalidateQueries({ queryKey: keys.datasets });
        window.location.hash = event.hash;
      }
    };
    const stop = client.subscribe(onEvent);
    return () => {
      stop();
      clearTimeout(refetchRuns);
    };
  }, [client, queryClient]);
}
