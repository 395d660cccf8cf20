import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { XAxis } from '../../../../shared/api/runRecords.js';
import { useClient } from '../../data/connection.js';
import { explorerKeys } from './explorerData.js';

export interface SeriesParams {
  ids: number[];
  /** One metric over many runs, or a run's few related metrics (`loss` and `val_loss`). */
  keys: string[];
  xAxis: XAxis;
  range: { min: number; max: number } | null;
  maxPoints: number;
}

/**
 * A chart's points, downsampled on the main side; the previous points stay while zooming.
 * `enabled: false` holds the request back (a chart not yet scrolled into view).
 */
export function useSeries({
  ids,
  keys,
  xAxis,
  range,
  maxPoints,
  enabled = true,
}: SeriesParams & { enabled?: boolean }) {
  const client = useClient();
  const input = { ids, keys, xAxis, maxPoints, ...(range ? { range } : {}) };
  return useQuery({
    queryKey: explorerKeys.series(input),
    queryFn: () => client.call('runs.series', input),
    placeholderData: keepPreviousData,
    enabled: enabled && ids.length > 0 && keys.length > 0 && maxPoints >= 2,
    staleTime: 30_000,
  });
}
