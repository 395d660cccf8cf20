import type { ExplorerRun } from '../../../shared/api/runRecords.js';
import type { Store } from '../store/store.js';

/** The explorer's rows: a run's own fields plus its params, final metrics, tags and note. */
export function createRunTable(store: Pick<Store, 'runs' | 'runTable'>) {
  /**
   * Every run, newest first; with `limit`, only the newest (a first screen while the rest
   * loads), and with `before` as well, the next page (the explorer reads 10,000 runs a page at a
   * time, so main answers other requests between pages); with `ids`, only those (the compare view).
   */
  return ({
    limit,
    before,
    ids,
  }: {
    limit?: number | undefined;
    before?: number | undefined;
    ids?: number[] | undefined;
  }): ExplorerRun[] => {
    const runs = store.runs.list({ limit, before, ids });
    const some = ids !== undefined || limit !== undefined || before !== undefined;
    const { params, metrics, tags, extras } = store.runTable.columns(
      some ? runs.map((r) => r.id) : null,
    );
    return runs.map((r) => ({
      ...r,
      params: params.get(r.id) ?? {},
      metrics: metrics.get(r.id) ?? {},
      tags: tags.get(r.id) ?? {},
      note: extras.get(r.id)?.note ?? '',
      archived: extras.get(r.id)?.archived === 1,
    }));
  };
}
