import type { Output, ParsedInput } from '../../../shared/api.js';
import type { Store } from '../store/store.js';
import { queryRunIds, queryWarnings } from '../runs/runQuery.js';
import { createRunTable } from '../runs/runTable.js';
import type { RoutedMethod } from './readProtocol.js';

export type ReadHandlers = { [M in RoutedMethod]: (input: ParsedInput<M>) => Output<M> };

/**
 * The routed reads, written once: main runs them inline (the CLI, or with the worker off) and the
 * read worker runs the same functions on its own connection, so both answer alike.
 */
export function createReadHandlers(
  store: Pick<Store, 'runs' | 'runTable' | 'runQueries'>,
): ReadHandlers {
  const table = createRunTable(store);
  return {
    'runs.table': (input) => table(input),
    'runs.query': (q) => ({
      ids: queryRunIds(store.runQueries, q),
      warnings: queryWarnings(store.runQueries, q),
    }),
  };
}
