import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useClient } from './connection.js';

export const trainingKeys = {
  jobs: ['jobs.list'] as const,
  details: (id: number) => ['runs.details', id] as const,
  sweeps: ['sweeps.list'] as const,
  sweep: (id: number) => ['sweeps.get', id] as const,
};

/** The job queue: polled while something is queued or running (CPU% and memory change all the time). */
export function useJobs(active: boolean) {
  const client = useClient();
  return useQuery({
    queryKey: trainingKeys.jobs,
    queryFn: () => client.call('jobs.list', {}),
    refetchInterval: active ? 1000 : false,
  });
}

export function useRunDetails(id: number, status: string) {
  const client = useClient();
  // The status is part of the key: a run that just finished has its evaluation and artifacts.
  return useQuery({
    queryKey: [...trainingKeys.details(id), status],
    queryFn: () => client.call('runs.details', { id }),
  });
}

export function useSweeps() {
  const client = useClient();
  return useQuery({
    queryKey: trainingKeys.sweeps,
    queryFn: () => client.call('sweeps.list', {}),
    refetchInterval: (q) => (q.state.data?.some((s) => s.status === 'running') ? 1500 : false),
  });
}

export function useSweep(id: number) {
  const client = useClient();
  const query = useQuery({
    queryKey: trainingKeys.sweep(id),
    queryFn: () => client.call('sweeps.get', { id }),
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 1000 : false),
  });
  return query;
}

export interface Progress {
  fraction: number;
  message: string;
  /** Seconds left, from the pace so far; null until two reports have arrived. */
  etaSeconds: number | null;
}

/** The latest `job.progress` of a run and an ETA from its pace since the first report. */
export function useRunProgress(runId: number): Progress | null {
  const client = useClient();
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(() => {
    let first: { fraction: number; time: number } | null = null;
    return client.subscribe((event) => {
      if (event.type !== 'job.progress' || event.runId !== runId) return;
      const now = performance.now();
      first ??= { fraction: event.fraction, time: now };
      const done = event.fraction - first.fraction;
      const eta = done > 0 ? ((now - first.time) / 1000 / done) * (1 - event.fraction) : null;
      setProgress({ fraction: event.fraction, message: event.message, etaSeconds: eta });
    });
  }, [client, runId]);
  return progress;
}
