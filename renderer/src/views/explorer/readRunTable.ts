import type { ExplorerRun } from '../../../../shared/api/runRecords.js';

/** What one request asks for: `limit` runs older than `before`. */
export interface TablePage {
  limit: number;
  before?: number;
}

/** Runs per request: main answers other requests (a script logging, a job's metrics) between pages. */
export const TABLE_PAGE = 250;

/**
 * Every run, newest first, read a page at a time (`before` the oldest id so far): one request
 * for all 10,000 runs kept main busy for the whole read.
 */
export async function readRunTable(
  table: (input: TablePage) => Promise<ExplorerRun[]>,
  page = TABLE_PAGE,
): Promise<ExplorerRun[]> {
  const runs: ExplorerRun[] = [];
  for (let before: number | undefined; ;) {
    const next = await table({ limit: page, ...(before === undefined ? {} : { before }) });
    for (const run of next) runs.push(run);
    if (next.length < page) return runs;
    before = next.at(-1)!.id;
  }
}
