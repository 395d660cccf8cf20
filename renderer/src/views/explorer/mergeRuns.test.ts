import { describe, expect, it } from 'vitest';
import type { ExplorerRun } from '../../../../shared/api/runRecords.js';
import { mergeRuns } from './mergeRuns.js';

const run = (id: number, status: ExplorerRun['status'] = 'running') =>
  ({ id, status }) as ExplorerRun;

describe('mergeRuns', () => {
  it('replaces changed rows in place and keeps the others as they were', () => {
    const table = [run(3), run(2), run(1)];
    const merged = mergeRuns(table, [run(2, 'finished')], [2]);
    expect(merged.map((r) => [r.id, r.status])).toEqual([
      [3, 'running'],
      [2, 'finished'],
      [1, 'running'],
    ]);
    expect(merged[0]).toBe(table[0]);
  });

  it('adds new runs newest first and drops asked-for runs the server no longer has', () => {
    const merged = mergeRuns(
      [run(3), run(2), run(1)],
      [run(5, 'queued'), run(4, 'queued')],
      [4, 5, 2],
    );
    expect(merged.map((r) => r.id)).toEqual([5, 4, 3, 1]);
  });
});
