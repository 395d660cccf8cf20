/**
 * A group of runs drawn as one line: at each x the mean of its members' values, with a band of
 * ±1 sample standard deviation (n − 1, as W&B and seaborn draw it) or the members' min–max.
 * Pure: the compare chart draws it; tests check it against an independent mean and std.
 */

export interface Stats {
  /** How many values went in (non-finite ones are left out: a diverged member has no mean). */
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1); null with fewer than two values. */
  std: number | null;
  min: number;
  max: number;
}

/** Mean, sample std, min and max of the finite values; null when there are none. */
export function stats(values: readonly number[]): Stats | null {
  let n = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    n++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (n === 0) return null;
  const mean = sum / n;
  let squares = 0;
  for (const v of values) if (Number.isFinite(v)) squares += (v - mean) ** 2;
  return { n, mean, std: n > 1 ? Math.sqrt(squares / (n - 1)) : null, min, max };
}

/** One member's points as the chart got them (x sorted). */
export interface MemberSeries {
  x: readonly number[];
  y: readonly number[];
}

/** A group's line: one entry per x where at least one member has a finite value. */
export interface GroupBand {
  x: number[];
  mean: number[];
  /** NaN where only one member has a value there (a sample std needs two). */
  std: number[];
  min: number[];
  max: number[];
  /** How many members had a value at that x. */
  n: number[];
}

function bandOf(columns: Map<number, number[]>): GroupBand {
  const out: GroupBand = { x: [], mean: [], std: [], min: [], max: [], n: [] };
  for (const x of [...columns.keys()].sort((a, b) => a - b)) {
    const s = stats(columns.get(x)!);
    if (!s) continue;
    out.x.push(x);
    out.mean.push(s.mean);
    out.std.push(s.std ?? Number.NaN);
    out.min.push(s.min);
    out.max.push(s.max);
    out.n.push(s.n);
  }
  return out;
}

/**
 * Members aligned by x exactly (a step). At an x only some members reach (a shorter run, a
 * member that skipped steps) the mean and std are over the members present there, nothing filled in.
 */
export function alignedBand(members: readonly MemberSeries[]): GroupBand {
  const columns = new Map<number, number[]>();
  for (const m of members) {
    for (let i = 0; i < m.x.length; i++) {
      const col = columns.get(m.x[i]!);
      if (col) col.push(m.y[i]!);
      else columns.set(m.x[i]!, [m.y[i]!]);
    }
  }
  return bandOf(columns);
}

/**
 * Members whose x values do not coincide (times, or series downsampled to different buckets):
 * x cut into equal buckets as wide as the sparsest member's mean point spacing, so each member
 * has about one point per bucket. A member's value in a bucket is the mean of its points there;
 * the bucket's x is the mean x of all those points. Then as `alignedBand`: over members present.
 */
export function griddedBand(members: readonly MemberSeries[]): GroupBand {
  let x0 = Infinity;
  let x1 = -Infinity;
  let width = 0;
  for (const m of members) {
    if (!m.x.length) continue;
    const a = m.x[0]!;
    const b = m.x.at(-1)!;
    x0 = Math.min(x0, a);
    x1 = Math.max(x1, b);
    if (m.x.length > 1) width = Math.max(width, (b - a) / (m.x.length - 1));
  }
  if (!Number.isFinite(x0)) return bandOf(new Map());
  if (!(width > 0) || x1 === x0) return alignedBand(members);
  const buckets = new Map<number, { xs: number; count: number; values: number[] }>();
  for (const m of members) {
    const own = new Map<number, { xs: number; count: number; sum: number; finite: number }>();
    for (let i = 0; i < m.x.length; i++) {
      const b = Math.min(Math.floor((m.x[i]! - x0) / width), Math.floor((x1 - x0) / width));
      const cell = own.get(b) ?? { xs: 0, count: 0, sum: 0, finite: 0 };
      cell.xs += m.x[i]!;
      cell.count++;
      if (Number.isFinite(m.y[i]!)) {
        cell.sum += m.y[i]!;
        cell.finite++;
      }
      own.set(b, cell);
    }
    for (const [b, cell] of own) {
      const bucket = buckets.get(b) ?? { xs: 0, count: 0, values: [] };
      bucket.xs += cell.xs;
      bucket.count += cell.count;
      if (cell.finite) bucket.values.push(cell.sum / cell.finite);
      buckets.set(b, bucket);
    }
  }
  const columns = new Map<number, number[]>();
  for (const bucket of buckets.values()) columns.set(bucket.xs / bucket.count, bucket.values);
  return bandOf(columns);
}

export type BandKind = 'std' | 'minmax';

/**
 * The band's edges: mean ± 1 std, or min and max. Where std is undefined (one member present)
 * the band closes to the mean (zero width) rather than breaking.
 */
export function bandEdges(band: GroupBand, kind: BandKind): { lo: number[]; hi: number[] } {
  if (kind === 'minmax') return { lo: band.min, hi: band.max };
  const sd = (i: number) => (Number.isNaN(band.std[i]!) ? 0 : band.std[i]!);
  return {
    lo: band.mean.map((m, i) => m - sd(i)),
    hi: band.mean.map((m, i) => m + sd(i)),
  };
}
