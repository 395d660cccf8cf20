import { mulberry32, shuffled } from '../../../../shared/random.js';
import type { Split } from './split.js';

/**
 * k folds over `rows` (indices), seeded; stratified by `classOf` when given (each class dealt
 * round-robin across the folds, continuing where the previous class stopped). Each fold's
 * split holds the fold out as `test`; `val` is the same fold (only for per-epoch figures).
 */
export function kFolds(
  rows: readonly number[],
  k: number,
  seed: number,
  classOf?: (row: number) => number,
): Split[] {
  const random = mulberry32(seed + 7);
  const fold = new Map<number, number>();
  let next = 0;
  const groups = classOf ? groupBy(rows, classOf) : [rows.slice()];
  for (const group of groups) {
    for (const row of shuffled(group, random)) {
      fold.set(row, next % k);
      next++;
    }
  }
  return Array.from({ length: k }, (_, f) => {
    const held = rows.filter((r) => fold.get(r) === f);
    return { train: rows.filter((r) => fold.get(r) !== f), val: held, test: held };
  });
}

function groupBy(rows: readonly number[], key: (row: number) => number): number[][] {
  const groups = new Map<number, number[]>();
  for (const r of rows) {
    const k = key(r);
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  return [...groups.keys()].sort((a, b) => a - b).map((k) => groups.get(k)!);
}
