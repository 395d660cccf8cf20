import Papa from 'papaparse';
import { UserError } from '../userError.js';

export interface Table {
  header: string[];
  rows: string[][];
  delimiter: string;
}

/** Parses CSV/TSV text with a header row; the delimiter is sniffed. Throws a UserError naming the line. */
export function readCsv(text: string, fileName: string): Table {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new UserError(`${fileName} is empty`);
  const parsed = Papa.parse<string[]>(body, { skipEmptyLines: 'greedy', delimitersToGuess: [',', '\t', ';', '|'] });
  const bad = parsed.errors.find((e) => e.type !== 'Delimiter');
  if (bad) throw new UserError(`${fileName}: ${bad.message.toLowerCase()} at row ${(bad.row ?? 0) + 1}`);
  const [first, ...rows] = parsed.data;
  if (!first) throw new UserError(`${fileName} is empty`);
  const header = uniqueNames(first);
  const width = header.length;
  const ragged = rows.findIndex((r) => r.length !== width);
  if (ragged >= 0) {
    throw new UserError(
      `${fileName}: row ${ragged + 2} has ${rows[ragged]!.length} fields but the header has ${width}`,
    );
  }
  if (rows.length === 0) throw new UserError(`${fileName} has a header but no data rows`);
  return { header, rows, delimiter: parsed.meta.delimiter };
}

/** Blank names become column_N; repeated names get _2, _3 … so every column can be addressed. */
function uniqueNames(raw: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((name, i) => {
    const base = name.trim() || `column_${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}_${n}`;
  });
}
