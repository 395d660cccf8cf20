import { useQuery } from '@tanstack/react-query';
import { useClient } from './connection.js';

/** Query keys, one per contract method (plus its id where it takes one). */
export const keys = {
  datasets: ['datasets.list'] as const,
  samples: ['datasets.samples'] as const,
  runs: ['runs.list'] as const,
  run: (id: number) => ['runs.get', id] as const,
  metrics: (id: number) => ['runs.metrics', id] as const,
};

export function useDatasets() {
  const client = useClient();
  return useQuery({ queryKey: keys.datasets, queryFn: () => client.call('datasets.list', {}) });
}

export function useSamples() {
  const client = useClient();
  return useQuery({
    queryKey: keys.samples,
    queryFn: () => client.call('datasets.samples', {}),
    staleTime: Infinity,
  });
}

export function useRuns() {
  const client = useClient();
  return useQuery({ queryKey: keys.runs, queryFn: () => client.call('runs.list', {}) });
}

export function useRun(id: number) {
  const client = useClient();
  return useQuery({ queryKey: keys.run(id), queryFn: () => client.call('runs.get', { id }) });
}

/** Fetched once per run; live `run.metric` events then append to this cache (see useLiveUpdates). */
export function useRunMetrics(id: number) {
  const client = useClient();
  return useQuery({
    queryKey: keys.metrics(id),
    queryFn: () => client.call('runs.metrics', { id }),
    staleTime: Infinity,
  });
}
