import { describe, expect, it } from 'vitest';
import type { SeriesSlice } from '../../../../shared/api/runRecords.js';
import { groupLines, type ChartGroup } from './groupLines.js';

const slice = (runId: number, x: number[], y: number[], downsampled = false): SeriesSlice => ({
  runId,
  key: 'loss',
  total: x.length,
  x,
  y,
  lo: downsampled ? y : null,
  hi: downsampled ? y : null,
});

const groups: ChartGroup[] = [
  { label: 'lr = 0.1', ids: [1, 2, 3], color: 'red' },
  { label: 'lr = 0.01', ids: [4], color: 'blue' },
  { label: 'lr = 1', ids: [9], color: 'green' },
];

describe('groupLines', () => {
  it('one line per group with a series: members counted, band ±1 std, none for a lone member', () => {
    const slices = [
      slice(1, [0, 1], [1, 2]),
      slice(2, [0, 1], [3, 4]),
      slice(3, [0], [5]),
      slice(4, [0, 1], [7, 8]),
    ];
    const lines = groupLines(slices, groups, 'loss', 'step', 'std');
    expect(lines.map((l) => [l.group.label, l.n, l.aligned])).toEqual([
      ['lr = 0.1', 3, true],
      ['lr = 0.01', 1, true],
    ]);
    const [a, b] = lines;
    // Step 0: 1, 3, 5 → mean 3, sample std 2; step 1: 2 and 4 (the third stopped) → 3, √2.
    expect(a!.slice.y).toEqual([3, 3]);
    expect(a!.slice.lo![0]).toBeCloseTo(1, 12);
    expect(a!.slice.hi![1]).toBeCloseTo(3 + Math.SQRT2, 12);
    expect(b!.slice.y).toEqual([7, 8]);
    expect(b!.slice.lo).toBeNull();
    expect(a!.slice.runId).toBeLessThan(0);
  });

  it('min–max band; members bucketed on a time axis or when downsampled', () => {
    const slices = [slice(1, [0, 10], [1, 2]), slice(2, [1, 11], [3, 6])];
    const [line] = groupLines(slices, groups, 'loss', 'relative', 'minmax');
    expect(line!.aligned).toBe(false);
    expect(line!.slice.y).toEqual([2, 4]);
    expect(line!.slice.lo).toEqual([1, 2]);
    expect(line!.slice.hi).toEqual([3, 6]);
    const down = [slice(1, [0, 10], [1, 2], true), slice(2, [0, 10], [3, 6])];
    expect(groupLines(down, groups, 'loss', 'step', 'std')[0]!.aligned).toBe(false);
  });
});
