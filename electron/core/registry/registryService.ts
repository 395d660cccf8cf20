import { randomUUID } from 'node:crypto';
import type { Run } from '../../../shared/domain.js';
import type { ModelVersion, Stage, VersionDetail, VersionDiff } from '../../../shared/registryApi.js';
import type { StoredVersion } from '../store/registryRepo.js';
import type { Store } from '../store/store.js';
import { AlreadyExists, UserError } from '../userError.js';
import { diffVersions } from './versionDiff.js';

export const CHAMPION = 'champion';

const publicVersion = ({ uid: _u, model_id: _m, card: _c, source: _s, ...v }: StoredVersion): ModelVersion => v;

/**
 * The registry's rules: only finished runs are registered; a parent is a version of the same model;
 * an alias is unique within a model (setting it moves it); every change is written to the history.
 */
export function createRegistryService(store: Store, getRun: (id: number) => Run) {
  const repo = store.registry;
  const tx = <T>(fn: () => T): T => store.db.transaction(fn)();

  const find = (model: string, version: number): StoredVersion => {
    const found = repo.find(model, version);
    if (!found) throw new UserError(`model ${model} has no version ${version}`);
    return found;
  };
  const byId = (id: number): StoredVersion => {
    const found = repo.get(id);
    if (!found) throw new UserError(`no model version with id ${id}`);
    return found;
  };
  const moveAlias = (v: StoredVersion, alias: string, reason: string): ModelVersion =>
    tx(() => {
      const from = repo.aliasHolder(v.model_id, alias);
      repo.setAlias(v.model_id, alias, v.id);
      repo.addHistory(v.id, 'alias set', alias, reason);
      if (from !== undefined && from !== v.id) repo.addHistory(from, 'alias moved away', `${alias} → v${v.version}`, reason);
      return publicVersion(byId(v.id));
    });

  function detail(id: number): VersionDetail {
    const v = byId(id);
    const local = v.dataset_id === null ? undefined : store.datasets.get(v.dataset_id);
    const dataset = local
      ? { id: local.id, name: local.name, version: local.version, hash: local.hash, columns: local.columns }
      : v.source.dataset && { id: null, ...v.source.dataset, columns: [] };
    return { ...publicVersion(v), card: v.card, history: repo.history(id), children: repo.children(id), dataset: dataset ?? null };
  }

  return {
    find,
    publicOf: (id: number): ModelVersion => publicVersion(byId(id)),
    createModel(name: string): { name: string; versions: ModelVersion[] } {
      if (repo.models().some((m) => m.name === name)) throw new AlreadyExists(`a registered model named ${JSON.stringify(name)} already exists`);
      repo.ensureModel(name);
      return { name, versions: [] };
    },
    register(input: { runId: number; name: string; parentId?: number | undefined; note: string }): ModelVersion {
      const run = getRun(input.runId);
      // A script saves its model files before it registers them, often while its run is still open.
      if (run.status !== 'finished' && !(run.source !== 'benchtop' && run.status === 'running')) {
        throw new UserError(`run ${run.id} is ${run.status}; only a finished run can be registered`);
      }
      const parent = input.parentId === undefined ? undefined : byId(input.parentId);
      if (parent && parent.model !== input.name) {
        throw new UserError(`version ${parent.id} belongs to model ${parent.model}, not ${input.name}; a parent must be a version of the same model`);
      }
      const dataset = run.dataset_id === null ? undefined : store.datasets.get(run.dataset_id);
      return tx(() => {
        const id = repo.insertVersion({
          uid: randomUUID(),
          model_id: repo.ensureModel(input.name),
          run_id: run.id,
          dataset_id: run.dataset_id,
          parent_id: parent?.id ?? null,
          note: input.note,
          source: {
            run: { params: run.params, metrics: run.metrics },
            dataset: dataset ? { name: dataset.name, version: dataset.version, hash: dataset.hash } : null,
            parent_uid: parent?.uid ?? null,
          },
        });
        repo.addHistory(id, 'registered', `from run ${run.id}${parent ? `, child of v${parent.version}` : ''}`, input.note);
        return publicVersion(byId(id));
      });
    },
    models(): { name: string; versions: ModelVersion[] }[] {
      const byModel = new Map<string, ModelVersion[]>(repo.models().map((m) => [m.name, []]));
      for (const v of repo.list()) byModel.set(v.model, [...(byModel.get(v.model) ?? []), publicVersion(v)]);
      return [...byModel.entries()].map(([name, versions]) => ({ name, versions }));
    },
    detail,
    alias(input: { model: string; version: number; set?: string | undefined; unset?: string | undefined; reason: string }): ModelVersion {
      const v = find(input.model, input.version);
      if (input.set !== undefined) return moveAlias(v, input.set, input.reason);
      const alias = input.unset!;
      if (repo.aliasHolder(v.model_id, alias) !== v.id) throw new UserError(`model ${v.model} v${v.version} has no alias ${alias}`);
      return tx(() => {
        repo.unsetAlias(v.model_id, alias);
        repo.addHistory(v.id, 'alias unset', alias, input.reason);
        return publicVersion(byId(v.id));
      });
    },
    stage(input: { model: string; version: number; to: Stage; reason: string }): ModelVersion {
      const v = find(input.model, input.version);
      return tx(() => {
        repo.setStage(v.id, input.to);
        repo.addHistory(v.id, 'stage', `${v.stage} → ${input.to}`, input.reason);
        return publicVersion(byId(v.id));
      });
    },
    promote: (input: { model: string; version: number; reason: string }) => moveAlias(find(input.model, input.version), CHAMPION, input.reason),
    rollback(input: { model: string; reason: string }): ModelVersion {
      const versions = repo.list().filter((v) => v.model === input.model);
      if (versions.length === 0) throw new UserError(`no model named ${input.model}`);
      const modelId = versions[0]!.model_id;
      const current = repo.aliasHolder(modelId, CHAMPION);
      if (current === undefined) throw new UserError(`model ${input.model} has no champion to roll back`);
      const previous = repo.aliasMoves(modelId, CHAMPION).find((id) => id !== current);
      if (previous === undefined) throw new UserError(`model ${input.model} has had no other champion to roll back to`);
      return moveAlias(byId(previous), CHAMPION, input.reason || 'roll back');
    },
    saveCard(id: number, card: string): VersionDetail {
      byId(id);
      tx(() => {
        repo.setCard(id, card);
        repo.addHistory(id, 'card edited', `${card.length} characters`);
      });
      return detail(id);
    },
    diff(a: number, b: number): VersionDiff {
      const side = (id: number) => {
        const d = detail(id);
        return { id, params: d.params, metrics: d.metrics, dataset: d.dataset && { label: `${d.dataset.name} v${d.dataset.version}`, columns: d.dataset.columns } };
      };
      return diffVersions(side(a), side(b));
    },
  };
}
export type RegistryService = ReturnType<typeof createRegistryService>;
