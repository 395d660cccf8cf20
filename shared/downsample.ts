/**
 * A downsampling pyramid for one metric series: at level L (1…TILE_LEVELS) the steps are cut
 * into tiles of 4^L steps (tile i holds steps i·4^L … (i+1)·4^L − 1), each keeping its count,
 * min, max and sums. A chart of `maxPoints` reads one level, one row per tile: the mean as the
 * line, min and max as the envelope. Pure: shared by the store (building) and tests.
 */
export const TILE_LEVELS = 8;
export const tileSize = (level: number): number => 4 ** level;

export interface Tile {
  level: number;
  tile: number;
  n: number;
  lo: number;
  hi: number;
  sumStep: number;
  sumTime: number;
  /** The sum and count of the tile's finite values: its line is their mean (±∞ stay in lo/hi). */
  sumValue: number;
  finite: number;
}

/** Every level's tiles for points sorted by step (one pass). */
export function buildTiles(
  steps: ArrayLike<number>,
  times: ArrayLike<number>,
  values: ArrayLike<number>,
): Tile[] {
  const out: Tile[] = [];
  const open: (Tile | undefined)[] = new Array<Tile | undefined>(TILE_LEVELS + 1);
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const value = values[i]!;
    const time = times[i]!;
    for (let level = 1; level <= TILE_LEVELS; level++) {
      const tile = Math.floor(step / tileSize(level));
      let t = open[level];
      if (!t || t.tile !== tile) {
        if (t) out.push(t);
        t = {
          level,
          tile,
          n: 0,
          lo: value,
          hi: value,
          sumStep: 0,
          sumTime: 0,
          sumValue: 0,
          finite: 0,
        };
        open[level] = t;
      }
      t.n++;
      if (value < t.lo) t.lo = value;
      if (value > t.hi) t.hi = value;
      t.sumStep += step;
      t.sumTime += time;
      if (Number.isFinite(value)) {
        t.sumValue += value;
        t.finite++;
      }
    }
  }
  for (const t of open) if (t) out.push(t);
  return out;
}

/**
 * The level whose tiles cut the step range [lo, hi] into at most `maxPoints` pieces (the
 * finest such level, for the most detail), or 0 when the range is short enough to read raw.
 */
export function levelFor(lo: number, hi: number, maxPoints: number): number {
  const span = hi - lo + 1;
  if (span <= maxPoints) return 0;
  for (let level = 1; level <= TILE_LEVELS; level++) {
    const size = tileSize(level);
    if (Math.floor(hi / size) - Math.floor(lo / size) + 1 <= maxPoints) return level;
  }
  return TILE_LEVELS;
}
