import { useQuery } from '@tanstack/react-query';
import { useClient } from './connection.js';

export const driftKeys = {
  list: (referenceId: number | null, model: string | null) =>
    ['drift.list', referenceId, model] as const,
  report: (id: number) => ['drift.get', id] as const,
};

/** Past checks for a model, else against any version of the reference's dataset. */
export function useDriftHistory(referenceId: number | null, model: string | null) {
  const client = useClient();
  return useQuery({
    queryKey: driftKeys.list(referenceId, model),
    queryFn: () =>
      client.call(
        'drift.list',
        model !== null ? { model } : referenceId === null ? {} : { referenceId },
      ),
  });
}

export function useDriftReport(id: number | null) {
  const client = useClient();
  return useQuery({
    queryKey: driftKeys.report(id ?? -1),
    queryFn: () => client.call('drift.get', { id: id! }),
    enabled: id !== null,
    staleTime: Infinity,
  });
}
