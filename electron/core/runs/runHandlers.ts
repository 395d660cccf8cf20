import type { Method, Output, ParsedInput } from '../../../shared/api.js';
import type { Store } from '../store/store.js';
import { UserError } from '../userError.js';
import { createRunComparer } from './compareRuns.js';
import { createReadHandlers } from '../reads/readHandlers.js';
import { createSeriesReader } from './seriesReader.js';

type ExplorerMethod = Extract<
  Method,
  | `runs.${'table' | 'query' | 'compare' | 'series' | 'setTag' | 'removeTag' | 'setNote' | 'archive' | 'delete' | 'restore'}`
  | `views.${string}`
>;
/** Deleted runs are purged at the first start this long after their deletion. */
const PURGE_AFTER_MS = 60 * 60 * 1000;
export type ExplorerHandlers = { [M in ExplorerMethod]: (input: ParsedInput<M>) => Output<M> };

/** The run explorer's methods: queries, compare, range reads, tags, notes, archive, views. */
export function createExplorerHandlers(store: Store): ExplorerHandlers {
  const repo = store.explorer;
  // A grace period, so a CLI command run beside the open app cannot take away its Undo.
  repo.purgeDeleted(new Date(Date.now() - PURGE_AFTER_MS).toISOString());
  const compare = createRunComparer(store);
  const series = createSeriesReader(store);
  const known = (ids: readonly number[]): number[] => {
    const missing = ids.filter((id) => !store.runs.get(id));
    if (missing.length) throw new UserError(`no run with id ${missing.slice(0, 5).join(', ')}`);
    return [...new Set(ids)];
  };

  return {
    ...createReadHandlers(store),
    'runs.compare': ({ ids }) => compare(known(ids)),
    'runs.series': (req) => series.read({ ...req, ids: known(req.ids) }),
    'runs.setTag': ({ ids, key, value }) => ({ changed: repo.setTag(known(ids), key, value) }),
    'runs.removeTag': ({ ids, key }) => ({ changed: repo.removeTag(known(ids), key) }),
    'runs.setNote': ({ id, note }) => ({ changed: repo.setNote(known([id])[0]!, note) }),
    'runs.archive': ({ ids, archived }) => ({ changed: repo.archive(known(ids), archived) }),
    'runs.delete': ({ ids }) => ({ changed: repo.softDelete(known(ids)) }),
    'runs.restore': ({ ids }) => ({ changed: repo.restore(known(ids)) }),
    'views.list': () => repo.views(),
    'views.save': (v) => repo.saveView(v),
    'views.delete': ({ id }) => ({ changed: repo.deleteView(id) }),
  };
}
