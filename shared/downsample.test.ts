import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTiles, levelFor, tileSize, TILE_LEVELS } from './downsample.js';

describe('buildTiles', () => {
  it('summarises 4^L steps per tile at every level', () => {
    const steps = Array.from({ length: 20 }, (_, i) => i);
    const values = steps.map((s) => (s % 5) - s / 10);
    const tiles = buildTiles(
      steps,
      steps.map((s) => 100 + s),
      values,
    );
    const level1 = tiles.filter((t) => t.level === 1);
    expect(level1.map((t) => t.tile)).toEqual([0, 1, 2, 3, 4]);
    const four = values.slice(4, 8);
    expect(level1[1]).toEqual({
      level: 1,
      tile: 1,
      n: 4,
      lo: Math.min(...four),
      hi: Math.max(...four),
      sumStep: 22,
      sumTime: 422,
      sumValue: four.reduce((a, b) => a + b),
      finite: 4,
    });
    expect(tiles.filter((t) => t.level === 2).map((t) => t.n)).toEqual([16, 4]);
    expect(tiles.filter((t) => t.level === TILE_LEVELS)).toHaveLength(1);
  });

  it('means a tile over its finite values and keeps ±∞ in its envelope', () => {
    const [tile] = buildTiles([0, 1, 2, 3], [0, 0, 0, 0], [1, Infinity, -Infinity, 2]);
    expect(tile).toMatchObject({ n: 4, lo: -Infinity, hi: Infinity, sumValue: 3, finite: 2 });
  });

  it('keeps every point: counts, extremes and sums agree with the raw series at each level', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat({ max: 5000 }), { minLength: 1, maxLength: 300 }),
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), {
          minLength: 300,
          maxLength: 300,
        }),
        (rawSteps, pool) => {
          const steps = [...rawSteps].sort((a, b) => a - b);
          const values = steps.map((_, i) => pool[i]!);
          const tiles = buildTiles(steps, steps, values);
          for (let level = 1; level <= TILE_LEVELS; level++) {
            const at = tiles.filter((t) => t.level === level);
            expect(at.reduce((n, t) => n + t.n, 0)).toBe(steps.length);
            expect(Math.min(...at.map((t) => t.lo))).toBe(Math.min(...values));
            expect(Math.max(...at.map((t) => t.hi))).toBe(Math.max(...values));
            for (const t of at)
              expect(t.lo).toBeLessThanOrEqual(t.sumValue / t.n + 1e-6 * Math.abs(t.sumValue));
          }
        },
      ),
    );
  });
});

describe('levelFor', () => {
  it('reads short ranges raw and picks the finest level that fits', () => {
    expect(levelFor(0, 999, 1000)).toBe(0);
    expect(levelFor(0, 1000, 1000)).toBe(1);
    expect(levelFor(0, 99_999, 2000)).toBe(3);
    expect(levelFor(0, 10 ** 12, 10)).toBe(TILE_LEVELS);
  });
  it('never returns more than maxPoints tiles when a level can', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 10 ** 7 }),
        fc.nat({ max: 10 ** 7 }),
        fc.integer({ min: 2, max: 5000 }),
        (a, len, max) => {
          const level = levelFor(a, a + len, max);
          if (level === 0) {
            expect(len + 1).toBeLessThanOrEqual(max);
            return;
          }
          const size = tileSize(level);
          if (level < TILE_LEVELS)
            expect(Math.floor((a + len) / size) - Math.floor(a / size) + 1).toBeLessThanOrEqual(
              max,
            );
          if (level > 1) {
            const finer = tileSize(level - 1);
            expect(Math.floor((a + len) / finer) - Math.floor(a / finer) + 1).toBeGreaterThan(max);
          }
        },
      ),
    );
  });
});
