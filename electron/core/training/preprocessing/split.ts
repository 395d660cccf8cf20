import { mulberry32, shuffled } from '../../../../shared/random.js';
import { UserError } from '../../userError.js';

export interface Split {
  train: number[];
  val: number[];
  test: number[];
}

export interface SplitOptions {
  testSize: number;
  valFraction: number;
  seed: number;
}

/** How many of `n` rows go to test and to validation; the rest train. */
export function counts(
  n: number,
  { testSize, valFraction }: SplitOptions,
): { test: number; val: number } {
  const test = Math.round(n * testSize);
  const val = Math.round((n - test) * valFraction);
  return { test, val };
}

function partition(rows: number[], options: SplitOptions): Split {
  const { test, val } = counts(rows.length, options);
  return {
    test: rows.slice(0, test),
    val: rows.slice(test, test + val),
    train: rows.slice(test + val),
  };
}

const sorted = (s: Split): Split => ({
  train: s.train.sort((a, b) => a - b),
  val: s.val.sort((a, b) => a - b),
  test: s.test.sort((a, b) => a - b),
});

/** Refuses a split that leaves a part empty, before any work (also called by the planner on the profile). */
export function checkSplitSizes(
  n: number,
  sizes: { test: number; val: number; train: number },
  options: SplitOptions,
): void {
  const empty =
    sizes.test === 0
      ? 'test'
      : sizes.val === 0
        ? 'validation'
        : sizes.train === 0
          ? 'training'
          : null;
  if (empty) {
    throw new UserError(
      `too few rows for the split: ${n} rows with test_size ${options.testSize} and val_fraction ${options.valFraction} leave the ${empty} split empty`,
    );
  }
}

function checkSizes(split: Split, n: number, options: SplitOptions): Split {
  checkSplitSizes(
    n,
    { test: split.test.length, val: split.val.length, train: split.train.length },
    options,
  );
  return split;
}

/** A seeded random train/validation/test split (regression). */
export function randomSplit(n: number, options: SplitOptions): Split {
  const rows = shuffled(
    Array.from({ length: n }, (_, i) => i),
    mulberry32(options.seed),
  );
  return checkSizes(sorted(partition(rows, options)), n, options);
}

/**
 * Shares `total` among classes in proportion to `sizes` (largest remainders, ties to the lower
 * class), never giving a class more than `cap[c]`: the parts add up to the unstratified counts.
 */
function allocate(total: number, sizes: number[], cap: number[]): number[] {
  const n = sizes.reduce((a, b) => a + b, 0);
  const exact = sizes.map((s) => (n === 0 ? 0 : (s * total) / n));
  const out = exact.map((e, c) => Math.min(Math.floor(e), cap[c]!));
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact
    .map((e, c) => ({ c, r: e - Math.floor(e) }))
    .sort((a, b) => b.r - a.r || a.c - b.c);
  while (left > 0) {
    const open = order.filter(({ c }) => out[c]! < cap[c]!);
    if (open.length === 0) break;
    for (const { c } of open) {
      if (left === 0) break;
      out[c]! += 1;
      left--;
    }
  }
  return out;
}

/**
 * A seeded split that keeps each class's share in every part (classification), with the same part
 * sizes as an unstratified split. Every class keeps at least one row in training; classes are
 * visited in index order so the result depends only on the seed.
 */
export function stratifiedSplit(y: Int32Array, options: SplitOptions): Split {
  const byClass = new Map<number, number[]>();
  y.forEach((c, i) => {
    const rows = byClass.get(c);
    if (rows) rows.push(i);
    else byClass.set(c, [i]);
  });
  const random = mulberry32(options.seed);
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  const rows = classes.map((c) => shuffled(byClass.get(c)!, random));
  const sizes = rows.map((r) => r.length);
  const total = counts(y.length, options);
  const test = allocate(
    total.test,
    sizes,
    sizes.map((s) => s - 1),
  );
  const val = allocate(
    total.val,
    sizes,
    sizes.map((s, c) => s - 1 - test[c]!),
  );
  const out: Split = { train: [], val: [], test: [] };
  rows.forEach((r, c) => {
    out.test.push(...r.slice(0, test[c]));
    out.val.push(...r.slice(test[c], test[c]! + val[c]!));
    out.train.push(...r.slice(test[c]! + val[c]!));
  });
  return checkSizes(sorted(out), y.length, options);
}
