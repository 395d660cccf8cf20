import { seriesColor } from '../../../../shared/palette.js';

/** A fixed colour per run (by id), the same in every chart, table and plot. */
export const runColor = (id: number): string => seriesColor(id);

/**
 * While runs are grouped each run takes its group's colour, so a row, dot or line reads as its
 * group's line in the charts; ungrouped, each run keeps its own.
 */
export function colorsByGroup(
  groups: readonly { ids: readonly number[]; color: string }[] | null,
): (id: number) => string {
  if (!groups) return runColor;
  const byId = new Map(groups.flatMap((g) => g.ids.map((id) => [id, g.color] as const)));
  return (id) => byId.get(id) ?? runColor(id);
}
