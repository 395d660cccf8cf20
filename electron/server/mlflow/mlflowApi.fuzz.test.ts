import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMlflowServer, type MlflowServer } from '../../testing/mlflowWire.js';

const seed = process.env.FC_SEED === 'random' ? Date.now() : Number(process.env.FC_SEED ?? 19);

/** Hostile messages to every route: always MLflow's error format with a 4xx, never a 5xx (which clients retry) or a crash. */
describe('MLflow routes under fuzzed messages', () => {
  let s: MlflowServer;
  let runId = '';
  const dirs = [
    mkdtempSync(join(tmpdir(), 'benchtop-fuzz-')),
    mkdtempSync(join(tmpdir(), 'benchtop-fuzz-')),
  ];
  beforeAll(async () => {
    s = await startMlflowServer(dirs[0]!, dirs[1]!);
    const created = await s.post('runs/create', { experiment_id: '0', start_time: 1 });
    runId = (created.json.run as { info: { run_id: string } }).info.run_id;
  });
  afterAll(async () => {
    await s.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  const ENDPOINTS = [
    'experiments/create',
    'experiments/search',
    'experiments/update',
    'experiments/delete',
    'experiments/set-experiment-tag',
    'runs/create',
    'runs/update',
    'runs/log-metric',
    'runs/log-parameter',
    'runs/set-tag',
    'runs/delete-tag',
    'runs/log-batch',
    'runs/log-inputs',
    'runs/search',
    'registered-models/create',
    'model-versions/create',
    'registered-models/alias',
  ];
  const FIELDS = [
    'run_id',
    'experiment_id',
    'experiment_ids',
    'name',
    'key',
    'value',
    'timestamp',
    'step',
    'metrics',
    'params',
    'tags',
    'filter',
    'order_by',
    'max_results',
    'page_token',
    'status',
    'end_time',
    'start_time',
    'view_type',
    'run_view_type',
    'version',
    'alias',
    'source',
    'datasets',
  ];
  const value = fc.oneof(
    fc.string(),
    fc.constantFrom(
      'NaN',
      'Infinity',
      '-1',
      '0',
      '1e400',
      '../x',
      'a/../b',
      '%00',
      '\u0000',
      'metrics.a > 1 or x',
      '`',
      "'",
      'eyJvZmZzZXQiOiAtMX0=',
    ),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(
      fc.oneof(
        fc.string(),
        fc.integer(),
        fc.record({ key: fc.string(), value: fc.oneof(fc.string(), fc.double()) }),
      ),
      { maxLength: 4 },
    ),
  );

  it('answers every fuzzed POST with 200 or a 4xx in MLflow error format', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ENDPOINTS),
        fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 6 }),
        fc.boolean(),
        async (endpoint, message, ownRun) => {
          if (ownRun) message.run_id = runId;
          const reply = await s.post(endpoint, message);
          expect(
            reply.status,
            `${endpoint} ${JSON.stringify(message)}: ${reply.body}`,
          ).toBeLessThan(500);
          if (reply.status !== 200) {
            expect(reply.json.error_code).toEqual(expect.any(String));
            expect(reply.json.message).toEqual(expect.any(String));
          }
        },
      ),
      { seed, numRuns: 400 },
    );
  });

  it('answers fuzzed GET query strings and artifact paths the same way', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          'runs/get',
          'metrics/get-history',
          'experiments/get',
          'experiments/get-by-name',
          'registered-models/get',
          'model-versions/get',
          'registered-models/search',
        ),
        fc.dictionary(fc.constantFrom(...FIELDS, 'metric_key', 'experiment_name'), fc.string(), {
          maxKeys: 4,
        }),
        fc.string(),
        async (endpoint, query, path) => {
          const reply = await s.get(endpoint, query);
          expect(reply.status, `${endpoint} ${JSON.stringify(query)}: ${reply.body}`).toBeLessThan(
            500,
          );
          const artifact = await s.send(
            'GET',
            `/api/2.0/mlflow-artifacts/artifacts/0/${runId}/artifacts/${encodeURIComponent(path)}`,
          );
          expect(artifact.status, `${path}: ${artifact.body}`).toBeLessThan(500);
        },
      ),
      { seed, numRuns: 200 },
    );
  });
});
