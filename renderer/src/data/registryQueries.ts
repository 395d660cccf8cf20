import { useQuery } from '@tanstack/react-query';
import { useClient } from './connection.js';

export const registryKeys = {
  models: ['registry.models'] as const,
  version: (id: number) => ['registry.version', id] as const,
  diff: (a: number, b: number) => ['registry.diff', a, b] as const,
};

export function useModels() {
  const client = useClient();
  return useQuery({
    queryKey: registryKeys.models,
    queryFn: () => client.call('registry.models', {}),
  });
}

export function useVersionDetail(id: number | null) {
  const client = useClient();
  return useQuery({
    queryKey: registryKeys.version(id ?? -1),
    queryFn: () => client.call('registry.version', { id: id! }),
    enabled: id !== null,
  });
}

export function useVersionDiff(a: number | null, b: number | null) {
  const client = useClient();
  return useQuery({
    queryKey: registryKeys.diff(a ?? -1, b ?? -1),
    queryFn: () => client.call('registry.diff', { a: a!, b: b! }),
    enabled: a !== null && b !== null,
  });
}
