/** Plain aligned columns for people; scripts use --json. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export const formatNumber = (v: number | undefined): string =>
  v === undefined ? '' : Number.isInteger(v) ? String(v) : v.toPrecision(4);
