import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { UserError } from '../../userError.js';
import { clip, type ImportedPoint } from './mlflowHistory.js';

/**
 * MLflow's file store keeps one metric per file, one point per line: `timestamp value step`.
 * Very old stores wrote `timestamp value` (step 0). Values are Python float reprs, so `nan`,
 * `inf` and `-inf` appear and are kept.
 */

export type MetricLine = { timestamp: number; value: number; step: number } | { problem: string };

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL = /^([+-]?)(nan|inf|infinity)$/i;

/** Python's float(): the forms MLflow writes, including its non-finite spellings. */
function parseValue(text: string): number | null {
  if (DECIMAL.test(text)) return Number(text);
  const special = SPECIAL.exec(text);
  if (!special) return null;
  if (special[2]?.toLowerCase() === 'nan') return NaN;
  return special[1] === '-' ? -Infinity : Infinity;
}

/** One line of a metric file; null for a blank line (a trailing newline, say). */
export function parseMetricLine(line: string): MetricLine | null {
  const trimmed = line.trim();
  if (trimmed === '') return null;
  const fields = trimmed.split(/\s+/);
  if (fields.length < 2 || fields.length > 3) {
    return { problem: `expected "timestamp value step", got ${clip(trimmed)}` };
  }
  const [ts = '', raw = '', stepText = '0'] = fields;
  if (!INTEGER.test(ts)) return { problem: `timestamp ${clip(ts)} is not an integer` };
  const value = parseValue(raw);
  if (value === null) return { problem: `value ${clip(raw)} is not a number` };
  if (!INTEGER.test(stepText)) return { problem: `step ${clip(stepText)} is not an integer` };
  // `+ 0` turns the -0 of "-0" into 0: a step or time of minus zero means nothing else.
  return { timestamp: Number(ts) + 0, value, step: Number(stepText) + 0 };
}

/** Longest line accepted: a metric line is ~40 bytes; anything this long is not one. */
export const MAX_LINE_CHARS = 1 << 20;
const CHUNK_BYTES = 64 * 1024;

function cannotRead(file: string, e: unknown): UserError {
  const code = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
  return new UserError(`cannot read metric file ${file}: ${code}`);
}

/** The file's lines, read in chunks so memory stays bounded however long the history is. */
function* readLines(file: string): Generator<[line: string, lineNo: number]> {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw cannotRead(file, e);
  }
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    const decoder = new StringDecoder('utf8');
    let pending = '';
    let lineNo = 0;
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      } catch (e) {
        throw cannotRead(file, e);
      }
      if (n === 0) break;
      pending += decoder.write(buffer.subarray(0, n));
      let start = 0;
      for (let nl = pending.indexOf('\n'); nl !== -1; nl = pending.indexOf('\n', start)) {
        yield [pending.slice(start, nl), ++lineNo];
        start = nl + 1;
      }
      pending = pending.slice(start);
      if (pending.length > MAX_LINE_CHARS) {
        throw new UserError(
          `${file} line ${lineNo + 1}: longer than ${MAX_LINE_CHARS} characters, not a metric line`,
        );
      }
    }
    pending += decoder.end();
    if (pending !== '') yield [pending, ++lineNo];
  } finally {
    closeSync(fd);
  }
}

/** Every point of one metric file in file (logging) order; a bad line stops the read with where it is. */
export function* readMetricFile(file: string, key: string): Generator<ImportedPoint> {
  for (const [line, lineNo] of readLines(file)) {
    const parsed = parseMetricLine(line);
    if (parsed === null) continue;
    if ('problem' in parsed) throw new UserError(`${file} line ${lineNo}: ${parsed.problem}`);
    yield { key, step: parsed.step, timestamp: parsed.timestamp, value: parsed.value };
  }
}
