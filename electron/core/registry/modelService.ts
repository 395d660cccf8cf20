import type { ModelSummary, ModelVersion } from '../../../shared/api/registry.js';
import type { StoredModel } from '../store/registryRepo.js';
import type { Store } from '../store/store.js';
import { AlreadyExists, NotFound, UserError } from '../userError.js';
import type { RegistryService } from './registryService.js';

/** What deleting a model must not pull from under: Benchtop's retraining for it. */
export interface AutomationGuard {
  policyOfModel(modelId: number): unknown;
  runningOf(modelId: number): { id: number } | undefined;
}

/**
 * Registered models: names with a description and tags, created before their first version (as
 * MLflow clients do), renamed, and deleted. A deleted model frees its name; its versions keep
 * their records, as a deleted version does.
 */
export function createModelService(
  store: Store,
  versions: RegistryService,
  automation: AutomationGuard,
) {
  const repo = store.registry;
  const tx = <T>(fn: () => T): T => store.transaction(fn);

  const live = (name: string): StoredModel => {
    const found = repo.model(name);
    if (!found) throw new NotFound(`no model named ${name}`);
    return found;
  };
  const summary = ({ id: _id, ...m }: StoredModel, vs: ModelVersion[]): ModelSummary => ({
    ...m,
    versions: vs,
  });
  const withVersions = (m: StoredModel): ModelSummary =>
    summary(m, repo.versionsOf(m.id).map(versions.publicVersion));

  return {
    models(): ModelSummary[] {
      const byModel = new Map<number, ModelVersion[]>();
      const models = repo.models();
      for (const m of models) byModel.set(m.id, []);
      for (const v of repo.list()) byModel.get(v.model_id)?.push(versions.publicVersion(v));
      return models.map((m) => summary(m, byModel.get(m.id) ?? []));
    },
    model: (name: string): ModelSummary => withVersions(live(name)),
    createModel(input: {
      name: string;
      description?: string | undefined;
      tags?: Record<string, string> | undefined;
    }): ModelSummary {
      if (repo.model(input.name))
        throw new AlreadyExists(
          `a registered model named ${JSON.stringify(input.name)} already exists`,
        );
      return tx(() => {
        const id = repo.insertModel(input.name, input.description ?? '');
        for (const [key, value] of Object.entries(input.tags ?? {}))
          repo.setModelTag(id, key, value);
        return withVersions(live(input.name));
      });
    },
    describeModel(input: { model: string; description: string }): ModelSummary {
      const m = live(input.model);
      repo.describeModel(m.id, input.description);
      return withVersions(live(input.model));
    },
    renameModel(input: { model: string; to: string }): ModelSummary {
      const m = live(input.model);
      if (input.to === m.name) return withVersions(m);
      if (repo.model(input.to))
        throw new AlreadyExists(
          `a registered model named ${JSON.stringify(input.to)} already exists`,
        );
      return tx(() => {
        repo.renameModel(m.id, input.to);
        for (const v of repo.versionsOf(m.id))
          repo.addHistory(v.id, 'model renamed', `${m.name} → ${input.to}`);
        return withVersions(live(input.to));
      });
    },
    modelTags(input: {
      model: string;
      set: Record<string, string>;
      unset: string[];
    }): ModelSummary {
      const m = live(input.model);
      tx(() => {
        for (const [key, value] of Object.entries(input.set)) repo.setModelTag(m.id, key, value);
        for (const key of input.unset) if (!(key in input.set)) repo.unsetModelTag(m.id, key);
      });
      return withVersions(live(input.model));
    },
    /**
     * Deletes a model and all its versions as MLflow does (the name is free again and a new model
     * under it starts at version 1), keeping their records like `deleteVersion`. Refused while
     * Benchtop retrains the model: the policy would register into a model that is gone.
     */
    deleteModel(input: { model: string; reason: string }): { name: string; versions: number } {
      const m = live(input.model);
      if (automation.policyOfModel(m.id)) {
        throw new UserError(
          `model ${m.name} has a retraining policy; remove the policy before deleting the model`,
        );
      }
      const running = automation.runningOf(m.id);
      if (running)
        throw new UserError(
          `model ${m.name} has pipeline #${running.id} running; let it finish before deleting the model`,
        );
      const vs = repo.versionsOf(m.id);
      tx(() => {
        for (const v of vs) {
          for (const alias of v.aliases) {
            repo.unsetAlias(m.id, alias);
            repo.addHistory(v.id, 'alias unset', alias, 'model deleted');
          }
          repo.deleteVersion(v.id);
          repo.addHistory(v.id, 'deleted', `with model ${m.name}`, input.reason);
        }
        repo.deleteModel(m.id);
      });
      return { name: m.name, versions: vs.length };
    },
  };
}
