import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { DriftReport } from '../../../shared/api/drift.js';
import type { Dataset } from '../../../shared/domain.js';
import { driftKeys } from './driftQueries.js';
import { keys } from './queries.js';
import { navigate, parseRoute } from './route.js';

/**
 * Puts a just-imported dataset into the cached list (so its view has it at once) and opens it;
 * on the drift view it becomes the current side of the check instead.
 */
export function useOpenDataset(): (dataset: Dataset) => void {
  const queryClient = useQueryClient();
  return useCallback(
    (dataset: Dataset) => {
      queryClient.setQueryData<Dataset[]>(keys.datasets, (old) =>
        old ? [...old.filter((d) => d.id !== dataset.id), dataset] : [dataset],
      );
      void queryClient.invalidateQueries({ queryKey: keys.datasets });
      const route = parseRoute(window.location.hash);
      if (route.view !== 'drift') return navigate({ view: 'dataset', id: dataset.id });
      // A report on screen: its reference stays the reference of the next check.
      const shown =
        route.reportId === null
          ? undefined
          : queryClient.getQueryData<DriftReport>(driftKeys.report(route.reportId));
      navigate({
        view: 'drift',
        reportId: null,
        reference: route.reference ?? shown?.reference_id ?? null,
        current: dataset.id,
      });
    },
    [queryClient],
  );
}
