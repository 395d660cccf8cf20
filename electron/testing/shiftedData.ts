import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLES } from './tempDir.js';

/** iris.csv's header and rows (a plain CSV: no quotes, no empty cells). */
function iris(): { header: string[]; rows: string[][] } {
  const [head, ...lines] = readFileSync(join(SAMPLES, 'iris.csv'), 'utf8').trim().split('\n');
  return { header: head!.split(','), rows: lines.map((l) => l.split(',')) };
}

const write = (path: string, header: string[], rows: string[][]): string => {
  // Written beside and renamed, so a watcher never sees half a file.
  writeFileSync(`${path}.part`, [header, ...rows].map((r) => r.join(',')).join('\n') + '\n');
  renameSync(`${path}.part`, path);
  return path;
};

/** iris with numeric columns shifted by the given amounts: a file whose data has drifted. */
export function writeShiftedIris(
  dir: string,
  fileName: string,
  shifts: Record<string, number>,
): string {
  const { header, rows } = iris();
  const shifted = rows.map((r) =>
    r.map((cell, j) =>
      header[j]! in shifts
        ? String(Math.round((Number(cell) + shifts[header[j]!]!) * 100) / 100)
        : cell,
    ),
  );
  return write(join(dir, fileName), header, shifted);
}

/** Three of iris's five columns shifted: enough for dataset drift at the default drift share (0.5). */
export const DRIFTED = { sepal_length_cm: 1.5, petal_length_cm: 2.5, petal_width_cm: 1 };

/** iris without one column: a file that lacks one of the model's features. */
export function writeIrisWithout(dir: string, fileName: string, column: string): string {
  const { header, rows } = iris();
  const keep = header.map((_, j) => j).filter((j) => header[j] !== column);
  return write(
    join(dir, fileName),
    keep.map((j) => header[j]!),
    rows.map((r) => keep.map((j) => r[j]!)),
  );
}
