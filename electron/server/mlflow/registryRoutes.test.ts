import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../testing/tempDir.js';
import { startMlflowServer, type MlflowServer } from '../../testing/mlflowWire.js';
import { runWireId, uidFromWire } from './mlflowWire.js';

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
      await s.post('runs/log-metric', {
        run_id: runId,
        key: 'acc',
        value: 0.9 + i / 100,
        timestamp: 1,
        step: 0,
      });
      runIds.push(runId);
    }
    const model = await s.post('registered-models/create', { name: 'churn' });
    expect(model.json.registered_model).toMatchObject({ name: 'churn' });
    const again = await s.post('registered-models/create', { name: 'churn' });
    expect([again.status, again.json.error_code]).toEqual([400, 'RESOURCE_ALREADY_EXISTS']);
    expect(
      (await s.get('registered-models/get', { name: 'churn' })).json.registered_model,
    ).toMatchObject({ name: 'churn' });

    // The first version is registered while its run is still open, as `log_model(registered_model_name=…)` does.
    const v1 = await s.post('model-versions/create', {
      name: 'churn',
      source: `runs:/${runIds[0]}/model`,
      run_id: runIds[0],
    });
    expect(v1.json.model_version).toMatchObject({
      name: 'churn',
      version: '1',
      status: 'READY',
      current_stage: 'None',
      run_id: runIds[0],
    });
    await s.post('runs/update', { run_id: runIds[1], status: 'FINISHED', end_time: 2 });
    const v2 = await s.post('model-versions/create', {
      name: 'churn',
      source: `runs:/${runIds[1]}/model`,
      run_id: runIds[1],
    });
    expect(v2.json.model_version).toMatchObject({ version: '2' });
    expect(
      (await s.get('model-versions/get', { name: 'churn', version: '2' })).json.model_version,
    ).toMatchObject({ run_id: runIds[1] });
    expect((await s.get('model-versions/get', { name: 'churn', version: '9' })).status).toBe(404);

    expect(
      (await s.post('registered-models/alias', { name: 'churn', alias: 'champion', version: '2' }))
        .status,
    ).toBe(200);
    const held = await s.get('registered-models/alias', { name: 'churn', alias: 'champion' });
    expect(held.json.model_version).toMatchObject({ version: '2', aliases: ['champion'] });
    const models = await s.core.call('registry.models', {});
    expect(
      models.find((m) => m.name === 'churn')!.versions.map((v) => [v.version, v.aliases]),
    ).toEqual([
      [1, []],
      [2, ['champion']],
    ]);
    const search = await s.get('registered-models/search', {
      filter: "name = 'churn' AND tag.`mlflow.prompt.is_prompt` != 'true'",
      max_results: 100,
    });
    expect((search.json.registered_models as { name: string }[]).map((m) => m.name)).toEqual([
      'churn',
    ]);
    const versions = await s.get('model-versions/search', {
      filter: "name = 'churn'",
      max_results: 10_000,
    });
    expect((versions.json.model_versions as { version: string }[]).map((v) => v.version)).toEqual([
      '2',
      '1',
    ]); // MLflow's order: name, then newest version first

    const del = await s.send('DELETE', '/api/2.0/mlflow/registered-models/alias', {
      body: JSON.stringify({ name: 'churn', alias: 'champion' }),
    });
    expect([del.status, del.body]).toEqual([200, '{}']);
    const gone = await s.get('registered-models/alias', { name: 'churn', alias: 'champion' });
    expect([gone.status, gone.json.error_code]).toEqual([400, 'INVALID_PARAMETER_VALUE']);
    const noRun = await s.post('model-versions/create', { name: 'churn', source: '/tmp/model' });
    expect([noRun.status, noRun.json.error_code]).toEqual([400, 'INVALID_PARAMETER_VALUE']);
  });
});

type Version = {
  name: string;
  version: string;
  current_stage: string;
  source: string;
  run_id: string;
  description?: string;
  tags?: { key: string; value: string }[];
  aliases?: string[];
  last_updated_timestamp: number;
};
type Model = {
  name: string;
  description?: string;
  tags?: { key: string; value: string }[];
  latest_versions?: Version[];
  aliases?: { alias: string; version: string }[];
  last_updated_timestamp: number;
};

/** The registry endpoints a by-hand check against a real MLflow 3.6 server found missing or different. */
describe('MLflow model registry API, as the real server answers', () => {
  const tempDir = useTempDirs();
  let s: MlflowServer;
  afterEach(async () => s?.close());
  const start = async () => (s = await startMlflowServer(tempDir(), tempDir()));
  const send = (method: 'PATCH' | 'DELETE', endpoint: string, body: unknown) =>
    s.send(method, `/api/2.0/mlflow/${endpoint}`, {
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
  const newRun = async (status?: 'FINISHED' | 'FAILED' | 'KILLED') => {
    const created = await s.post('runs/create', { experiment_id: '0', start_time: 1 });
    const runId = (created.json.run as { info: { run_id: string } }).info.run_id;
    if (status) await s.post('runs/update', { run_id: runId, status, end_time: 2 });
    return runId;
  };
  const localRun = async (wireId: string) =>
    (await s.core.call('runs.tracked', { uids: [uidFromWire(wireId)!] }))[0]!;
  const createVersion = async (
    name: string,
    source = 's3://bucket/model',
    extra: Record<string, unknown> = {},
  ) => {
    const created = await s.post('model-versions/create', { name, source, ...extra });
    expect(created.status).toBe(200);
    return created.json.model_version as Version;
  };
  const refusal = (r: { status: number; json: Record<string, unknown> }) => [
    r.status,
    r.json.error_code,
    r.json.message,
  ];

  it('keeps descriptions and tags of models and versions, and searches by tag', async () => {
    await start();
    const created = await s.post('registered-models/create', {
      name: 'churn',
      description: 'predicts churn',
      tags: [{ key: 't', value: '1' }, { key: 'empty' }],
    });
    expect(created.json.registered_model).toMatchObject({
      name: 'churn',
      description: 'predicts churn',
      tags: [
        { key: 'empty', value: '' },
        { key: 't', value: '1' },
      ],
    });
    expect(created.json.registered_model).not.toHaveProperty('latest_versions');
    await s.post('registered-models/create', { name: 'other' });

    const v1 = await createVersion('churn', 's3://bucket/churn/1', {
      description: 'the first',
      tags: [{ key: 'vt', value: '1' }],
    });
    expect(v1).toMatchObject({
      version: '1',
      description: 'the first',
      tags: [{ key: 'vt', value: '1' }],
      source: 's3://bucket/churn/1',
      run_id: '',
    });
    await createVersion('churn');
    const got = (await s.get('registered-models/get', { name: 'churn' })).json
      .registered_model as Model;
    expect(got).toMatchObject({
      description: 'predicts churn',
      tags: [
        { key: 'empty', value: '' },
        { key: 't', value: '1' },
      ],
    });
    expect(await s.core.call('registry.model', { name: 'churn' })).toMatchObject({
      description: 'predicts churn',
      tags: { t: '1', empty: '' },
    });

    const byTag = await s.get('registered-models/search', { filter: "tags.t = '1'" });
    expect((byTag.json.registered_models as Model[]).map((m) => m.name)).toEqual(['churn']);
    const versionsByTag = await s.get('model-versions/search', { filter: "tags.vt = '1'" });
    expect(
      (versionsByTag.json.model_versions as Version[]).map((v) => [v.name, v.version]),
    ).toEqual([['churn', '1']]);

    // Tags set and deleted on both; deleting a tag that is not there is no error (as MLflow).
    expect(
      (await s.post('registered-models/set-tag', { name: 'other', key: 't', value: '1' })).json,
    ).toEqual({});
    expect(
      (await send('DELETE', 'registered-models/delete-tag', { name: 'churn', key: 't' })).json,
    ).toEqual({});
    expect(
      (await send('DELETE', 'registered-models/delete-tag', { name: 'churn', key: 'never' }))
        .status,
    ).toBe(200);
    const moved = await s.get('registered-models/search', { filter: "tags.t = '1'" });
    expect((moved.json.registered_models as Model[]).map((m) => m.name)).toEqual(['other']);
    expect(
      (
        await s.post('model-versions/set-tag', {
          name: 'churn',
          version: '2',
          key: 'vt',
          value: '1',
        })
      ).json,
    ).toEqual({});
    expect(
      (
        await send('DELETE', 'model-versions/delete-tag', {
          name: 'churn',
          version: '1',
          key: 'vt',
        })
      ).json,
    ).toEqual({});
    const movedVersions = await s.get('model-versions/search', { filter: "tags.vt = '1'" });
    expect((movedVersions.json.model_versions as Version[]).map((v) => v.version)).toEqual(['2']);
    expect(
      refusal(await s.post('registered-models/set-tag', { name: 'nope', key: 't', value: '1' })),
    ).toEqual([404, 'RESOURCE_DOES_NOT_EXIST', 'Registered Model with name=nope not found']);
    expect(
      refusal(
        await s.post('model-versions/set-tag', {
          name: 'churn',
          version: '9',
          key: 't',
          value: '1',
        }),
      ),
    ).toEqual([404, 'RESOURCE_DOES_NOT_EXIST', 'Model Version (name=churn, version=9) not found']);
    expect(
      (await s.post('registered-models/set-tag', { name: 'churn', key: 'bad?key', value: '1' }))
        .json.error_code,
    ).toBe('INVALID_PARAMETER_VALUE');

    // Descriptions are updated with PATCH; the version's description is its Benchtop note.
    const updated = await send('PATCH', 'registered-models/update', {
      name: 'churn',
      description: 'new words',
    });
    expect(updated.json.registered_model).toMatchObject({
      name: 'churn',
      description: 'new words',
    });
    const cleared = await send('PATCH', 'registered-models/update', { name: 'churn' });
    expect(cleared.json.registered_model).not.toHaveProperty('description');
    const described = await send('PATCH', 'model-versions/update', {
      name: 'churn',
      version: '2',
      description: 'second',
    });
    expect(described.json.model_version).toMatchObject({ version: '2', description: 'second' });
    expect((described.json.model_version as Version).last_updated_timestamp).toBeGreaterThanOrEqual(
      v1.last_updated_timestamp,
    );
    expect((await s.core.call('registry.model', { name: 'churn' })).versions[1]!.note).toBe(
      'second',
    );
    expect(
      (
        await send('PATCH', 'model-versions/update', {
          name: 'churn',
          version: '7',
          description: 'x',
        })
      ).status,
    ).toBe(404);
    expect(
      (await send('PATCH', 'registered-models/update', { name: 'nope', description: 'x' })).status,
    ).toBe(404);
  });

  it('keeps the source a client registered from, with or without a run, and hands it out as the download URI', async () => {
    await start();
    await s.post('registered-models/create', { name: 'm' });
    const runId = await newRun('FINISHED');
    const fromRun = await createVersion('m', `mlflow-artifacts:/0/${runId}/artifacts/model`, {
      run_id: runId,
    });
    expect(fromRun).toMatchObject({
      version: '1',
      source: `mlflow-artifacts:/0/${runId}/artifacts/model`,
      run_id: runId,
    });
    expect((await s.core.call('registry.model', { name: 'm' })).versions[0]!.run_id).toEqual(
      expect.any(Number),
    );
    // A runs:/ source links its run here, and is kept as sent.
    const fromRunsUri = await createVersion('m', `runs:/${runId}/nested/model`);
    expect(fromRunsUri).toMatchObject({ source: `runs:/${runId}/nested/model`, run_id: runId });
    const noRun = await createVersion('m', 's3://bucket/path/model', { run_id: '' });
    expect(noRun).toMatchObject({
      version: '3',
      source: 's3://bucket/path/model',
      run_id: '',
      status: 'READY',
      current_stage: 'None',
    });
    expect(
      (await s.get('model-versions/get-download-uri', { name: 'm', version: '3' })).json,
    ).toEqual({ artifact_uri: 's3://bucket/path/model' });
    expect(
      (await s.get('model-versions/get-download-uri', { name: 'm', version: '1' })).json,
    ).toEqual({ artifact_uri: `mlflow-artifacts:/0/${runId}/artifacts/model` });
    expect(
      (await s.get('model-versions/get-download-uri', { name: 'm', version: '9' })).status,
    ).toBe(404);
    const bySource = await s.get('model-versions/search', {
      filter: "source_path = 's3://bucket/path/model'",
    });
    expect((bySource.json.model_versions as Version[]).map((v) => v.version)).toEqual(['3']);

    // A version Benchtop registered from its run points at that run's model.
    await s.core.call('registry.register', {
      runId: (await localRun(runId)).id,
      name: 'm',
      note: '',
    });
    expect(
      (await s.get('model-versions/get', { name: 'm', version: '4' })).json.model_version,
    ).toMatchObject({ source: `runs:/${runId}/model`, run_id: runId });

    // Refused as the real server refuses them.
    const local = await s.post('model-versions/create', {
      name: 'm',
      source: '/tmp/model',
      run_id: runId,
    });
    expect([local.status, local.json.error_code]).toEqual([400, 'INVALID_PARAMETER_VALUE']);
    expect(local.json.message).toMatch(
      /^Invalid model version source: '\/tmp\/model'\. To use a local path/,
    );
    for (const source of [
      'file:///tmp/model',
      's3://b/../k',
      'hdfs://h/a%2F..%2Fb',
      's3://bucket',
      's3://b/./k',
    ]) {
      expect(
        (await s.post('model-versions/create', { name: 'm', source })).json.error_code,
        source,
      ).toBe('INVALID_PARAMETER_VALUE');
    }
    expect((await s.post('model-versions/create', { name: 'm' })).json.error_code).toBe(
      'INVALID_PARAMETER_VALUE',
    );
    const unknownRun = await s.post('model-versions/create', {
      name: 'm',
      source: 's3://b/k',
      run_id: '0123456789abcdef0123456789abcdef',
    });
    expect(refusal(unknownRun)).toEqual([
      404,
      'RESOURCE_DOES_NOT_EXIST',
      'Run with id=0123456789abcdef0123456789abcdef not found',
    ]);
    expect((await s.core.call('registry.model', { name: 'm' })).versions).toHaveLength(4);
  });

  it("registers a failed or killed script run's model, but not an unfinished Benchtop training run", async () => {
    await start();
    await s.post('registered-models/create', { name: 'm' });
    for (const status of ['FAILED', 'KILLED'] as const) {
      const runId = await newRun(status);
      expect(await createVersion('m', `runs:/${runId}/model`, { run_id: runId })).toMatchObject({
        run_id: runId,
      });
    }
    const { id: datasetId } = await s.core.call('datasets.importSample', { name: 'iris' });
    const store = s.core.store;
    const trained = store.runs.create({
      experiment_id: store.experiments.ensure('Default'),
      dataset_id: datasetId,
      model: 'logistic',
      task: 'multiclass',
      target: 'species',
    });
    store.runs.markRunning(trained, 'cpu');
    store.runs.markEnded(trained, 'failed', 'boom');
    const [run] = await s.core.call('runs.tracked', { ids: [trained] });
    const wireId = runWireId(run!.uid);
    const refused = await s.post('model-versions/create', {
      name: 'm',
      source: `runs:/${wireId}/model`,
      run_id: wireId,
    });
    expect(refusal(refused)).toEqual([
      400,
      'INVALID_PARAMETER_VALUE',
      `run ${trained} is failed; only a finished run can be registered`,
    ]);
  });

  it('registers into an existing model only', async () => {
    await start();
    const runId = await newRun('FINISHED');
    const refused = await s.post('model-versions/create', {
      name: 'ghost',
      source: `runs:/${runId}/model`,
      run_id: runId,
    });
    expect(refusal(refused)).toEqual([
      404,
      'RESOURCE_DOES_NOT_EXIST',
      'Registered Model with name=ghost not found',
    ]);
    expect((await s.get('registered-models/get', { name: 'ghost' })).status).toBe(404);
    expect(await s.core.call('registry.models', {})).toEqual([]);
    // Benchtop's own register still creates the model on first use.
    expect(
      (
        await s.core.call('registry.register', {
          runId: (await localRun(runId)).id,
          name: 'made-here',
          note: '',
        })
      ).version,
    ).toBe(1);
  });

  it('refuses the aliases MLflow reserves, everywhere, and reads `latest` as MLflow does', async () => {
    await start();
    await s.post('registered-models/create', { name: 'm' });
    await createVersion('m');
    await createVersion('m');
    for (const [alias, message] of [
      ['v1', "Version alias name 'v1' is reserved."],
      ['V12', "Version alias name 'V12' is reserved."],
      ['latest', "'latest' alias name (case insensitive) is reserved."],
      ['LaTeSt', "'latest' alias name (case insensitive) is reserved."],
    ]) {
      expect(
        refusal(await s.post('registered-models/alias', { name: 'm', alias, version: '1' })),
      ).toEqual([400, 'INVALID_PARAMETER_VALUE', message]);
    }
    await expect(
      s.core.call('registry.alias', { model: 'm', version: 1, set: 'latest' }),
    ).rejects.toThrow("'latest' alias name (case insensitive) is reserved.");
    await expect(
      s.core.call('registry.promote', { model: 'm', version: 1 }),
    ).resolves.toMatchObject({ aliases: ['champion'] });
    expect(
      (await s.post('registered-models/alias', { name: 'm', alias: 'version1', version: '2' }))
        .status,
    ).toBe(200);

    const latest = await s.get('registered-models/alias', { name: 'm', alias: 'latest' });
    expect(latest.json.model_version).toMatchObject({ version: '2', aliases: ['version1'] });
    await s.post('registered-models/create', { name: 'empty' });
    expect(
      (await s.get('registered-models/alias', { name: 'empty', alias: 'latest' })).json.error_code,
    ).toBe('RESOURCE_DOES_NOT_EXIST');
    const model = (await s.get('registered-models/get', { name: 'm' })).json
      .registered_model as Model;
    expect(model.aliases).toEqual([
      { alias: 'champion', version: '1' },
      { alias: 'version1', version: '2' },
    ]);
  });

  it('moves versions between stages, archives the ones there, and gives the newest version per stage', async () => {
    await start();
    await s.post('registered-models/create', { name: 'm' });
    for (let i = 0; i < 4; i++) await createVersion('m');
    const staged = await s.post('model-versions/transition-stage', {
      name: 'm',
      version: '1',
      stage: 'staging',
      archive_existing_versions: false,
    });
    expect(staged.json.model_version).toMatchObject({ version: '1', current_stage: 'Staging' });
    const replaced = await s.post('model-versions/transition-stage', {
      name: 'm',
      version: '2',
      stage: 'Staging',
      archive_existing_versions: true,
    });
    expect(replaced.json.model_version).toMatchObject({ version: '2', current_stage: 'Staging' });
    expect(
      (await s.get('model-versions/get', { name: 'm', version: '1' })).json.model_version,
    ).toMatchObject({ current_stage: 'Archived' });
    await s.post('model-versions/transition-stage', {
      name: 'm',
      version: '3',
      stage: 'Production',
    });
    expect(
      (await s.core.call('registry.model', { name: 'm' })).versions.map((v) => v.stage),
    ).toEqual(['archived', 'staging', 'production', 'none']);
    const history = await s.core.call('registry.version', {
      id: (await s.core.call('registry.model', { name: 'm' })).versions[0]!.id,
    });
    expect(history.history.map((h) => [h.action, h.detail])).toContainEqual([
      'stage',
      'staging → archived',
    ]);

    expect(
      refusal(
        await s.post('model-versions/transition-stage', {
          name: 'm',
          version: '2',
          stage: 'bogus',
        }),
      ),
    ).toEqual([
      400,
      'INVALID_PARAMETER_VALUE',
      'Invalid Model Version stage: bogus. Value must be one of None, Staging, Production, Archived.',
    ]);
    const notActive = await s.post('model-versions/transition-stage', {
      name: 'm',
      version: '2',
      stage: 'None',
      archive_existing_versions: true,
    });
    expect([notActive.status, notActive.json.error_code]).toEqual([400, 'INVALID_PARAMETER_VALUE']); // the real server says INTERNAL_ERROR (500) and is retried
    expect(
      (await s.post('model-versions/transition-stage', { name: 'm', version: '2' })).json
        .error_code,
    ).toBe('INVALID_PARAMETER_VALUE');
    expect(
      (await s.post('model-versions/transition-stage', { name: 'm', version: '9', stage: 'None' }))
        .status,
    ).toBe(404);

    // Stages in the order they first appear going up the versions, as MLflow's store lists them.
    const pick = (r: { json: Record<string, unknown> }) =>
      ((r.json.model_versions ?? []) as Version[]).map((v) => [v.version, v.current_stage]);
    expect(pick(await s.get('registered-models/get-latest-versions', { name: 'm' }))).toEqual([
      ['1', 'Archived'],
      ['2', 'Staging'],
      ['3', 'Production'],
      ['4', 'None'],
    ]);
    expect(
      pick(
        await s.get('registered-models/get-latest-versions', {
          name: 'm',
          stages: ['staging', 'Archived'],
        }),
      ),
    ).toEqual([
      ['1', 'Archived'],
      ['2', 'Staging'],
    ]);
    expect(
      pick(
        await s.get('registered-models/get-latest-versions', { name: 'm', stages: 'Production' }),
      ),
    ).toEqual([['3', 'Production']]);
    expect(
      pick(await s.post('registered-models/get-latest-versions', { name: 'm', stages: ['None'] })),
    ).toEqual([['4', 'None']]);
    await s.post('model-versions/transition-stage', {
      name: 'm',
      version: '4',
      stage: 'Production',
      archive_existing_versions: true,
    });
    expect(
      pick(
        await s.post('registered-models/get-latest-versions', {
          name: 'm',
          stages: ['Production', 'Archived', 'None'],
        }),
      ),
    ).toEqual([
      ['3', 'Archived'],
      ['4', 'Production'],
    ]);
    expect(
      (await s.get('registered-models/get-latest-versions', { name: 'm', stages: 'bogus' })).json
        .error_code,
    ).toBe('INVALID_PARAMETER_VALUE');
    expect(refusal(await s.get('registered-models/get-latest-versions', { name: 'nope' }))).toEqual(
      [404, 'RESOURCE_DOES_NOT_EXIST', 'Registered Model with name=nope not found'],
    );
    const model = (await s.get('registered-models/get', { name: 'm' })).json
      .registered_model as Model;
    expect(model.latest_versions!.map((v) => [v.version, v.current_stage])).toEqual([
      ['3', 'Archived'],
      ['2', 'Staging'],
      ['4', 'Production'],
    ]);
    const searched = (await s.get('registered-models/search', { filter: "name = 'm'" })).json
      .registered_models as Model[];
    expect(searched[0]!.latest_versions).toEqual(model.latest_versions);
  });

  it('renames models, and deletes versions and models while keeping their records', async () => {
    await start();
    await s.post('registered-models/create', { name: 'a', tags: [{ key: 't', value: '1' }] });
    await createVersion('a');
    const parent = (await s.core.call('registry.model', { name: 'a' })).versions[0]!;
    const child = await s.core.call('registry.register', {
      name: 'a',
      source_uri: 's3://bucket/child',
      parentId: parent.id,
      note: '',
    });
    await s.post('registered-models/alias', { name: 'a', alias: 'champion', version: '1' });
    await s.post('registered-models/create', { name: 'taken' });

    const renamed = await s.post('registered-models/rename', { name: 'a', new_name: 'b' });
    expect(renamed.json.registered_model).toMatchObject({
      name: 'b',
      tags: [{ key: 't', value: '1' }],
      aliases: [{ alias: 'champion', version: '1' }],
    });
    expect((renamed.json.registered_model as Model).latest_versions!.map((v) => v.name)).toEqual([
      'b',
    ]);
    expect((await s.get('registered-models/get', { name: 'a' })).status).toBe(404);
    expect(
      (await s.get('model-versions/get', { name: 'b', version: '2' })).json.model_version,
    ).toMatchObject({ name: 'b', source: 's3://bucket/child' });
    expect(
      (await s.post('registered-models/rename', { name: 'b', new_name: 'taken' })).json.error_code,
    ).toBe('RESOURCE_ALREADY_EXISTS');
    expect(
      (await s.post('registered-models/rename', { name: 'b', new_name: '' })).json.error_code,
    ).toBe('INVALID_PARAMETER_VALUE');
    expect((await s.post('registered-models/rename', { name: 'nope', new_name: 'q' })).status).toBe(
      404,
    );

    // Deleting a parent that holds an alias: gone from the registry, its child keeps its lineage.
    expect(
      await send('DELETE', 'model-versions/delete', { name: 'b', version: '1' }),
    ).toMatchObject({ status: 200, body: '{}' });
    expect(refusal(await s.get('model-versions/get', { name: 'b', version: '1' }))).toEqual([
      404,
      'RESOURCE_DOES_NOT_EXIST',
      'Model Version (name=b, version=1) not found',
    ]);
    expect(
      (await send('DELETE', 'model-versions/delete', { name: 'b', version: '1' })).status,
    ).toBe(404);
    expect(
      (await s.get('registered-models/alias', { name: 'b', alias: 'champion' })).json.error_code,
    ).toBe('INVALID_PARAMETER_VALUE');
    const left = await s.core.call('registry.model', { name: 'b' });
    expect(left.versions.map((v) => [v.version, v.parent_id])).toEqual([[2, parent.id]]);
    const versions = await s.get('model-versions/search', { filter: "name = 'b'" });
    expect((versions.json.model_versions as Version[]).map((v) => v.version)).toEqual(['2']);
    expect((await createVersion('b')).version).toBe('3'); // a number is never given twice
    await expect(s.core.call('registry.version', { id: parent.id })).rejects.toThrow(
      `no model version with id ${parent.id}`,
    );
    const record = s.core.store.registry
      .history(parent.id)
      .map((h) => [h.action, h.detail, h.reason]);
    expect(record.slice(-2)).toEqual([
      ['alias unset', 'champion', 'version deleted'],
      ['deleted', 'v1', ''],
    ]);
    expect(s.core.store.registry.history(child.id).map((h) => h.action)).toContain('model renamed');

    // Deleting a model takes its versions with it and frees the name; a new model starts at 1.
    expect(await send('DELETE', 'registered-models/delete', { name: 'b' })).toMatchObject({
      status: 200,
      body: '{}',
    });
    expect(refusal(await send('DELETE', 'registered-models/delete', { name: 'b' }))).toEqual([
      404,
      'RESOURCE_DOES_NOT_EXIST',
      'Registered Model with name=b not found',
    ]);
    expect((await s.get('registered-models/get', { name: 'b' })).status).toBe(404);
    expect((await s.get('model-versions/search', { filter: "name = 'b'" })).json).toEqual({});
    await s.post('registered-models/create', { name: 'b' });
    expect((await createVersion('b')).version).toBe('1');
    expect(
      (await s.get('registered-models/get', { name: 'b' })).json.registered_model,
    ).not.toHaveProperty('tags');
  });

  it('reads the registry in one core call per request, never one per version', async () => {
    await start();
    await s.post('registered-models/create', { name: 'm' });
    const runId = await newRun('FINISHED');
    for (let i = 0; i < 5; i++) await createVersion('m', `runs:/${runId}/model`, { run_id: runId });
    const calls: string[] = [];
    const call = s.core.call.bind(s.core);
    s.core.call = ((method: string, input: unknown) => {
      calls.push(method);
      return call(method as never, input);
    }) as typeof s.core.call;
    for (const [endpoint, query] of [
      ['registered-models/get', { name: 'm' }],
      ['registered-models/search', { filter: '' }],
      ['model-versions/search', { filter: "name = 'm'" }],
      ['model-versions/get', { name: 'm', version: '3' }],
    ] as const) {
      calls.length = 0;
      expect((await s.get(endpoint, query)).status).toBe(200);
      expect(calls, endpoint).toHaveLength(1);
    }
    const all = (await s.get('model-versions/search', { filter: "name = 'm'" })).json
      .model_versions as Version[];
    expect(all.map((v) => v.run_id)).toEqual(Array(5).fill(runId));
  });
});
