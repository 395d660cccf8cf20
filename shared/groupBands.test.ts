import { describe, expect, it } from 'vitest';
import { alignedBand, bandEdges, griddedBand, stats, type MemberSeries } from './groupBands.js';

/** Mean and sample std the other way round: from Σx and Σx² (not the module's two passes). */
function reference(values: number[]): { mean: number; std: number | null } {
  const n = values.length;
  const sum = values.reduce((a, b) => a + b, 0);
  const sq = values.reduce((a, b) => a + b * b, 0);
  return { mean: sum / n, std: n > 1 ? Math.sqrt((sq - (sum * sum) / n) / (n - 1)) : null };
}

describe('stats', () => {
  it('is the mean and the sample (n − 1) standard deviation', () => {
    const s = stats([2, 4, 4, 4, 5, 5, 7, 9])!;
    expect(s.mean).toBe(5);
    expect(s.std).toBeCloseTo(Math.sqrt(32 / 7), 12); // the population std would be 2
    expect([s.min, s.max, s.n]).toEqual([2, 9, 8]);
  });

  it('leaves out non-finite values; one value has no std; none has no stats', () => {
    expect(stats([1, Infinity, 3, Number.NaN])).toEqual({
      n: 2,
      mean: 2,
      std: Math.SQRT2,
      min: 1,
      max: 3,
    });
    expect(stats([0.5])).toEqual({ n: 1, mean: 0.5, std: null, min: 0.5, max: 0.5 });
    expect(stats([])).toBeNull();
    expect(stats([-Infinity])).toBeNull();
  });
});

describe('alignedBand', () => {
  // Three seeds with uneven step coverage: A logs 0–4, B stops at 2, C logs odd steps to 5.
  const a: MemberSeries = { x: [0, 1, 2, 3, 4], y: [1.0, 0.8, 0.61, 0.5, 0.42] };
  const b: MemberSeries = { x: [0, 1, 2], y: [1.2, 0.7, 0.55] };
  const c: MemberSeries = { x: [1, 3, 5], y: [0.9, 0.47, 0.3] };

  it('at each step: the mean and sample std of the members present there', () => {
    const band = alignedBand([a, b, c]);
    expect(band.x).toEqual([0, 1, 2, 3, 4, 5]);
    const present = (step: number) =>
      [a, b, c].flatMap((m) => {
        const i = m.x.indexOf(step);
        return i < 0 ? [] : [m.y[i]!];
      });
    band.x.forEach((step, i) => {
      const values = present(step);
      const want = reference(values);
      expect(band.n[i]).toBe(values.length);
      expect(band.mean[i]).toBeCloseTo(want.mean, 12);
      if (want.std === null) expect(band.std[i]).toBeNaN();
      else expect(band.std[i]).toBeCloseTo(want.std, 12);
      expect(band.min[i]).toBe(Math.min(...values));
      expect(band.max[i]).toBe(Math.max(...values));
    });
    // Spelled out for one step: step 1 has all three (0.8, 0.7, 0.9) → mean 0.8, std 0.1.
    expect(band.mean[1]).toBeCloseTo(0.8, 12);
    expect(band.std[1]).toBeCloseTo(0.1, 12);
    // Step 4 only A, step 5 only C: no std there.
    expect(band.n.slice(4)).toEqual([1, 1]);
  });

  it('a single-member group is its own line with a band of zero width', () => {
    const band = alignedBand([a]);
    expect(band.mean).toEqual(a.y);
    expect(band.std.every(Number.isNaN)).toBe(true);
    const edges = bandEdges(band, 'std');
    expect(edges.lo).toEqual(a.y);
    expect(edges.hi).toEqual(a.y);
  });

  it('edges: mean ± 1 std, or min and max', () => {
    const band = alignedBand([a, b]);
    const std = bandEdges(band, 'std');
    const want = reference([1.0, 1.2]);
    expect(std.lo[0]).toBeCloseTo(want.mean - want.std!, 12);
    expect(std.hi[0]).toBeCloseTo(want.mean + want.std!, 12);
    expect(bandEdges(band, 'minmax')).toEqual({ lo: band.min, hi: band.max });
    expect(bandEdges(band, 'minmax').hi.slice(0, 3)).toEqual([1.2, 0.8, 0.61]);
  });

  it('skips an x where every member present is non-finite', () => {
    const band = alignedBand([
      { x: [0, 1], y: [Infinity, 2] },
      { x: [0, 1], y: [Number.NaN, 4] },
    ]);
    expect(band.x).toEqual([1]);
    expect(band.mean).toEqual([3]);
  });
});

describe('griddedBand', () => {
  it('buckets members whose x never coincide (times): one value per member per bucket', () => {
    const a = { x: [0, 10, 20, 30], y: [4, 3, 2, 1] };
    const b = { x: [2, 12, 22, 32], y: [6, 5, 4, 3] };
    const band = griddedBand([a, b]);
    expect(band.n).toEqual([2, 2, 2, 2]);
    expect(band.x).toEqual([1, 11, 21, 31]);
    band.mean.forEach((m, i) => {
      const want = reference([a.y[i]!, b.y[i]!]);
      expect(m).toBeCloseTo(want.mean, 12);
      expect(band.std[i]).toBeCloseTo(want.std!, 12);
    });
  });

  it('a denser member is averaged within each bucket before the group is', () => {
    // A every 10, B every 5: buckets are 10 wide; B's two points in each average first.
    const a = { x: [0, 10, 20], y: [1, 1, 1] };
    const b = { x: [0, 5, 10, 15, 20], y: [2, 4, 2, 4, 3] };
    const band = griddedBand([a, b]);
    expect(band.mean).toEqual([reference([1, 3]).mean, reference([1, 3]).mean, 2]);
    expect(band.n).toEqual([2, 2, 2]);
  });

  it('falls back to exact alignment when no member has a spacing', () => {
    expect(
      griddedBand([
        { x: [3], y: [1] },
        { x: [3], y: [3] },
      ]).mean,
    ).toEqual([2]);
    expect(griddedBand([]).x).toEqual([]);
  });
});
