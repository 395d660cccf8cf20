import { z } from 'zod';
import {
  matchesEntity,
  parseEntityFilter,
  sortEntities,
} from '../../../shared/mlflow/entityFilter.js';
import { invalid, missing } from './mlflowErrors.js';
import {
  DEFAULT_EXPERIMENT,
  experimentToWire,
  KeyValue,
  offsetOf,
  pageToken,
  parseMessage,
} from './mlflowWire.js';
import {
  experimentById,
  List,
  MaxResults,
  searchError,
  ViewType,
  type Route,
} from './routeSupport.js';

const VIEW = { ACTIVE_ONLY: 'active', DELETED_ONLY: 'deleted', ALL: 'all' } as const;

/** MLflow's experiment routes: create, get, get-by-name, search, update, delete, restore, tags. */
export const experimentRoutes: Record<string, Route> = {
  'POST experiments/create': async (call, message) => {
    const m = parseMessage(
      z.object({
        name: z.string(),
        artifact_location: z.string().optional(),
        tags: z.array(KeyValue).default([]),
      }),
      message,
    );
    if (!m.name.trim()) throw invalid("Missing value for required parameter 'name'.");
    const tags = Object.fromEntries(m.tags.map((t) => [t.key, t.value]));
    const e = await call('experiments.create', { name: m.name, tags });
    return { experiment_id: experimentToWire(e).experiment_id };
  },
  'GET experiments/get': async (call, message) => {
    const m = parseMessage(z.object({ experiment_id: z.string() }), message);
    return { experiment: experimentToWire(await experimentById(call, m.experiment_id)) };
  },
  'GET experiments/get-by-name': async (call, message) => {
    const m = parseMessage(z.object({ experiment_name: z.string() }), message);
    // MLflow's Default always exists; here it is made when first asked for, by id or by name.
    if (m.experiment_name === DEFAULT_EXPERIMENT)
      return { experiment: experimentToWire(await experimentById(call, '0')) };
    const e = await call('experiments.get', { name: m.experiment_name }).catch(() => {
      throw missing(`Could not find experiment with name '${m.experiment_name}'`);
    });
    return { experiment: experimentToWire(e) };
  },
  'POST experiments/search': async (call, message) => {
    const m = parseMessage(
      z.object({
        max_results: MaxResults(1000, 50_000),
        filter: z.string().default(''),
        order_by: List(z.string()).default([]),
        page_token: z.string().optional(),
        view_type: ViewType,
      }),
      message,
    );
    const filter = searchError(() => parseEntityFilter(m.filter, 'experiment'));
    const all = (await call('experiments.list', { view: VIEW[m.view_type] })).map(experimentToWire);
    const entities = all.map((e) => ({
      ...e,
      tags: Object.fromEntries((e.tags ?? []).map((t) => [t.key, t.value])),
    }));
    const matching = searchError(() =>
      sortEntities(
        entities.filter((e) => matchesEntity(filter, e)),
        m.order_by,
      ),
    );
    const offset = offsetOf(m.page_token);
    const page = matching
      .slice(offset, offset + m.max_results)
      .map((e) => all.find((w) => w.experiment_id === e.experiment_id)!);
    return {
      experiments: page,
      ...(offset + m.max_results < matching.length
        ? { next_page_token: pageToken(offset + m.max_results) }
        : {}),
    };
  },
  'POST experiments/update': async (call, message) => {
    const m = parseMessage(z.object({ experiment_id: z.string(), new_name: z.string() }), message);
    await call('experiments.rename', {
      id: (await experimentById(call, m.experiment_id)).id,
      name: m.new_name,
    });
    return {};
  },
  'POST experiments/delete': async (call, message) => {
    const m = parseMessage(z.object({ experiment_id: z.string() }), message);
    await call('experiments.delete', { id: (await experimentById(call, m.experiment_id)).id });
    return {};
  },
  'POST experiments/restore': async (call, message) => {
    const m = parseMessage(z.object({ experiment_id: z.string() }), message);
    await call('experiments.restore', { id: (await experimentById(call, m.experiment_id)).id });
    return {};
  },
  'POST experiments/set-experiment-tag': async (call, message) => {
    const m = parseMessage(
      z.object({ experiment_id: z.string(), key: z.string(), value: z.string().default('') }),
      message,
    );
    await call('experiments.setTag', {
      id: (await experimentById(call, m.experiment_id)).id,
      key: m.key,
      value: m.value,
    });
    return {};
  },
};
