import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { XAxis } from '../../../../shared/api/runRecords.js';
import { useClient } from '../../data/connection.js';
import { explorerKeys } from './explorerData.js';

export interface SeriesParams {
  ids: number[];
  metric: string;
  xAxis: XAxis;
  range: { min: number; max: number } | null;
  maxPoints: number;
}

/** A chart's points, downsampled on the main side; the previous points stay while zooming. */
export function useSeries({ ids, metric, xAxis, range, maxPoints }: SeriesParams) {
  const client = useClient();
  const input = { ids, keys: [metric], xAxis, maxPoints, ...(range ? { range } : {}) };
  return useQuery({
    queryKey: explorerKeys.series(input),
    queryFn: () => client.call('runs.series', input),
    placeholderData: keepPreviousData,
    enabled: ids.length > 0 && maxPoints >= 2,
    staleTime: 30_000,
  });
}
