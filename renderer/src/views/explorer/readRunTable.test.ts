import { describe, expect, it } from 'vitest';
import type { ExplorerRun } from '../../../../shared/api/runRecords.js';
import { readRunTable, type TablePage } from './readRunTable.js';

/** The server's paging rule over a list of ids (newest first), as runs.table answers it. */
const server = (ids: number[]) => {
  const asked: TablePage[] = [];
  const table = (input: TablePage) => {
    asked.push(input);
    const older = ids.filter((id) => input.before === undefined || id < input.before);
    return Promise.resolve(older.slice(0, input.limit).map((id) => ({ id }) as ExplorerRun));
  };
  return { asked, table };
};

describe('readRunTable', () => {
  it('reads every run once, newest first, a page at a time', async () => {
    const ids = Array.from({ length: 25 }, (_, i) => 100 - i * 3); // gaps, as deleted runs leave
    const s = server(ids);
    expect((await readRunTable(s.table, 10)).map((r) => r.id)).toEqual(ids);
    expect(s.asked).toEqual([{ limit: 10 }, { limit: 10, before: 73 }, { limit: 10, before: 43 }]);
  });

  it('stops after a full last page with one more (empty) request, and reads an empty store in one', async () => {
    const s = server([5, 4, 3, 2]);
    expect((await readRunTable(s.table, 2)).map((r) => r.id)).toEqual([5, 4, 3, 2]);
    expect(s.asked).toHaveLength(3);
    const empty = server([]);
    expect(await readRunTable(empty.table, 2)).toEqual([]);
    expect(empty.asked).toHaveLength(1);
  });
});
