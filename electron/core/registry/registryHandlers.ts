import type { Run } from '../../../shared/domain.js';
import { createAutomationRepo } from '../store/automationRepo.js';
import type { Store } from '../store/store.js';
import { exportBundle, importBundle } from './bundles.js';
import { createModelService } from './modelService.js';
import { createRegistryService } from './registryService.js';

/** The contract's registry.* methods, spread into core's handler map. */
export function createRegistryHandlers(store: Store, dataDir: string, getRun: (id: number) => Run) {
  const registry = createRegistryService(store, getRun);
  const models = createModelService(store, registry, createAutomationRepo(store.db));
  return {
    'registry.register': registry.register,
    'registry.models': () => models.models(),
    'registry.model': ({ name }: { name: string }) => models.model(name),
    'registry.createModel': models.createModel,
    'registry.describeModel': models.describeModel,
    'registry.renameModel': models.renameModel,
    'registry.modelTags': models.modelTags,
    'registry.deleteModel': models.deleteModel,
    'registry.version': ({ id }: { id: number }) => registry.detail(id),
    'registry.alias': registry.alias,
    'registry.stage': registry.stage,
    'registry.note': registry.note,
    'registry.versionTags': registry.versionTags,
    'registry.deleteVersion': registry.deleteVersion,
    'registry.promote': registry.promote,
    'registry.rollback': registry.rollback,
    'registry.card': ({ id, card }: { id: number; card: string }) => registry.saveCard(id, card),
    'registry.diff': ({ a, b }: { a: number; b: number }) => registry.diff(a, b),
    'registry.export': ({
      model,
      version,
      out,
    }: {
      model: string;
      version: number;
      out: string;
    }) => {
      const v = registry.find(model, version);
      return exportBundle(dataDir, v, out);
    },
    'registry.import': ({ path }: { path: string }) =>
      importBundle(store, dataDir, path, (v) => registry.publicOf(v.id)),
  };
}
