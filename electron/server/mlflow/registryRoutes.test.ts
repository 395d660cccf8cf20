import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../testing/tempDir.js';
import { startMlflowServer, type MlflowServer } from '../../testing/mlflowWire.js';

/** MLflow's registry endpoints land in Benchtop's registry: the same versions, the same aliases. */
describe('MLflow model registry API', () => {
  const tempDir = useTempDirs();
  let s: MlflowServer;
  afterEach(async () => s?.close());

  it('registers versions from script runs into the version tree, with aliases', async () => {
    s = await startMlflowServer(tempDir(), tempDir());
    const runIds: string[] = [];
    for (let i = 0; i < 2; i++) {
      const created = await s.post('runs/create', { experiment_id: '0', start_time: 1 });
      const runId = (created.json.run as { info: { run_id: string } }).info.run_id;
      await s.post('runs/log-metric', { run_id: runId, key: 'acc', value: 0.9 + i / 100, timestamp: 1, step: 0 });
      runIds.push(runId);
    }
    const model = await s.post('registered-models/create', { name: 'churn' });
    expect(model.json.registered_model).toMatchObject({ name: 'churn' });
    const again = await s.post('registered-models/create', { name: 'churn' });
    expect([again.status, again.json.error_code]).toEqual([400, 'RESOURCE_ALREADY_EXISTS']);
    expect((await s.get('registered-models/get', { name: 'churn' })).json.registered_model).toMatchObject({ name: 'churn' });

    // The first version is registered while its run is still open, as `log_model(registered_model_name=…)` does.
    const v1 = await s.post('model-versions/create', { name: 'churn', source: `runs:/${runIds[0]}/model`, run_id: runIds[0] });
    expect(v1.json.model_version).toMatchObject({ name: 'churn', version: '1', status: 'READY', current_stage: 'None', run_id: runIds[0] });
    await s.post('runs/update', { run_id: runIds[1], status: 'FINISHED', end_time: 2 });
    const v2 = await s.post('model-versions/create', { name: 'churn', source: `runs:/${runIds[1]}/model`, run_id: runIds[1] });
    expect(v2.json.model_version).toMatchObject({ version: '2' });
    expect((await s.get('model-versions/get', { name: 'churn', version: '2' })).json.model_version).toMatchObject({ run_id: runIds[1] });
    expect((await s.get('model-versions/get', { name: 'churn', version: '9' })).status).toBe(404);

    expect((await s.post('registered-models/alias', { name: 'churn', alias: 'champion', version: '2' })).status).toBe(200);
    const held = await s.get('registered-models/alias', { name: 'churn', alias: 'champion' });
    expect(held.json.model_version).toMatchObject({ version: '2', aliases: ['champion'] });
    const models = await s.core.call('registry.models', {});
    expect(models.find((m) => m.name === 'churn')!.versions.map((v) => [v.version, v.aliases])).toEqual([
      [1, []],
      [2, ['champion']],
    ]);
    const search = await s.get('registered-models/search', { filter: "name = 'churn' AND tag.`mlflow.prompt.is_prompt` != 'true'", max_results: 100 });
    expect((search.json.registered_models as { name: string }[]).map((m) => m.name)).toEqual(['churn']);
    const versions = await s.get('model-versions/search', { filter: "name = 'churn'", max_results: 10_000 });
    expect((versions.json.model_versions as { version: string }[]).map((v) => v.version)).toEqual(['2', '1']); // MLflow's order: name, then newest version first

    const del = await s.send('DELETE', '/api/2.0/mlflow/registered-models/alias', { body: JSON.stringify({ name: 'churn', alias: 'champion' }) });
    expect([del.status, del.body]).toEqual([200, '{}']);
    const gone = await s.get('registered-models/alias', { name: 'churn', alias: 'champion' });
    expect([gone.status, gone.json.error_code]).toEqual([400, 'INVALID_PARAMETER_VALUE']);
    const noRun = await s.post('model-versions/create', { name: 'churn', source: '/tmp/model' });
    expect([noRun.status, noRun.json.error_code]).toEqual([400, 'INVALID_PARAMETER_VALUE']);
  });
});
