import { describe, expect, it } from 'vitest';
import { PALETTE, seriesColor } from './palette.js';

describe('palette', () => {
  it('has twenty distinct colours, so twenty classes or runs never share one', () => {
    expect(new Set(PALETTE.map((c) => c.toLowerCase())).size).toBe(20);
    expect(new Set(Array.from({ length: 20 }, (_, i) => seriesColor(i))).size).toBe(20);
    expect(seriesColor(20)).toBe(seriesColor(0));
  });
});
