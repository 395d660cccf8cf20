import type { SeriesSlice, XAxis } from '../../../../shared/api/runRecords.js';
import {
  alignedBand,
  bandEdges,
  griddedBand,
  type BandKind,
  type GroupBand,
} from '../../../../shared/groupBands.js';

/** A group of compared runs as a chart draws it. */
export interface ChartGroup {
  label: string;
  ids: readonly number[];
  color: string;
}

/** One group's line on one chart, as a slice the chart draws like a run's (band as its envelope). */
export interface GroupLine {
  group: ChartGroup;
  /** Members with a series of this metric on the chart. */
  n: number;
  band: GroupBand;
  /** The mean as y, the band's edges as lo/hi (null for a lone member: no band to draw). */
  slice: SeriesSlice;
  /** Members aligned by exact step; false: bucketed (times, or downsampled members). */
  aligned: boolean;
}

/**
 * Each group's mean line and band from the points the chart got. On the step axis with every
 * member at full resolution the members align step by step; otherwise (time axes, where no two
 * runs share an x; members downsampled, whose points are bucket means at their own buckets)
 * they are bucketed first (griddedBand). Either way, at each x only the members present count.
 */
export function groupLines(
  slices: readonly SeriesSlice[],
  groups: readonly ChartGroup[],
  key: string,
  xAxis: XAxis,
  kind: BandKind,
): GroupLine[] {
  const byRun = new Map(slices.filter((s) => s.key === key).map((s) => [s.runId, s]));
  return groups.flatMap((group, i) => {
    const members = group.ids.flatMap((id) => byRun.get(id) ?? []);
    if (!members.length) return [];
    const aligned = xAxis === 'step' && members.every((m) => m.lo === null);
    const band = aligned ? alignedBand(members) : griddedBand(members);
    const edges = members.length > 1 ? bandEdges(band, kind) : null;
    return [
      {
        group,
        n: members.length,
        band,
        aligned,
        slice: {
          // Not a run: negative, so it never meets a run's id.
          runId: -(i + 1),
          key,
          total: members.reduce((t, m) => t + m.total, 0),
          x: band.x,
          y: band.mean,
          lo: edges?.lo ?? null,
          hi: edges?.hi ?? null,
        },
      },
    ];
  });
}
