import type { Run } from '../../../shared/domain.js';
import type { Store } from '../store/store.js';
import { exportBundle, importBundle } from './bundles.js';
import { createRegistryService } from './registryService.js';

/** The contract's registry.* methods, spread into core's handler map. */
export function createRegistryHandlers(store: Store, dataDir: string, getRun: (id: number) => Run) {
  const registry = createRegistryService(store, getRun);
  return {
    'registry.register': registry.register,
    'registry.models': () => registry.models(),
    'registry.createModel': ({ name }: { name: string }) => registry.createModel(name),
    'registry.version': ({ id }: { id: number }) => registry.detail(id),
    'registry.alias': registry.alias,
    'registry.stage': registry.stage,
    'registry.promote': registry.promote,
    'registry.rollback': registry.rollback,
    'registry.card': ({ id, card }: { id: number; card: string }) => registry.saveCard(id, card),
    'registry.diff': ({ a, b }: { a: number; b: number }) => registry.diff(a, b),
    'registry.export': ({ model, version, out }: { model: string; version: number; out: string }) => {
      const v = registry.find(model, version);
      return exportBundle(dataDir, v, out);
    },
    'registry.import': ({ path }: { path: string }) => importBundle(store, dataDir, path, (v) => registry.publicOf(v.id)),
  };
}
