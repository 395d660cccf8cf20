import { describe, expect, it } from 'vitest';
import { benchmarkDrift } from './benchmarkDrift.js';

describe('benchmarkDrift', () => {
  it('times sort, KS and Wasserstein per column', () => {
    const r = benchmarkDrift({ rows: 2000, currentRows: 1500, columns: 2 });
    expect(r).toMatchObject({ rows: 2000, currentRows: 1500, columns: 2 });
    expect(r.totalMs).toBeCloseTo(r.sortMs + r.ksMs + r.wassersteinMs, 9);
  });
});
