import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../testing/tempDir.js';
import { startMlflowServer, type MlflowServer } from '../../testing/mlflowWire.js';

/**
 * What MLflow 3.6's client sends when a script logs models and registers them: `log_model` creates
 * a logged model and declares it the run's output at a step (runs/outputs); `register_model`
 * reads the steps back from the run, and `log_model(registered_model_name=…)` registers
 * `models:/m-…` with the model's id and no run_id.
 */
describe('MLflow model outputs and registration from logged models', () => {
  const tempDir = useTempDirs();
  let s: MlflowServer;
  afterEach(async () => s?.close());

  async function runWithModels(steps: number[]) {
    const created = await s.post('runs/create', { experiment_id: '0', start_time: 1 });
    const runId = (created.json.run as { info: { run_id: string } }).info.run_id;
    const ids: string[] = [];
    for (const step of steps) {
      const made = await s.post('logged-models', {
        experiment_id: '0',
        name: 'model',
        source_run_id: runId,
      });
      const id = (made.json.model as { info: { model_id: string } }).info.model_id;
      expect(
        (await s.post('runs/outputs', { run_id: runId, models: [{ model_id: id, step }] })).status,
      ).toBe(200);
      ids.push(id);
    }
    return { runId, ids };
  }

  it('gives a run its declared models with their steps, in runs/get and runs/search', async () => {
    s = await startMlflowServer(tempDir(), tempDir());
    const { runId, ids } = await runWithModels([0, 3]);
    const plain = await s.post('runs/create', { experiment_id: '0', start_time: 2 });
    const plainId = (plain.json.run as { info: { run_id: string } }).info.run_id;

    // register_model("runs:/<run>/model") takes the model at the largest step from these.
    const got = await s.get('runs/get', { run_id: runId, run_uuid: runId });
    expect((got.json.run as { outputs: unknown }).outputs).toEqual({
      model_outputs: [
        { model_id: ids[0], step: 0 },
        { model_id: ids[1], step: 3 },
      ],
    });
    const searched = await s.post('runs/search', { experiment_ids: ['0'], max_results: 1000 });
    const byId = new Map(
      (searched.json.runs as { info: { run_id: string }; outputs: unknown }[]).map((r) => [
        r.info.run_id,
        r.outputs,
      ]),
    );
    expect(byId.get(runId)).toEqual({
      model_outputs: [
        { model_id: ids[0], step: 0 },
        { model_id: ids[1], step: 3 },
      ],
    });
    expect(byId.get(plainId)).toEqual({});

    // Declared again (int64 as a string, as protobuf's JSON allows): the latest step stands.
    await s.post('runs/outputs', { run_id: runId, models: [{ model_id: ids[0], step: '7' }] });
    const again = await s.get('runs/get', { run_id: runId });
    expect(
      (again.json.run as { outputs: { model_outputs: unknown[] } }).outputs.model_outputs,
    ).toContainEqual({ model_id: ids[0], step: 7 });
  });

  it('refuses outputs naming a missing run or model in MLflow’s error format', async () => {
    s = await startMlflowServer(tempDir(), tempDir());
    const { runId } = await runWithModels([0]);
    const noModel = await s.post('runs/outputs', {
      run_id: runId,
      models: [{ model_id: `m-${'0'.repeat(32)}`, step: 0 }],
    });
    expect([noModel.status, noModel.json.error_code]).toEqual([404, 'RESOURCE_DOES_NOT_EXIST']);
    const badId = await s.post('runs/outputs', {
      run_id: runId,
      models: [{ model_id: 'not-a-model', step: 0 }],
    });
    expect([badId.status, badId.json.error_code]).toEqual([404, 'RESOURCE_DOES_NOT_EXIST']);
    const noRun = await s.post('runs/outputs', {
      run_id: 'f'.repeat(32),
      models: [],
    });
    expect([noRun.status, noRun.json.error_code]).toEqual([404, 'RESOURCE_DOES_NOT_EXIST']);
    expect(noRun.json.message).toBe(`Run with id=${'f'.repeat(32)} not found`);
  });

  it('links a version registered from models:/m-… (no run_id) to the run that logged the model', async () => {
    s = await startMlflowServer(tempDir(), tempDir());
    const { runId, ids } = await runWithModels([0]);
    await s.post('registered-models/create', { name: 'clf' });
    // log_model(registered_model_name="clf"), as the client sends it.
    const made = await s.post('model-versions/create', {
      name: 'clf',
      source: `models:/${ids[0]}`,
      model_id: ids[0],
    });
    expect(made.status).toBe(200);
    expect(made.json.model_version).toMatchObject({
      version: '1',
      source: `models:/${ids[0]}`,
      run_id: runId,
    });
    // The same source without model_id (an older client, or a hand-written call).
    const bySource = await s.post('model-versions/create', {
      name: 'clf',
      source: `models:/${ids[0]}`,
    });
    expect(bySource.json.model_version).toMatchObject({ version: '2', run_id: runId });
    const got = await s.get('model-versions/get', { name: 'clf', version: '1' });
    expect((got.json.model_version as { run_id: string }).run_id).toBe(runId);
    // A model id nobody logged links to no run, as before.
    const unknown = await s.post('model-versions/create', {
      name: 'clf',
      source: `models:/m-${'1'.repeat(32)}`,
      model_id: `m-${'1'.repeat(32)}`,
    });
    expect(unknown.json.model_version).toMatchObject({ version: '3', run_id: '' });
  });
  it('keeps metrics logged for a model (log_metric(model_id=…), mlflow.evaluate) as the model’s', async () => {
    s = await startMlflowServer(tempDir(), tempDir());
    const { runId, ids } = await runWithModels([0]);
    const model = ids[0]!;
    const link = { model_id: model, dataset_name: 'dataset', dataset_digest: '25a8342e' };
    const batch = await s.post('runs/log-batch', {
      run_id: runId,
      metrics: [
        { key: 'accuracy_score', value: 0.9, timestamp: 10, step: 0, run_id: runId, ...link },
        { key: 'accuracy_score', value: 0.97, timestamp: 11, step: 1, run_id: runId, ...link },
        { key: 'accuracy_score', value: 0.5, timestamp: 12, step: 0, run_id: runId, ...link },
        { key: 'log_loss', value: 'NaN', timestamp: 10, step: 0, run_id: runId, ...link },
        { key: 'plain', value: 1, timestamp: 10, step: 0 },
      ],
    });
    expect(batch.status).toBe(200);
    const one = await s.post('runs/log-metric', {
      run_id: runId,
      run_uuid: runId,
      key: 'score',
      value: 2,
      timestamp: 13,
      step: 0,
      model_id: model,
    });
    expect(one.status).toBe(200);

    const got = await s.send('GET', `/api/2.0/mlflow/logged-models/${model}`);
    const metrics = (got.json.model as { data: { metrics: unknown[] } }).data.metrics;
    expect(metrics).toEqual([
      { key: 'accuracy_score', value: 0.97, timestamp: 11, step: 1, ...link, run_id: runId },
      { key: 'log_loss', value: 'NaN', timestamp: 10, step: 0, ...link, run_id: runId },
      { key: 'score', value: 2, timestamp: 13, step: 0, model_id: model, run_id: runId },
    ]);
    // The run keeps every point as before, the model-less one included.
    const history = await s.get('metrics/get-history', {
      run_id: runId,
      metric_key: 'accuracy_score',
    });
    expect((history.json.metrics as unknown[]).length).toBe(3);
    // A model nobody logged loses nothing of the run's metrics.
    const stray = await s.post('runs/log-batch', {
      run_id: runId,
      metrics: [{ key: 'x', value: 1, timestamp: 1, step: 0, model_id: `m-${'2'.repeat(32)}` }],
    });
    expect(stray.status).toBe(200);
  });
});
