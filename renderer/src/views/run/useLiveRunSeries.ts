import { useQueryClient, type Query } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useClient } from '../../data/connection.js';
import { keys } from '../../data/queries.js';

/** A run's chart queries (runs.series for this run alone). */
const isRunSeries = (runId: number) => (query: Query) => {
  if (query.queryKey[0] !== 'runs.series' || typeof query.queryKey[1] !== 'string') return false;
  try {
    const { ids } = JSON.parse(query.queryKey[1]) as { ids?: unknown };
    return Array.isArray(ids) && ids.length === 1 && ids[0] === runId;
  } catch {
    return false;
  }
};

/**
 * While a run is active, its drawn charts refetch their (downsampled) points at most twice a
 * second after new points arrive, and the run itself (for metric keys it just began to log).
 * When it ends, once more: the stored points are the truth.
 */
export function useLiveRunSeries(runId: number, active: boolean): void {
  const client = useClient();
  const queryClient = useQueryClient();
  useEffect(() => {
    const refresh = () => {
      void queryClient.invalidateQueries({ predicate: isRunSeries(runId) });
    };
    if (!active) {
      refresh();
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = client.subscribe((e) => {
      if (e.type !== 'run.metric' || e.runId !== runId) return;
      timer ??= setTimeout(() => {
        timer = undefined;
        refresh();
        void queryClient.invalidateQueries({ queryKey: keys.run(runId) });
      }, 500);
    });
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [client, queryClient, runId, active]);
}
