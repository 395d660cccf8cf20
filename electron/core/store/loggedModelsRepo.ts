import type { Db } from './db.js';

export type LoggedModelStatus = 'pending' | 'ready' | 'failed';
export interface LoggedModelRow {
  id: string;
  run_id: number;
  run_uid: string;
  experiment_id: number;
  name: string;
  model_type: string;
  status: LoggedModelStatus;
  tags: Record<string, string>;
  params: Record<string, string>;
  created_ms: number;
  updated_ms: number;
}
export interface RunModelOutput {
  run_uid: string;
  model_id: string;
  step: number;
}
export interface LoggedModelMetric {
  model_id: string;
  key: string;
  value: number;
  step: number;
  time: number;
  dataset_name: string;
  dataset_digest: string;
  run_uid: string | null;
}
type Raw = Omit<LoggedModelRow, 'tags' | 'params'> & { tags: string; params: string };

const SELECT = `SELECT m.id, m.run_id, r.uid AS run_uid, r.experiment_id, m.name, m.model_type, m.status, m.tags, m.params, m.created_ms, m.updated_ms
  FROM logged_models m JOIN runs r ON r.id = m.run_id`;
const toRow = (r: Raw): LoggedModelRow => ({
  ...r,
  tags: JSON.parse(r.tags) as Record<string, string>,
  params: JSON.parse(r.params) as Record<string, string>,
});

/** MLflow 3's logged models: a model a run saved, with its own id, status, tags and params. */
export function createLoggedModelsRepo(db: Db) {
  const insert = db.prepare<
    [
      {
        id: string;
        run_id: number;
        name: string;
        model_type: string;
        tags: string;
        params: string;
        at: number;
      },
    ]
  >(
    `INSERT INTO logged_models (id, run_id, name, model_type, status, tags, params, created_ms, updated_ms)
     VALUES (@id, @run_id, @name, @model_type, 'pending', @tags, @params, @at, @at)`,
  );
  const byId = db.prepare<[string], Raw>(`${SELECT} WHERE m.id = ?`);
  const inExperiments = db.prepare<[string], Raw>(
    `${SELECT} WHERE r.experiment_id IN (SELECT value FROM json_each(?)) AND r.deleted_at IS NULL ORDER BY m.created_ms DESC, m.id`,
  );
  const update = db.prepare<
    [{ id: string; status: LoggedModelStatus; tags: string; params: string; at: number }]
  >(
    'UPDATE logged_models SET status = @status, tags = @tags, params = @params, updated_ms = @at WHERE id = @id',
  );
  const remove = db.prepare<[string]>('DELETE FROM logged_models WHERE id = ?');
  const upsertOutput = db.prepare<[number, string, number]>(
    `INSERT INTO run_model_outputs (run_id, model_id, step) VALUES (?, ?, ?)
     ON CONFLICT (run_id, model_id) DO UPDATE SET step = excluded.step`,
  );
  const outputsOf = db.prepare<[string], RunModelOutput>(
    `SELECT r.uid AS run_uid, o.model_id, o.step FROM run_model_outputs o JOIN runs r ON r.id = o.run_id
     WHERE r.uid IN (SELECT value FROM json_each(?)) ORDER BY o.run_id, o.step, o.model_id`,
  );
  // The latest value per key and dataset: the larger step, then the later time, wins.
  const upsertMetric = db.prepare<
    [
      {
        model_id: string;
        key: string;
        dataset_name: string;
        dataset_digest: string;
        run_id: number | null;
        value: number | null;
        step: number;
        time: number;
      },
    ]
  >(
    `INSERT INTO logged_model_metrics (model_id, key, dataset_name, dataset_digest, run_id, value, step, time)
     VALUES (@model_id, @key, @dataset_name, @dataset_digest, @run_id, @value, @step, @time)
     ON CONFLICT (model_id, key, dataset_name, dataset_digest) DO UPDATE SET
       run_id = excluded.run_id, value = excluded.value, step = excluded.step, time = excluded.time
     WHERE excluded.step > step OR (excluded.step = step AND excluded.time >= time)`,
  );
  const metricsOf = db.prepare<
    [string],
    Omit<LoggedModelMetric, 'value'> & { value: number | null }
  >(
    `SELECT m.model_id, m.key, m.value, m.step, m.time, m.dataset_name, m.dataset_digest, r.uid AS run_uid
     FROM logged_model_metrics m LEFT JOIN runs r ON r.id = m.run_id
     WHERE m.model_id = ? ORDER BY m.key, m.dataset_name, m.dataset_digest`,
  );
  return {
    create(m: {
      id: string;
      run_id: number;
      name: string;
      model_type: string;
      tags: Record<string, string>;
      params: Record<string, string>;
    }): void {
      insert.run({
        ...m,
        tags: JSON.stringify(m.tags),
        params: JSON.stringify(m.params),
        at: Date.now(),
      });
    },
    get(id: string): LoggedModelRow | undefined {
      const row = byId.get(id);
      return row && toRow(row);
    },
    inExperiments: (experimentIds: number[]): LoggedModelRow[] =>
      inExperiments.all(JSON.stringify(experimentIds)).map(toRow),
    update(m: LoggedModelRow): void {
      update.run({
        id: m.id,
        status: m.status,
        tags: JSON.stringify(m.tags),
        params: JSON.stringify(m.params),
        at: Date.now(),
      });
    },
    remove: (id: string) => remove.run(id).changes,
    /** Declares models as a run's outputs; a model declared again keeps its latest step. */
    logOutputs(runId: number, outputs: readonly { id: string; step: number }[]): void {
      db.transaction(() => {
        for (const o of outputs) upsertOutput.run(runId, o.id, o.step);
      })();
    },
    /** Keeps each point if it is the latest for its model, key and dataset. */
    logMetrics(
      points: readonly (Omit<LoggedModelMetric, 'run_uid'> & { run_id: number | null })[],
    ): void {
      db.transaction(() => {
        for (const p of points)
          upsertMetric.run({ ...p, value: Number.isNaN(p.value) ? null : p.value });
      })();
    },
    metricsOf: (modelId: string): LoggedModelMetric[] =>
      metricsOf.all(modelId).map((m) => ({ ...m, value: m.value ?? NaN })),
    outputsOf: (runUids: string[]): RunModelOutput[] => outputsOf.all(JSON.stringify(runUids)),
  };
}
