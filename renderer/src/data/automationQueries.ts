import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useClient } from './connection.js';

export const automationKeys = {
  policies: ['automation.policies'] as const,
  pipelines: ['automation.pipelines'] as const,
};

export function usePolicies() {
  const client = useClient();
  return useQuery({
    queryKey: automationKeys.policies,
    queryFn: () => client.call('automation.policies', {}),
  });
}

export function usePipelines() {
  const client = useClient();
  return useQuery({
    queryKey: automationKeys.pipelines,
    queryFn: () => client.call('automation.pipelines', {}),
  });
}

/** Keeps policies, pipelines and the model tree fresh as pipelines move and policies change (or pause). */
export function useAutomationUpdates(): void {
  const client = useClient();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      client.subscribe((event) => {
        if (event.type === 'policy.changed')
          void queryClient.invalidateQueries({ queryKey: automationKeys.policies });
        if (event.type === 'pipeline.status') {
          void queryClient.invalidateQueries({ queryKey: automationKeys.pipelines });
          void queryClient.invalidateQueries({ queryKey: automationKeys.policies }); // its last check
          void queryClient.invalidateQueries({ queryKey: ['registry.models'] });
          void queryClient.invalidateQueries({ queryKey: ['datasets.list'] });
        }
      }),
    [client, queryClient],
  );
}
