import type { EventBus } from '../eventBus.js';
import type { Store } from '../store/store.js';
import { UserError } from '../userError.js';
import { createDriftService } from './driftService.js';

/** The contract's drift.* methods, spread into core's handler map. */
export function createDriftHandlers(store: Store, events: EventBus) {
  const service = createDriftService(store, events, (id) => {
    const dataset = store.datasets.get(id);
    if (!dataset) throw new UserError(`no dataset with id ${id}`);
    return dataset;
  });
  return {
    'drift.check': service.check,
    'drift.list': (filter: { referenceId?: number | undefined; model?: string | undefined }) =>
      service.list(filter),
    'drift.get': ({ id }: { id: number }) => service.get(id),
  };
}
