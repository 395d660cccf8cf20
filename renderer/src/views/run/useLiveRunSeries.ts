import { useQueryClient, type Query } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useClient } from '../../data/connection.js';
import type { Run } from '../../../../shared/domain.js';
import { keys } from '../../data/queries.js';

const REFRESH_MS = 1000;

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
 * While a run is active, its drawn charts refetch their (downsampled) points at most once a
 * second after new points arrive, and the run itself when a metric key it did not have arrives.
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
    let newKey = false;
    const stop = client.subscribe((e) => {
      if (e.type !== 'run.metric' || e.runId !== runId) return;
      const known = queryClient.getQueryData<Run>(keys.run(runId))?.metrics ?? {};
      newKey ||= e.points.some((p) => !(p.key in known));
      timer ??= setTimeout(() => {
        timer = undefined;
        refresh();
        // The run (and with it the list of keys) only when a key it did not have arrived.
        if (newKey) void queryClient.invalidateQueries({ queryKey: keys.run(runId), exact: true });
        newKey = false;
      }, REFRESH_MS);
    });
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [client, queryClient, runId, active]);
}
