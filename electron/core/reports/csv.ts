/** A cell a spreadsheet could run as a formula: =, +, -, @, tab or carriage return first. */
const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvValue = string | number | boolean | null | undefined;

/**
 * One CSV cell (RFC 4180). Text that a spreadsheet would read as a formula gets a leading `'`;
 * numbers stay numbers (a negative number is data, not a formula).
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document with a header row, CRLF line ends (what spreadsheets expect). */
export function toCsv(head: readonly string[], rows: readonly CsvValue[][]): string {
  return (
    [head.map(csvCell), ...rows.map((r) => r.map(csvCell))].map((r) => r.join(',')).join('\r\n') +
    '\r\n'
  );
}

/** Records to CSV: the columns are the union of their keys, in first-seen order. */
export function recordsToCsv(records: readonly Record<string, CsvValue>[]): string {
  const head: string[] = [];
  const seen = new Set<string>();
  for (const r of records) {
    for (const k of Object.keys(r)) {
      if (seen.has(k)) continue;
      seen.add(k);
      head.push(k);
    }
  }
  return toCsv(
    head,
    records.map((r) => head.map((k) => r[k])),
  );
}
