import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../testing/tempDir.js';
import { startMlflowServer, type MlflowServer } from '../../testing/mlflowWire.js';

/** The tracking endpoints on the wire shapes of MLFLOW_WIRE.md, as raw HTTP. */
describe('MLflow tracking API', () => {
  const tempDir = useTempDirs();
  let s: MlflowServer;
  afterEach(async () => s?.close());
  const start = async () => (s = await startMlflowServer(tempDir(), tempDir()));

  async function newRun(experiment = 'exp', extra: Record<string, unknown> = {}) {
    const created = await s.post('experiments/create', { name: experiment });
    const experiment_id =
      (created.json.experiment_id as string | undefined) ??
      (await s.get('experiments/get-by-name', { experiment_name: experiment })).json.experiment;
    const id =
      typeof experiment_id === 'string'
        ? experiment_id
        : (experiment_id as { experiment_id: string }).experiment_id;
    const run = await s.post('runs/create', {
      experiment_id: id,
      user_id: 'ada',
      start_time: 1_700_000_000_000,
      tags: [{ key: 'mlflow.source.name', value: 'train.py' }],
      ...extra,
    });
    expect(run.status).toBe(200);
    const info = (run.json.run as { info: { run_id: string; experiment_id: string } }).info;
    return { runId: info.run_id, experimentId: info.experiment_id };
  }

  it('creates, gets, searches, renames, deletes and restores experiments with string ids', async () => {
    await start();
    const created = await s.post('experiments/create', {
      name: 'vision',
      tags: [{ key: 'team', value: 'a' }],
    });
    expect(created.status).toBe(200);
    const id = created.json.experiment_id as string;
    expect(id).toMatch(/^\d+$/);
    const got = await s.get('experiments/get', { experiment_id: id });
    expect(got.json.experiment).toMatchObject({
      experiment_id: id,
      name: 'vision',
      artifact_location: `mlflow-artifacts:/${id}`,
      lifecycle_stage: 'active',
      tags: [{ key: 'team', value: 'a' }],
    });
    expect((await s.get('experiments/get', { experiment_id: '0' })).json.experiment).toMatchObject({
      experiment_id: '0',
      name: 'Default',
    });
    const again = await s.post('experiments/create', { name: 'vision' });
    expect([again.status, again.json.error_code]).toEqual([400, 'RESOURCE_ALREADY_EXISTS']);
    const gone = await s.get('experiments/get-by-name', { experiment_name: 'nope' });
    expect([gone.status, gone.json.error_code]).toEqual([404, 'RESOURCE_DOES_NOT_EXIST']);
    expect((await s.get('experiments/get', { experiment_id: '999' })).status).toBe(404);

    await s.post('experiments/create', { name: 'audio' });
    const search = await s.post('experiments/search', {
      max_results: 1000,
      filter: "name LIKE 'vis%'",
      view_type: 'ACTIVE_ONLY',
    });
    expect((search.json.experiments as { name: string }[]).map((e) => e.name)).toEqual(['vision']);
    const ordered = await s.post('experiments/search', { max_results: 1, order_by: ['name DESC'] });
    expect((ordered.json.experiments as { name: string }[]).map((e) => e.name)).toEqual(['vision']);
    expect(ordered.json.next_page_token).toEqual(expect.any(String));
    const second = await s.post('experiments/search', {
      max_results: 1,
      order_by: ['name DESC'],
      page_token: ordered.json.next_page_token,
    });
    expect((second.json.experiments as { name: string }[]).map((e) => e.name)).toEqual(['audio']);

    expect(
      (await s.post('experiments/update', { experiment_id: id, new_name: 'vision2' })).status,
    ).toBe(200);
    expect(
      (await s.post('experiments/set-experiment-tag', { experiment_id: id, key: 'k', value: 'v' }))
        .status,
    ).toBe(200);
    expect((await s.post('experiments/delete', { experiment_id: id })).status).toBe(200);
    const deleted = await s.post('experiments/search', { view_type: 'DELETED_ONLY' });
    expect(deleted.json.experiments).toMatchObject([
      { name: 'vision2', lifecycle_stage: 'deleted' },
    ]);
    expect((await s.post('experiments/restore', { experiment_id: id })).status).toBe(200);
    expect((await s.get('experiments/get', { experiment_id: id })).json.experiment).toMatchObject({
      lifecycle_stage: 'active',
      name: 'vision2',
    });
  });

  it('creates a run that is an ordinary Benchtop run: 32-hex id, script source, MLflow tags', async () => {
    await start();
    const { runId, experimentId } = await newRun('exp', { run_name: 'first' });
    expect(runId).toMatch(/^[0-9a-f]{32}$/);
    const got = await s.get('runs/get', { run_uuid: runId, run_id: runId });
    expect(got.json.run).toMatchObject({
      info: {
        run_id: runId,
        run_uuid: runId,
        experiment_id: experimentId,
        run_name: 'first',
        user_id: 'ada',
        status: 'RUNNING',
        start_time: 1_700_000_000_000,
        artifact_uri: `mlflow-artifacts:/${experimentId}/${runId}/artifacts`,
        lifecycle_stage: 'active',
      },
    });
    const [row] = await s.core.call('runs.table', {});
    expect(row).toMatchObject({
      name: 'first',
      source: 'script',
      status: 'running',
      model: null,
      dataset_id: null,
      experiment: 'exp',
    });
    expect(row!.tags).toMatchObject({
      'mlflow.source.name': 'train.py',
      'mlflow.user': 'ada',
      'mlflow.runName': 'first',
    });

    const ended = await s.post('runs/update', {
      run_id: runId,
      run_uuid: runId,
      status: 'FINISHED',
      end_time: 1_700_000_100_000,
    });
    expect(ended.json.run_info).toMatchObject({ status: 'FINISHED', end_time: 1_700_000_100_000 });
    expect((await s.core.call('runs.table', {}))[0]).toMatchObject({
      status: 'finished',
      ended_at: new Date(1_700_000_100_000).toISOString(),
    });
    const bad = await s.post('runs/update', { run_id: runId, status: 'DONE' });
    expect([bad.status, bad.json.error_code]).toEqual([400, 'INVALID_PARAMETER_VALUE']);
    const missing = await s.get('runs/get', { run_id: 'f'.repeat(32) });
    expect([missing.status, missing.json.error_code]).toEqual([404, 'RESOURCE_DOES_NOT_EXIST']);
  });

  it('logs metrics, params and tags; keeps NaN and infinities; latest value per key; history in pages', async () => {
    await start();
    const { runId } = await newRun();
    const t = 1_700_000_000_000;
    expect(
      (
        await s.post('runs/log-metric', {
          run_id: runId,
          run_uuid: runId,
          key: 'loss',
          value: 2.5,
          timestamp: t,
          step: 0,
        })
      ).status,
    ).toBe(200);
    await s.post('runs/log-metric', {
      run_id: runId,
      key: 'loss',
      value: 'NaN',
      timestamp: t + 1,
      step: 1,
    });
    await s.post('runs/log-metric', {
      run_id: runId,
      key: 'loss',
      value: 0.125,
      timestamp: t + 2,
      step: 2,
    });
    await s.post('runs/log-metric', {
      run_id: runId,
      key: 'big',
      value: 'Infinity',
      timestamp: t,
      step: 0,
    });
    await s.post('runs/log-parameter', { run_id: runId, key: 'lr', value: '0.01' });
    await s.post('runs/log-parameter', { run_id: runId, key: 'opt', value: 'adam' });
    await s.post('runs/set-tag', { run_id: runId, key: 'team', value: 'a' });
    const metrics = Array.from({ length: 898 }, (_, i) => ({
      key: `m${i % 3}`,
      value: i / 7,
      timestamp: t + i,
      step: i,
    }));
    const params = Array.from({ length: 100 }, (_, i) => ({ key: `p${i}`, value: String(i) }));
    const batch = await s.post('runs/log-batch', {
      run_id: runId,
      metrics,
      params,
      tags: [{ key: 'x', value: 'y' }],
    });
    expect(batch.status).toBe(200);

    const run = (await s.get('runs/get', { run_id: runId })).json.run as {
      data: {
        metrics: { key: string; value: unknown; step: number; timestamp: number }[];
        params: { key: string; value: string }[];
        tags: { key: string; value: string }[];
      };
    };
    const byKey = Object.fromEntries(run.data.metrics.map((m) => [m.key, m]));
    expect(byKey.loss).toEqual({ key: 'loss', value: 0.125, step: 2, timestamp: t + 2 });
    expect(byKey.big!.value).toBe('Infinity');
    expect(byKey.m2).toEqual({ key: 'm2', value: 896 / 7, step: 896, timestamp: t + 896 });
    const params1 = Object.fromEntries(run.data.params.map((p) => [p.key, p.value]));
    expect(params1).toMatchObject({ lr: '0.01', opt: 'adam', p7: '7' });
    expect(run.data.tags).toEqual(
      expect.arrayContaining([
        { key: 'team', value: 'a' },
        { key: 'x', value: 'y' },
      ]),
    );

    const history = await s.get('metrics/get-history', {
      run_id: runId,
      run_uuid: runId,
      metric_key: 'loss',
      max_results: 25000,
    });
    expect(history.json).toEqual({
      metrics: [
        { key: 'loss', value: 2.5, timestamp: t, step: 0 },
        { key: 'loss', value: 'NaN', timestamp: t + 1, step: 1 },
        { key: 'loss', value: 0.125, timestamp: t + 2, step: 2 },
      ],
    });
    const first = await s.get('metrics/get-history', {
      run_id: runId,
      metric_key: 'm0',
      max_results: 100,
    });
    expect((first.json.metrics as unknown[]).length).toBe(100);
    const rest = await s.get('metrics/get-history', {
      run_id: runId,
      metric_key: 'm0',
      max_results: 25000,
      page_token: first.json.next_page_token as string,
    });
    expect((rest.json.metrics as unknown[]).length).toBe(200);
    expect(rest.json.next_page_token).toBeUndefined();

    // A step logged again (MLflow's `log_metric` without `step=`) keeps every point, in logging order.
    for (const [i, value] of [3, 'NaN', 1, 2].entries())
      await s.post('runs/log-metric', { run_id: runId, key: 'no_step', value, timestamp: t + i });
    await s.post('runs/log-batch', {
      run_id: runId,
      metrics: [
        { key: 'no_step', value: 5, timestamp: t + 9 },
        { key: 'no_step', value: 4, timestamp: t + 10 },
      ],
    });
    const repeated = await s.get('metrics/get-history', { run_id: runId, metric_key: 'no_step' });
    expect((repeated.json.metrics as { value: unknown }[]).map((p) => p.value)).toEqual([
      3,
      'NaN',
      1,
      2,
      5,
      4,
    ]);
    const latest = (
      (await s.get('runs/get', { run_id: runId })).json.run as {
        data: { metrics: { key: string; value: unknown }[] };
      }
    ).data.metrics;
    expect(latest.find((m) => m.key === 'no_step')!.value).toBe(4);

    // The explorer sees the same run: numbers as numbers, so `params.lr < 0.05` works there.
    const { ids } = await s.core.call('runs.query', {
      filter: 'params.lr < 0.05 and metrics.loss < 1',
    });
    expect(ids).toHaveLength(1);
  });

  it('takes keys in any script, as MLflow does (Python’s \\w is Unicode)', async () => {
    await start();
    const { runId } = await newRun();
    const logged = await s.post('runs/log-batch', {
      run_id: runId,
      metrics: [{ key: 'точность', value: 0.9, timestamp: 1, step: 0 }],
      params: [{ key: 'unicode ключ', value: 'значение ✓' }],
      tags: [{ key: '精度', value: 'v' }],
    });
    expect(logged.status).toBe(200);
    const run = (await s.get('runs/get', { run_id: runId })).json.run as {
      data: { metrics: { key: string }[]; params: { key: string; value: string }[] };
    };
    expect(run.data.metrics.map((m) => m.key)).toEqual(['точность']);
    expect(run.data.params).toEqual([{ key: 'unicode ключ', value: 'значение ✓' }]);
    const tab = await s.post('runs/set-tag', { run_id: runId, key: 'multi\nline', value: 'v' });
    expect([tab.status, tab.json.error_code]).toEqual([400, 'INVALID_PARAMETER_VALUE']);
  });

  it('has the Default experiment by name from the start, as MLflow does', async () => {
    await start();
    const got = await s.get('experiments/get-by-name', { experiment_name: 'Default' });
    expect([got.status, got.json.experiment]).toMatchObject([
      200,
      { experiment_id: '0', name: 'Default', lifecycle_stage: 'active' },
    ]);
    const missing = await s.get('experiments/get-by-name', { experiment_name: 'default' });
    expect([missing.status, missing.json.error_code]).toEqual([404, 'RESOURCE_DOES_NOT_EXIST']);
  });

  it('refuses what MLflow refuses, and leaves the run unchanged', async () => {
    await start();
    const { runId } = await newRun();
    await s.post('runs/log-parameter', { run_id: runId, key: 'lr', value: '0.01' });
    const before = (await s.get('runs/get', { run_id: runId })).body;
    const cases: [string, unknown][] = [
      ['runs/log-parameter', { run_id: runId, key: 'lr', value: '0.02' }],
      ['runs/log-metric', { run_id: runId, key: 'bad?key!', value: 1, timestamp: 1, step: 0 }],
      ['runs/log-metric', { run_id: runId, key: '../escape', value: 1, timestamp: 1, step: 0 }],
      ['runs/log-metric', { run_id: runId, key: 'a/../b', value: 1, timestamp: 1, step: 0 }],
      ['runs/log-metric', { run_id: runId, key: 'ok', value: 'one', timestamp: 1, step: 0 }],
      ['runs/log-metric', { run_id: runId, key: 'ok', value: 1 }],
      [
        'runs/log-batch',
        {
          run_id: runId,
          metrics: Array.from({ length: 1001 }, (_, i) => ({
            key: 'm',
            value: 1,
            timestamp: 1,
            step: i,
          })),
        },
      ],
      [
        'runs/log-batch',
        {
          run_id: runId,
          params: Array.from({ length: 101 }, (_, i) => ({ key: `q${i}`, value: '1' })),
        },
      ],
      [
        'runs/log-batch',
        {
          run_id: runId,
          tags: Array.from({ length: 101 }, (_, i) => ({ key: `t${i}`, value: '1' })),
        },
      ],
      [
        'runs/log-batch',
        {
          run_id: runId,
          metrics: [{ key: 'good', value: 1, timestamp: 1, step: 0 }],
          params: [{ key: 'lr', value: '0.5' }],
        },
      ],
      ['runs/create', { experiment_id: '0', start_time: 'x' }],
      ['runs/search', { experiment_ids: ['0'], filter: 'metrics.acc >>> 1' }],
    ];
    for (const [endpoint, body] of cases) {
      const reply = await s.post(endpoint, body);
      expect([endpoint, reply.status, reply.json.error_code]).toEqual([
        endpoint,
        400,
        'INVALID_PARAMETER_VALUE',
      ]);
      expect(reply.json.message).toEqual(expect.any(String));
    }
    expect((await s.get('runs/get', { run_id: runId })).body).toBe(before);
    const notJson = await s.send('POST', '/api/2.0/mlflow/runs/log-batch', { body: '{nope' });
    expect([notJson.status, notJson.json.error_code]).toEqual([400, 'BAD_REQUEST']);
    const unknown = await s.post('runs/frobnicate', {});
    expect([unknown.status, unknown.json.error_code]).toEqual([404, 'ENDPOINT_NOT_FOUND']);
    expect(
      (await s.post('runs/log-metric', { run_id: 'abc', key: 'm', value: 1, timestamp: 1 })).status,
    ).toBe(404);
  });

  it('needs the token, as Bearer or as the basic-auth password', async () => {
    await start();
    const none = await s.send('POST', '/api/2.0/mlflow/experiments/search', {
      body: '{}',
      auth: null,
    });
    expect([none.status, none.json.error_code]).toEqual([401, 'UNAUTHENTICATED']);
    const wrong = await s.send('POST', '/api/2.0/mlflow/experiments/search', {
      body: '{}',
      auth: 'Bearer nope',
    });
    expect(wrong.status).toBe(401);
    const basic = `Basic ${Buffer.from(`anyone:${s.token}`).toString('base64')}`;
    expect(
      (await s.send('POST', '/api/2.0/mlflow/experiments/search', { body: '{}', auth: basic }))
        .status,
    ).toBe(200);
    expect(
      (await s.send('POST', '/ajax-api/2.0/mlflow/experiments/search', { body: '{}' })).status,
    ).toBe(200);
  });

  it('searches runs with MLflow filters, order and pages; deleted runs only when asked', async () => {
    await start();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { runId } = await newRun('grid', { run_name: `s${i}` });
      ids.push(runId);
      await s.post('runs/log-batch', {
        run_id: runId,
        metrics: [{ key: 'acc', value: 0.5 + i / 100, timestamp: 1, step: 0 }],
        params: [{ key: 'lr', value: i % 2 ? '0.01' : '0.1' }],
        tags: [{ key: 'team', value: i < 2 ? 'a' : 'b' }],
      });
    }
    const experimentId = (await s.get('experiments/get-by-name', { experiment_name: 'grid' })).json
      .experiment as { experiment_id: string };
    const search = async (body: Record<string, unknown>) => {
      const reply = await s.post('runs/search', {
        experiment_ids: [experimentId.experiment_id],
        max_results: 1000,
        run_view_type: 'ACTIVE_ONLY',
        ...body,
      });
      expect(reply.status).toBe(200);
      return {
        names: ((reply.json.runs as { info: { run_name: string } }[] | undefined) ?? []).map(
          (r) => r.info.run_name,
        ),
        token: reply.json.next_page_token as string | undefined,
      };
    };
    expect(
      (await search({ filter: 'metrics.acc > 0.52', order_by: ['metrics.acc DESC'] })).names,
    ).toEqual(['s4', 's3']);
    expect(
      (await search({ filter: "params.lr = '0.01'", order_by: ['attributes.run_name ASC'] })).names,
    ).toEqual(['s1', 's3']);
    expect(
      (
        await search({
          filter: "tags.team LIKE 'b%' and params.lr != '0.01'",
          order_by: ['attributes.run_name ASC'],
        })
      ).names,
    ).toEqual(['s2', 's4']);
    expect((await search({ filter: "attributes.run_name = 's2'" })).names).toEqual(['s2']);
    expect((await search({ filter: "attributes.status = 'RUNNING'" })).names).toHaveLength(5);
    const page1 = await search({ max_results: 2, order_by: ['attributes.run_name ASC'] });
    expect(page1.names).toEqual(['s0', 's1']);
    expect(
      (
        await search({
          max_results: 2,
          order_by: ['attributes.run_name ASC'],
          page_token: page1.token,
        })
      ).names,
    ).toEqual(['s2', 's3']);

    await s.post('runs/update', { run_id: ids[0], status: 'FINISHED', end_time: 2 });
    expect((await s.post('runs/delete', { run_id: ids[0] })).status).toBe(200);
    expect((await search({})).names).not.toContain('s0');
    expect((await search({ run_view_type: 'DELETED_ONLY' })).names).toEqual(['s0']);
    expect((await s.get('runs/get', { run_id: ids[0]! })).json.run).toMatchObject({
      info: { lifecycle_stage: 'deleted' },
    });
    expect((await s.post('runs/restore', { run_id: ids[0] })).status).toBe(200);
    expect((await search({})).names).toContain('s0');

    expect((await s.post('runs/delete-tag', { run_id: ids[1], key: 'team' })).status).toBe(200);
    expect((await s.post('runs/delete-tag', { run_id: ids[1], key: 'team' })).status).toBe(404);
    expect(
      await s.post('logged-models/search', { experiment_ids: ['0'], filter: "name = 'x'" }),
    ).toMatchObject({ status: 200, json: {} });
  });
});
