/**
 * The app's one series palette: runs, ROC/PR classes, metric curves and report charts draw from it,
 * so charts in the app and in exported reports share one look (runs take theirs by id, a chart's
 * classes or curves by position). Twenty hues, so twenty classes
 * or runs side by side stay distinct before a colour repeats.
 */
export const PALETTE = [
  '#2563eb',
  '#dc2626',
  '#16a34a',
  '#9333ea',
  '#ea580c',
  '#0891b2',
  '#db2777',
  '#65a30d',
  '#4f46e5',
  '#b45309',
  '#0d9488',
  '#be123c',
  '#7c3aed',
  '#15803d',
  '#c2410c',
  '#0369a1',
  '#a21caf',
  '#4d7c0f',
  '#1d4ed8',
  '#b91c1c',
] as const;

/** The i-th series' colour (wrapping after twenty). */
export const seriesColor = (i: number): string =>
  PALETTE[((i % PALETTE.length) + PALETTE.length) % PALETTE.length]!;
