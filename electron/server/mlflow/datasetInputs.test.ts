import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../testing/tempDir.js';
import { startMlflowServer, type MlflowServer } from '../../testing/mlflowWire.js';

/** `mlflow.log_input(dataset, context=…)` and autolog's inputs, as MLflow 3.6's client sends them. */
describe('MLflow dataset inputs', () => {
  const tempDir = useTempDirs();
  let s: MlflowServer;
  afterEach(async () => s?.close());

  const schema = JSON.stringify({ mlflow_colspec: [{ type: 'long', name: 'a', required: true }] });
  const train = {
    tags: [
      { key: 'mlflow.data.context', value: 'training' },
      { key: 'split', value: 'train' },
    ],
    dataset: {
      name: 'train set/v1',
      digest: '244437a9',
      source_type: 's3',
      source: '{"uri": "s3://bucket/train.csv"}',
      schema,
      profile: '{"num_rows": 3, "num_elements": 6}',
    },
  };

  it('gives them back as the run’s inputs.dataset_inputs and finds runs by dataset name', async () => {
    s = await startMlflowServer(tempDir(), tempDir());
    const created = await s.post('runs/create', { experiment_id: '0', start_time: 1 });
    const runId = (created.json.run as { info: { run_id: string } }).info.run_id;
    const other = await s.post('runs/create', { experiment_id: '0', start_time: 2 });
    const otherId = (other.json.run as { info: { run_id: string } }).info.run_id;
    const logged = await s.post('runs/log-inputs', { run_id: runId, datasets: [train] });
    expect(logged.status).toBe(200);

    const got = await s.get('runs/get', { run_id: runId, run_uuid: runId });
    expect((got.json.run as { inputs: unknown }).inputs).toEqual({ dataset_inputs: [train] });
    const plain = await s.get('runs/get', { run_id: otherId });
    expect((plain.json.run as { inputs: unknown }).inputs).toEqual({});

    const search = async (filter: string) => {
      const r = await s.post('runs/search', { experiment_ids: ['0'], filter, max_results: 1000 });
      return [
        r.status,
        ((r.json.runs ?? []) as { info: { run_id: string } }[]).map((x) => x.info.run_id),
      ];
    };
    expect(await search("dataset.name = 'train set/v1'")).toEqual([200, [runId]]);
    expect(await search("datasets.name IN ('nope', 'train set/v1')")).toEqual([200, [runId]]);
    expect(await search("dataset.name = 'nope'")).toEqual([200, []]);
    const context = await s.post('runs/search', {
      experiment_ids: ['0'],
      filter: "dataset.context = 'training'",
    });
    expect([context.status, context.json.error_code, context.json.message]).toEqual([
      400,
      'INVALID_PARAMETER_VALUE',
      "Benchtop searches dataset inputs only by name with = or IN, not 'dataset.context ='",
    ]);
  });

  it('keeps an input whose schema would not fit a tag, without its schema and profile', async () => {
    s = await startMlflowServer(tempDir(), tempDir());
    const created = await s.post('runs/create', { experiment_id: '0', start_time: 1 });
    const runId = (created.json.run as { info: { run_id: string } }).info.run_id;
    const wide = { ...train, dataset: { ...train.dataset, schema: 'x'.repeat(9000) } };
    expect((await s.post('runs/log-inputs', { run_id: runId, datasets: [wide] })).status).toBe(200);
    const got = await s.get('runs/get', { run_id: runId });
    const { schema: _schema, profile: _profile, ...rest } = train.dataset;
    expect((got.json.run as { inputs: unknown }).inputs).toEqual({
      dataset_inputs: [{ tags: train.tags, dataset: rest }],
    });
  });
});
