import { randomUUID } from 'node:crypto';
import type { Run } from '../../../shared/domain.js';
import { modelMetrics } from '../../../shared/metricNames.js';
import type {
  ModelVersion,
  Stage,
  VersionDetail,
  VersionDiff,
} from '../../../shared/api/registry.js';
import type { StoredVersion } from '../store/registryRepo.js';
import type { Store } from '../store/store.js';
import { NotFound, UserError } from '../userError.js';
import { diffVersions } from './versionDiff.js';

export const CHAMPION = 'champion';

const publicVersion = ({
  uid: _u,
  model_id: _m,
  card: _c,
  source: _s,
  ...v
}: StoredVersion): ModelVersion => v;
const ACTIVE_STAGES: readonly Stage[] = ['staging', 'production'];
/** A tag's value in the history: enough to recognise it, never a 100 kB blob. */
const shown = (key: string, value: string) =>
  `${key} = ${value.length > 200 ? `${value.slice(0, 200)}…` : value}`;

export interface RegisterInput {
  runId?: number | undefined;
  name: string;
  parentId?: number | undefined;
  note: string;
  source_uri?: string | undefined;
  tags?: Record<string, string> | undefined;
  /** false: an unknown model name is refused, not created (MLflow's registry). */
  createModel?: boolean | undefined;
}
type VersionRef = { model: string; version: number };

/**
 * The registry's versions and their rules: Benchtop's own training runs are registered once
 * finished; a parent is a version of the same model; an alias is unique within a model (setting
 * it moves it); every change to a version is written to its history. Deleting a version keeps
 * its record (see `deleteVersion`).
 */
export function createRegistryService(store: Store, getRun: (id: number) => Run) {
  const repo = store.registry;
  const tx = <T>(fn: () => T): T => store.transaction(fn);

  const find = (model: string, version: number): StoredVersion => {
    const found = repo.find(model, version);
    if (!found) throw new NotFound(`model ${model} has no version ${version}`);
    return found;
  };
  const byId = (id: number): StoredVersion => {
    const found = repo.get(id);
    if (!found) throw new NotFound(`no model version with id ${id}`);
    return found;
  };
  const moveAlias = (v: StoredVersion, alias: string, reason: string): ModelVersion =>
    tx(() => {
      const from = repo.aliasHolder(v.model_id, alias);
      repo.setAlias(v.model_id, alias, v.id);
      repo.addHistory(v.id, 'alias set', alias, reason);
      if (from !== undefined && from !== v.id)
        repo.addHistory(from, 'alias moved away', `${alias} → v${v.version}`, reason);
      return publicVersion(byId(v.id));
    });

  function detail(id: number): VersionDetail {
    const v = byId(id);
    const local = v.dataset_id === null ? undefined : store.datasets.get(v.dataset_id);
    const dataset = local
      ? {
          id: local.id,
          name: local.name,
          version: local.version,
          hash: local.hash,
          columns: local.columns,
        }
      : v.source.dataset && { id: null, ...v.source.dataset, columns: [] };
    return {
      ...publicVersion(v),
      card: v.card,
      history: repo.history(id),
      children: repo.children(id),
      dataset: dataset ?? null,
      rollback: rollbackOf(v.model_id, v.model),
    };
  }

  /** Which version a roll back of the champion would restore, or why there is none (the same words rollback() refuses with). */
  function rollbackOf(modelId: number, name: string): { to: number | null; why_not: string } {
    const current = repo.aliasHolder(modelId, CHAMPION);
    if (current === undefined)
      return { to: null, why_not: `model ${name} has no champion to roll back` };
    const previous = repo.aliasMoves(modelId, CHAMPION).find((id) => id !== current);
    if (previous === undefined)
      return { to: null, why_not: `model ${name} has had no other champion to roll back to` };
    return { to: previous, why_not: '' };
  }

  function register(input: RegisterInput): ModelVersion {
    const run = input.runId === undefined ? undefined : getRun(input.runId);
    // Benchtop's own training is registered once it finished. A script saves its model files before
    // it registers them, often while its run is still open, and a failed or killed script run's
    // model is still a model (MLflow takes it); an imported run is registered as it ended.
    if (run && run.source === 'benchtop' && run.status !== 'finished') {
      throw new UserError(`run ${run.id} is ${run.status}; only a finished run can be registered`);
    }
    const sourceUri = input.source_uri ?? '';
    if (!run && !sourceUri)
      throw new UserError('a version is registered from a run or a source URI: give one');
    const parent = input.parentId === undefined ? undefined : byId(input.parentId);
    if (parent && parent.model !== input.name) {
      throw new UserError(
        `version ${parent.id} belongs to model ${parent.model}, not ${input.name}; a parent must be a version of the same model`,
      );
    }
    const dataset = run && run.dataset_id !== null ? store.datasets.get(run.dataset_id) : undefined;
    return tx(() => {
      let modelId = repo.model(input.name)?.id;
      if (modelId === undefined) {
        if (input.createModel === false) throw new NotFound(`no model named ${input.name}`);
        modelId = repo.insertModel(input.name, '');
      }
      const id = repo.insertVersion({
        uid: randomUUID(),
        model_id: modelId,
        run_id: run?.id ?? null,
        dataset_id: run?.dataset_id ?? null,
        parent_id: parent?.id ?? null,
        note: input.note,
        source: {
          // What the model scored; the training job's CPU and memory (system/*) are not the model's.
          run: { params: run?.params ?? {}, metrics: modelMetrics(run?.metrics ?? {}) },
          dataset: dataset
            ? { name: dataset.name, version: dataset.version, hash: dataset.hash }
            : null,
          parent_uid: parent?.uid ?? null,
        },
        source_uri: sourceUri,
      });
      for (const [key, value] of Object.entries(input.tags ?? {}))
        repo.setVersionTag(id, key, value);
      repo.touchModel(modelId);
      const from = run ? `from run ${run.id}` : `from ${sourceUri}`;
      repo.addHistory(
        id,
        'registered',
        `${from}${parent ? `, child of v${parent.version}` : ''}`,
        input.note,
      );
      return publicVersion(byId(id));
    });
  }

  return {
    find,
    publicOf: (id: number): ModelVersion => publicVersion(byId(id)),
    publicVersion,
    register,
    detail,
    alias(
      input: VersionRef & { set?: string | undefined; unset?: string | undefined; reason: string },
    ): ModelVersion {
      const v = find(input.model, input.version);
      if (input.set !== undefined) return moveAlias(v, input.set, input.reason);
      const alias = input.unset!;
      if (repo.aliasHolder(v.model_id, alias) !== v.id)
        throw new UserError(`model ${v.model} v${v.version} has no alias ${alias}`);
      return tx(() => {
        repo.unsetAlias(v.model_id, alias);
        repo.addHistory(v.id, 'alias unset', alias, input.reason);
        return publicVersion(byId(v.id));
      });
    },
    /** MLflow's transition: with `archiveOthers`, the versions already in staging/production move to archived. */
    stage(
      input: VersionRef & { to: Stage; archiveOthers?: boolean | undefined; reason: string },
    ): ModelVersion {
      const v = find(input.model, input.version);
      if (input.archiveOthers && !ACTIVE_STAGES.includes(input.to)) {
        throw new UserError(
          `only a move into ${ACTIVE_STAGES.join(' or ')} can archive the versions already there, not a move into ${input.to}`,
        );
      }
      return tx(() => {
        if (input.archiveOthers) {
          for (const other of repo.versionsOf(v.model_id)) {
            if (other.id === v.id || other.stage !== input.to) continue;
            repo.setStage(other.id, 'archived');
            repo.addHistory(
              other.id,
              'stage',
              `${other.stage} → archived`,
              input.reason || `v${v.version} moved to ${input.to}`,
            );
          }
        }
        repo.setStage(v.id, input.to);
        repo.addHistory(v.id, 'stage', `${v.stage} → ${input.to}`, input.reason);
        repo.touchModel(v.model_id);
        return publicVersion(byId(v.id));
      });
    },
    note(input: VersionRef & { note: string }): ModelVersion {
      const v = find(input.model, input.version);
      return tx(() => {
        repo.setNote(v.id, input.note);
        repo.addHistory(v.id, 'note edited', `${input.note.length} characters`);
        return publicVersion(byId(v.id));
      });
    },
    versionTags(
      input: VersionRef & { set: Record<string, string>; unset: string[] },
    ): ModelVersion {
      const v = find(input.model, input.version);
      return tx(() => {
        for (const [key, value] of Object.entries(input.set)) {
          if (v.tags[key] === value) continue;
          repo.setVersionTag(v.id, key, value);
          repo.addHistory(v.id, 'tag set', shown(key, value));
        }
        for (const key of input.unset) {
          if (!(key in v.tags) || key in input.set) continue;
          repo.unsetVersionTag(v.id, key);
          repo.addHistory(v.id, 'tag removed', key);
        }
        return publicVersion(byId(v.id));
      });
    },
    /**
     * Deletes a version as MLflow does (its aliases go, its number is never reused), but keeps
     * its record: children keep their lineage, and drift reports, pipeline runs and the history
     * that name it still resolve. It leaves every listing and lookup.
     */
    deleteVersion(input: VersionRef & { reason: string }): {
      id: number;
      model: string;
      version: number;
    } {
      const v = find(input.model, input.version);
      tx(() => {
        for (const alias of v.aliases) {
          repo.unsetAlias(v.model_id, alias);
          repo.addHistory(v.id, 'alias unset', alias, 'version deleted');
        }
        repo.deleteVersion(v.id);
        repo.addHistory(v.id, 'deleted', `v${v.version}`, input.reason);
        repo.touchModel(v.model_id);
      });
      return { id: v.id, model: v.model, version: v.version };
    },
    promote: (input: VersionRef & { reason: string }) =>
      moveAlias(find(input.model, input.version), CHAMPION, input.reason),
    rollback(input: { model: string; reason: string }): ModelVersion {
      const model = repo.model(input.model);
      if (!model) throw new NotFound(`no model named ${input.model}`);
      const { to, why_not } = rollbackOf(model.id, input.model);
      if (to === null) throw new UserError(why_not);
      return moveAlias(byId(to), CHAMPION, input.reason || 'roll back');
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
        return {
          id,
          params: d.params,
          metrics: d.metrics,
          dataset: d.dataset && {
            label: `${d.dataset.name} v${d.dataset.version}`,
            columns: d.dataset.columns,
          },
        };
      };
      return diffVersions(side(a), side(b));
    },
  };
}
export type RegistryService = ReturnType<typeof createRegistryService>;
