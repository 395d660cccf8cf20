/** A fixed colour per run (by id), the same in every chart, table and plot. */
const PALETTE = [
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
];
export const runColor = (id: number): string => PALETTE[id % PALETTE.length]!;
