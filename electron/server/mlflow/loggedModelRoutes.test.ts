import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../testing/tempDir.js';
import { startMlflowServer, type MlflowServer } from '../../testing/mlflowWire.js';

/** `log_model` in MLflow 3: create a logged model, upload its files, finalize it; `runs:/…` finds it by name. */
describe('MLflow logged models', () => {
  const tempDir = useTempDirs();
  let s: MlflowServer;
  afterEach(async () => s?.close());

  it('goes through log_model’s requests, and its files are the run’s', async () => {
    s = await startMlflowServer(tempDir(), tempDir());
    const created = await s.post('runs/create', { experiment_id: '0', start_time: 1 });
    const runId = (created.json.run as { info: { run_id: string } }).info.run_id;
    const made = await s.post('logged-models', {
      experiment_id: '0',
      name: 'model',
      model_type: '',
      source_run_id: runId,
      params: [{ key: 'alpha', value: '0.5' }],
      tags: [{ key: 'mlflow.source.name', value: 'train.py' }],
    });
    expect(made.status).toBe(200);
    const info = (
      made.json.model as {
        info: { model_id: string; artifact_uri: string; status: string; source_run_id: string };
      }
    ).info;
    expect(info).toMatchObject({ status: 'LOGGED_MODEL_PENDING', source_run_id: runId });
    expect(info.model_id).toMatch(/^m-[0-9a-f]{32}$/);
    expect(info.artifact_uri).toBe(`mlflow-artifacts:/0/models/${info.model_id}/artifacts`);
    expect(
      (
        await s.post('runs/outputs', {
          run_id: runId,
          models: [{ model_id: info.model_id, step: 0 }],
        })
      ).status,
    ).toBe(200);
    const base = `/api/2.0/mlflow-artifacts/artifacts/0/models/${info.model_id}/artifacts`;
    expect((await s.send('PUT', `${base}/MLmodel`, { body: 'flavors: {}\n' })).status).toBe(200);
    expect(
      (await s.send('PUT', `${base}/data/weights.bin`, { body: Buffer.from([1, 2, 3]) })).status,
    ).toBe(200);
    const tagged = await s.send('PATCH', `/api/2.0/mlflow/logged-models/${info.model_id}/tags`, {
      body: JSON.stringify({ tags: [{ key: 'k', value: 'v' }] }),
    });
    expect(tagged.status).toBe(200);
    const finalized = await s.send('PATCH', `/api/2.0/mlflow/logged-models/${info.model_id}`, {
      body: JSON.stringify({ model_id: info.model_id, status: 'LOGGED_MODEL_READY' }),
    });
    expect((finalized.json.model as { info: { status: string } }).info.status).toBe(
      'LOGGED_MODEL_READY',
    );
    const got = await s.send('GET', `/api/2.0/mlflow/logged-models/${info.model_id}`);
    expect(got.json.model).toMatchObject({
      info: { name: 'model', tags: expect.arrayContaining([{ key: 'k', value: 'v' }]) },
      data: { params: [{ key: 'alpha', value: '0.5' }] },
    });

    const found = await s.post('logged-models/search', {
      experiment_ids: ['0'],
      filter: "name = 'model'",
    });
    expect(
      (found.json.models as { info: { model_id: string } }[]).map((m) => m.info.model_id),
    ).toEqual([info.model_id]);
    expect(
      (await s.post('logged-models/search', { experiment_ids: ['0'], filter: "name = 'other'" }))
        .json,
    ).toEqual({});
    const listed = await s.send(
      'GET',
      `/api/2.0/mlflow-artifacts/artifacts?path=${encodeURIComponent(`0/models/${info.model_id}/artifacts`)}`,
    );
    expect(listed.json).toEqual({
      files: [
        { path: 'MLmodel', is_dir: false, file_size: 12 },
        { path: 'data', is_dir: true },
      ],
    });
    expect((await s.send('GET', `${base}/MLmodel`)).body).toBe('flavors: {}\n');
    // The model's files are the run's too: its run page and every export see them.
    const runFiles = await s.send(
      'GET',
      `/api/2.0/mlflow-artifacts/artifacts?path=${encodeURIComponent(`0/${runId}/artifacts/models/${info.model_id}`)}`,
    );
    expect(runFiles.json).toMatchObject({ files: [{ path: 'MLmodel' }, { path: 'data' }] });

    const noRun = await s.post('logged-models', { experiment_id: '0', name: 'model' });
    expect([noRun.status, noRun.json.error_code]).toEqual([400, 'INVALID_PARAMETER_VALUE']);
    const missing = await s.send('GET', `/api/2.0/mlflow/logged-models/m-${'0'.repeat(32)}`);
    expect([missing.status, missing.json.error_code]).toEqual([404, 'RESOURCE_DOES_NOT_EXIST']);
    const escape = await s.send(
      'PUT',
      `/api/2.0/mlflow-artifacts/artifacts/0/models/${info.model_id}/artifacts/../../x`,
      { body: 'x' },
    );
    expect(escape.status).toBe(400);
  });
});
