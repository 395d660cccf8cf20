import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../testing/tempDir.js';
import { openDatabase } from '../db.js';
import { MIGRATIONS } from './index.js';

describe('migration 0012-test-metric-names', () => {
  const tempDir = useTempDirs();

  it('copies every stored test evaluation into test_* metrics at the final step, renames snapshots and sweeps', () => {
    const file = join(tempDir(), 'benchtop.db');
    const at = MIGRATIONS.findIndex((m) => m.name === 'test-metric-names');
    expect(MIGRATIONS[at]?.version).toBe(12);
    const before = openDatabase(file, { migrations: MIGRATIONS.slice(0, at) });
    before.exec(`INSERT INTO experiments (id, name, created_at) VALUES (1, 'e', 'then');
      INSERT INTO datasets (id, name, version, hash, file_name, bytes, rows, columns, storage_path, created_at)
        VALUES (1, 'd', 1, 'h', 'd.csv', 1, 1, '[]', 'p', 'then');
      INSERT INTO runs (id, experiment_id, name, status, created_at, ended_at, source) VALUES
        (1, 1, 'trained', 'finished', 'then', '2024-01-01T00:00:00.000Z', 'benchtop'),
        (2, 1, 'no curves', 'finished', 'then', '2024-01-01T00:00:00.000Z', 'benchtop'),
        (3, 1, 'script', 'finished', 'then', NULL, 'script');
      INSERT INTO metric_keys (id, name) VALUES (1, 'accuracy'), (2, 'val_accuracy');
      INSERT INTO metrics (run_id, key_id, step, time, value) VALUES
        (1, 1, 1, 1000, 0.5), (1, 1, 2, 2000, 0.9), (1, 2, 1, 1000, 0.6), (1, 2, 2, 2000, 0.7), (3, 1, 5, 50, 0.99);
      INSERT INTO latest_metrics (run_id, key_id, step, value) VALUES (1, 1, 2, 0.9), (1, 2, 2, 0.7), (3, 1, 5, 0.99);
      INSERT INTO run_evaluations (run_id, metrics) VALUES
        (1, '{"accuracy":0.8,"f1_macro":0.75,"cv_accuracy_mean":0.7,"cv_accuracy_std":0.1}'),
        (2, '{"rmse":3.5,"r2":-0.25}');
      INSERT INTO models (id, name, created_at, updated_at) VALUES (1, 'm', 'then', 'then');
      INSERT INTO model_versions (id, uid, model_id, version, run_id, note, source, created_at) VALUES
        (1, 'v1', 1, 1, 1, '', '{"run":{"params":{"lr":0.1},"metrics":{"accuracy":0.8,"f1_macro":0.75,"cv_accuracy_mean":0.7}},"dataset":null,"parent_uid":null}', 'then'),
        (2, 'v2', 1, 2, 3, '', '{"run":{"params":{},"metrics":{"accuracy":0.99}},"dataset":null,"parent_uid":null}', 'then'),
        (3, 'v3', 1, 3, 1, '', '{"run":{"params":{},"metrics":{"accuracy":0.9,"loss":0.1}},"dataset":null,"parent_uid":"v1"}', 'then');
      INSERT INTO sweeps (id, name, experiment_id, dataset_id, target, model, spec, metric, status, created_at) VALUES
        (1, 's1', 1, 1, 'y', 'mlp', '{}', 'f1_macro', 'finished', 'then'),
        (2, 's2', 1, 1, 'y', 'mlp', '{}', 'test_rmse', 'finished', 'then');`);
    const evaluations = before
      .prepare('SELECT run_id, metrics FROM run_evaluations ORDER BY run_id')
      .all();
    const pointsBefore = before
      .prepare(
        'SELECT run_id, key_id, step, time, value FROM metrics ORDER BY run_id, key_id, step',
      )
      .all();
    before.close();

    const db = openDatabase(file, { migrations: MIGRATIONS.slice(0, at + 1) });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const latest = (runId: number) =>
      Object.fromEntries(
        db
          .prepare<[number], { name: string; step: number; value: number }>(
            'SELECT k.name, l.step, l.value FROM latest_metrics l JOIN metric_keys k ON k.id = l.key_id WHERE l.run_id = ?',
          )
          .all(runId)
          .map((r) => [r.name, [r.step, r.value]]),
      );
    // The training curve keeps its name and last epoch; the test split sits beside it at the final step.
    expect(latest(1)).toEqual({
      accuracy: [2, 0.9],
      val_accuracy: [2, 0.7],
      test_accuracy: [2, 0.8],
      test_f1_macro: [2, 0.75],
      cv_accuracy_mean: [2, 0.7],
      cv_accuracy_std: [2, 0.1],
    });
    expect(latest(2)).toEqual({ test_rmse: [0, 3.5], test_r2: [0, -0.25] });
    expect(latest(3)).toEqual({ accuracy: [5, 0.99] });

    // Every evaluation row, every key: a point under its new name with the same value; nothing else moved.
    for (const { run_id, metrics } of evaluations as { run_id: number; metrics: string }[]) {
      for (const [key, value] of Object.entries(JSON.parse(metrics) as Record<string, number>)) {
        const name = key.startsWith('cv_') ? key : `test_${key}`;
        const point = db
          .prepare<[number, string], { value: number; time: number }>(
            'SELECT m.value, m.time FROM metrics m JOIN metric_keys k ON k.id = m.key_id WHERE m.run_id = ? AND k.name = ?',
          )
          .all(run_id, name);
        expect(
          point.map((p) => p.value),
          `${run_id} ${name}`,
        ).toEqual([value]);
        expect(point[0]!.time).toBe(run_id === 1 ? 2000 : Date.parse('2024-01-01T00:00:00.000Z'));
      }
    }
    expect(db.prepare('SELECT run_id, metrics FROM run_evaluations ORDER BY run_id').all()).toEqual(
      evaluations,
    );
    expect(db.prepare('SELECT count(*) FROM metrics').pluck().get()).toBe(pointsBefore.length + 6);
    expect(
      db
        .prepare(
          'SELECT run_id, key_id, step, time, value FROM metrics WHERE key_id <= 2 ORDER BY run_id, key_id, step',
        )
        .all(),
    ).toEqual(pointsBefore);

    // A snapshot that was its run's evaluation takes the test names; one that was not stays as it was.
    const snapshot = (id: number) =>
      JSON.parse(
        db
          .prepare<[number], string>('SELECT source FROM model_versions WHERE id = ?')
          .pluck()
          .get(id)!,
      );
    expect(snapshot(1)).toEqual({
      run: {
        params: { lr: 0.1 },
        metrics: { test_accuracy: 0.8, test_f1_macro: 0.75, cv_accuracy_mean: 0.7 },
      },
      dataset: null,
      parent_uid: null,
    });
    expect(snapshot(2).run.metrics).toEqual({ accuracy: 0.99 });
    expect(snapshot(3).run.metrics).toEqual({ accuracy: 0.9, loss: 0.1 });
    expect(db.prepare('SELECT metric FROM sweeps ORDER BY id').pluck().all()).toEqual([
      'test_f1_macro',
      'test_rmse',
    ]);
    db.close();
  });
});
