import type { ColumnProfile } from '../../../shared/api/datasets.js';
import type { ColumnType } from '../../../shared/domain.js';
import type { ColumnarCacheWriter } from './columnarCache.js';
import type { ColumnSpool } from './columnSpool.js';
import { TextTypeJudge, type FinishedColumn } from './finishColumns.js';
import { parseNumber } from './missing.js';
import { mostFrequent } from './mostFrequent.js';
import { TOP_VALUES } from './profileColumns.js';
import type { ColumnBuilder } from './tableBuilder.js';
import { recordText, scanRecordFile, TextRecordWriter } from './textRecords.js';

type Top = { value: string; count: number }[];
/** Open partition files at most (past it they grow instead). */
const MAX_PARTS = 512;

/**
 * A column that became a file of text records while importing: profiled from the file and added
 * to the cache as records, or, overridden to numeric, parsed into a numeric column as finishColumn
 * would (with its warning).
 */
export function finishTextFile(
  col: ColumnBuilder,
  override: ColumnType | undefined,
  rows: number,
  spool: ColumnSpool,
  writer: ColumnarCacheWriter | undefined,
): { profile: ColumnProfile } | { column: FinishedColumn; warnings: string[] } {
  const file = col.textFile!;
  file.close();
  if (override === 'numeric') {
    const { nums, missing, unparsable } = textFileNumbers(file.path, rows);
    const warnings = unparsable
      ? [`${col.name}: ${unparsable} values that are not numbers count as missing`]
      : [];
    return { column: { name: col.name, type: 'numeric', missing, nums }, warnings };
  }
  const profile = profileTextFile(
    file,
    { name: col.name, missing: col.missing, rows },
    override,
    Math.max(4096, spool.dictionaryBudget / 16),
  );
  writer?.addTextRecords(
    { name: col.name, type: profile.type as Exclude<ColumnType, 'numeric'>, missing: col.missing },
    file,
  );
  return { profile };
}

/**
 * The profile of a column kept as a file of text records (textRecords.ts), the same as
 * profileColumn gives for it in memory: its type (unless overridden), exact distinct count and
 * most frequent values. Its values are split by a hash into partition files of about
 * `partitionBytes` each, and each partition is counted on its own: equal values share a
 * partition, so memory holds one partition's distinct values, never the column's.
 */
export function profileTextFile(
  file: { path: string; bytes: number },
  column: { name: string; missing: number; rows: number },
  override: Exclude<ColumnType, 'numeric'> | undefined,
  partitionBytes: number,
): ColumnProfile {
  const parts = Math.min(MAX_PARTS, Math.max(1, Math.ceil(file.bytes / partitionBytes)));
  const writers = Array.from(
    { length: parts },
    (_, i) => new TextRecordWriter(`${file.path}.part${i}`, parts > 1 ? 1 << 16 : 1 << 20),
  );
  try {
    scanRecordFile(file.path, (chunk, header, start) => {
      if (header < 0) return;
      writers[parts > 1 ? hashRecord(chunk, header, start) % parts : 0]!.pushRecord(
        chunk,
        header,
        start,
      );
    });
    for (const w of writers) w.close();
    const judge = new TextTypeJudge();
    let distinct = 0;
    let top: Top = [];
    for (const w of writers) {
      const counts = new Map<string, number>();
      scanRecordFile(w.path, (chunk, header, start) => {
        const s = recordText(chunk, header, start);
        counts.set(s, (counts.get(s) ?? 0) + 1);
      });
      w.discard();
      const values = [...counts.keys()];
      for (const v of values) judge.see(v);
      distinct += values.length;
      const best = mostFrequent(Float64Array.from(counts.values()), values, TOP_VALUES);
      top = mergeTop(top, best.top, TOP_VALUES);
    }
    const type = override ?? judge.type(column.rows - column.missing);
    return {
      name: column.name,
      type,
      missing: column.missing,
      distinct,
      distinct_exact: true,
      stats: null,
      histogram: null,
      top,
    };
  } finally {
    for (const w of writers) w.discard();
  }
}

/** The `k` best of two lists of most frequent values (count descending, then value ascending). */
function mergeTop(a: Top, b: Top, k: number): Top {
  return [...a, ...b]
    .sort((x, y) => y.count - x.count || (x.value < y.value ? -1 : x.value > y.value ? 1 : 0))
    .slice(0, k);
}

/** FNV-1a over a record's bytes and its encoding bit: equal values, equal hashes. */
function hashRecord(chunk: Buffer, header: number, start: number): number {
  let h = 0x811c9dc5 ^ (header & 1);
  const end = start + (header >>> 1);
  for (let i = start; i < end; i++) h = Math.imul(h ^ chunk[i]!, 0x01000193);
  return h >>> 0;
}

/** A text-record column overridden to numeric: its values parsed (what finishColumn does in memory). */
export function textFileNumbers(
  path: string,
  rows: number,
): { nums: Float64Array; missing: number; unparsable: number } {
  const nums = new Float64Array(rows);
  let at = 0;
  let missing = 0;
  let unparsable = 0;
  scanRecordFile(path, (chunk, header, start) => {
    const n = header < 0 ? Number.NaN : parseNumber(recordText(chunk, header, start));
    if (Number.isNaN(n)) {
      missing++;
      if (header >= 0) unparsable++;
    }
    nums[at++] = n;
  });
  if (at !== rows)
    throw new Error(`a text column's scratch file has ${at} values for ${rows} rows`);
  return { nums, missing, unparsable };
}
