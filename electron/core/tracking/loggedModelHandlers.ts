import { randomUUID } from 'node:crypto';
import type { Output, ParsedInput } from '../../../shared/api.js';
import type { loggedModelsApi, LoggedModel } from '../../../shared/api/loggedModels.js';
import type { Store } from '../store/store.js';
import { InvalidInput, NotFound } from '../userError.js';

type Method = keyof typeof loggedModelsApi;
export type LoggedModelHandlers = { [M in Method]: (input: ParsedInput<M>) => Output<M> };

/** Logged models; their files live in the run's artifacts under `models/<id>/`. */
export function createLoggedModelHandlers(store: Store): LoggedModelHandlers {
  const get = (id: string): LoggedModel => {
    const m = store.loggedModels.get(id);
    if (!m) throw new NotFound(`Logged model with ID '${id}' not found`);
    return m;
  };
  return {
    'loggedModels.create': ({ runUid, name, modelType, tags, params }) => {
      const run = store.trackedRuns.byUid(runUid);
      if (!run) throw new NotFound(`no run with uid ${runUid}`);
      if (run.deleted)
        throw new InvalidInput(
          `the run ${runUid} is deleted; restore it before logging a model to it`,
        );
      const id = `m-${randomUUID().replaceAll('-', '')}`;
      store.loggedModels.create({ id, run_id: run.id, name, model_type: modelType, tags, params });
      return get(id);
    },
    'loggedModels.get': ({ id }) => get(id),
    'loggedModels.update': ({ id, status, tags, params, removeTag }) => {
      const m = get(id);
      const next = {
        ...m,
        status: status ?? m.status,
        tags: { ...m.tags, ...tags },
        params: { ...m.params, ...params },
      };
      if (removeTag !== undefined) delete next.tags[removeTag];
      store.loggedModels.update(next);
      return get(id);
    },
    'loggedModels.delete': ({ id }) => ({ changed: store.loggedModels.remove(get(id).id) }),
    'loggedModels.list': ({ experimentIds }) => store.loggedModels.inExperiments(experimentIds),
    'loggedModels.logOutputs': ({ runUid, outputs }) => {
      const run = store.trackedRuns.byUid(runUid);
      if (!run) throw new NotFound(`no run with uid ${runUid}`);
      for (const o of outputs) get(o.id);
      store.loggedModels.logOutputs(run.id, outputs);
      return { count: outputs.length };
    },
    'loggedModels.logMetrics': ({ metrics }) => {
      const kept = metrics.flatMap((p) => {
        if (!store.loggedModels.get(p.id)) return [];
        const run = p.runUid ? store.trackedRuns.byUid(p.runUid) : undefined;
        return [
          {
            model_id: p.id,
            key: p.key,
            value: p.value,
            step: p.step,
            time: p.time,
            dataset_name: p.datasetName,
            dataset_digest: p.datasetDigest,
            run_id: run?.id ?? null,
          },
        ];
      });
      store.loggedModels.logMetrics(kept);
      return { count: kept.length };
    },
    'loggedModels.metrics': ({ id }) => store.loggedModels.metricsOf(get(id).id),
    'loggedModels.outputs': ({ runUids }) =>
      runUids.length ? store.loggedModels.outputsOf(runUids) : [],
  };
}
