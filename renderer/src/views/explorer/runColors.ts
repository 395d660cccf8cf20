import { seriesColor } from '../../../../shared/palette.js';

/** A fixed colour per run (by id), the same in every chart, table and plot. */
export const runColor = (id: number): string => seriesColor(id);
