import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  eventFileBytes,
  type EventSpec,
} from '../electron/core/importers/tensorboard/testEvents.js';

/**
 * The sources runImport.bench.ts imports: an MLflow file store, a TensorBoard logdir and the
 * script that makes an mlflow.db with the real MLflow, all of one shape (BENCH_RUN_IMPORT_POINTS
 * points in BENCH_RUN_IMPORT_RUNS runs × 8 keys), deterministic so every run reads the same data.
 */
export const POINTS = Number(process.env.BENCH_RUN_IMPORT_POINTS ?? 2_000_000);
export const RUNS = Number(process.env.BENCH_RUN_IMPORT_RUNS ?? 32);
export const EXPERIMENTS = 2;
export const KEYS = [
  'loss',
  'val_loss',
  'accuracy',
  'val_accuracy',
  'learning_rate',
  'grad_norm',
  'samples_per_sec',
  'epoch_seconds',
];
export const TB_TAGS = [
  'train/loss',
  'val/loss',
  'train/accuracy',
  'val/accuracy',
  'lr',
  'grad_norm',
  'throughput/samples_per_sec',
  'time/epoch_seconds',
];
export const STEPS = Math.max(1, Math.round(POINTS / (RUNS * KEYS.length)));
export const TOTAL = RUNS * KEYS.length * STEPS; // the points each source holds
export const T0 = 1_760_000_000_000; // ms, the first run's start
export const STEP_MS = 37;

/** mulberry32: deterministic, so every run of the bench reads the same sources. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  const next32 = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  // 53 random bits: String() of these prints 16–17 significant digits, as Python's repr does.
  return () => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992;
}

const hex32 = (next: () => number) =>
  Array.from({ length: 4 }, () =>
    Math.floor(next() * 2 ** 32)
      .toString(16)
      .padStart(8, '0'),
  ).join('');

/** A training curve: decaying losses, rising accuracies, a schedule, noise in every digit. */
function metricValue(k: number, step: number, noise: number): number {
  const progress = step / STEPS;
  switch (k % 4) {
    case 0:
      return (2.5 + k / 4) * Math.exp(-3 * progress) + 0.05 * noise;
    case 1:
      return 1 - 0.9 * Math.exp(-4 * progress) - 0.02 * noise;
    case 2:
      return 1e-3 * Math.cos((Math.PI * progress) / 2) ** 2 + 1e-6 * noise;
    default:
      return 100 + 20 * noise;
  }
}

function yaml(fields: Record<string, string | number>): string {
  return Object.entries(fields)
    .map(([k, v]) => `${k}: ${v}\n`)
    .join('');
}

export function params(r: number): Record<string, string> {
  return {
    learning_rate: String(1e-3 * (1 + (r % 4))),
    batch_size: String(32 << (r % 3)),
    epochs: String(STEPS),
    optimizer: ['adam', 'sgd', 'adamw'][r % 3]!,
    weight_decay: String(r % 2 ? 0.01 : 0),
    dropout: String(0.1 * (r % 5)),
    hidden_units: String(64 << (r % 4)),
    layers: String(2 + (r % 3)),
    seed: String(r),
    model: 'mlp',
    dataset: 'benchmark-synthetic',
    'cmd-sys.argv': `train.py --run ${r} --lr ${1e-3 * (1 + (r % 4))}`,
  };
}

/** mlruns/<exp>/meta.yaml and mlruns/<exp>/<run>/{meta.yaml,params,tags,metrics,artifacts}, as MLflow 2.x–3.x write them. */
export function writeFileStore(root: string): void {
  const next = rng(1);
  const experimentIds = Array.from({ length: EXPERIMENTS }, () =>
    String(Math.floor(next() * 9e17) + 1e17),
  );
  const experimentMeta = (id: string, name: string) =>
    yaml({
      artifact_location: `file://${root}/${id}`,
      creation_time: T0,
      experiment_id: `'${id}'`,
      last_update_time: T0,
      lifecycle_stage: 'active',
      name,
      trace_location: 'null',
      workspace: 'default',
    });
  mkdirSync(join(root, '0'), { recursive: true });
  writeFileSync(join(root, '0', 'meta.yaml'), experimentMeta('0', 'Default'));
  for (const [e, id] of experimentIds.entries()) {
    mkdirSync(join(root, id), { recursive: true });
    writeFileSync(join(root, id, 'meta.yaml'), experimentMeta(id, `bench-${e}`));
  }
  for (let r = 0; r < RUNS; r++) {
    const experimentId = experimentIds[r % EXPERIMENTS]!;
    const runId = hex32(next);
    const dir = join(root, experimentId, runId);
    const start = T0 + r * 3_600_000;
    for (const sub of ['params', 'tags', 'metrics', 'artifacts'])
      mkdirSync(join(dir, sub), { recursive: true });
    writeFileSync(
      join(dir, 'meta.yaml'),
      yaml({
        artifact_uri: `file://${dir}/artifacts`,
        end_time: start + STEPS * STEP_MS,
        entry_point_name: "''",
        experiment_id: `'${experimentId}'`,
        lifecycle_stage: 'active',
        run_id: runId,
        run_name: `run-${String(r).padStart(3, '0')}`,
        source_name: "''",
        source_type: 4,
        source_version: "''",
        start_time: start,
        status: 3,
        tags: '[]',
        user_id: 'bench',
      }),
    );
    for (const [key, value] of Object.entries(params(r)))
      writeFileSync(join(dir, 'params', key), value);
    const tags = {
      'mlflow.runName': `run-${String(r).padStart(3, '0')}`,
      'mlflow.user': 'bench',
      'mlflow.source.name': 'train.py',
      'mlflow.source.type': 'LOCAL',
      'mlflow.source.git.commit': hex32(next) + hex32(next).slice(0, 8),
    };
    for (const [key, value] of Object.entries(tags)) writeFileSync(join(dir, 'tags', key), value);
    for (const [k, key] of KEYS.entries()) {
      const lines: string[] = new Array<string>(STEPS);
      for (let s = 0; s < STEPS; s++)
        lines[s] = `${start + s * STEP_MS + k} ${String(metricValue(k, s, next()))} ${s}`;
      writeFileSync(join(dir, 'metrics', key), `${lines.join('\n')}\n`);
    }
  }
}

/** <logdir>/<experiment>/run-NNN/events.out.tfevents.<time>.<host>.<pid>.0: one scalar per event. */
export function writeLogdir(root: string): void {
  const next = rng(2);
  for (let r = 0; r < RUNS; r++) {
    const dir = join(root, `bench-${r % EXPERIMENTS}`, `run-${String(r).padStart(3, '0')}`);
    mkdirSync(dir, { recursive: true });
    const start = (T0 + r * 3_600_000) / 1000;
    const events: EventSpec[] = [];
    for (let s = 0; s < STEPS; s++) {
      for (const [k, tag] of TB_TAGS.entries())
        events.push({
          wallTime: start + (s * STEP_MS + k) / 1000,
          step: s,
          values: [{ tag, simple: metricValue(k, s, next()) }],
        });
    }
    writeFileSync(
      join(dir, `events.out.tfevents.${Math.floor(start)}.bench-host.${1000 + r}.0`),
      eventFileBytes(events),
    );
  }
}

/** The real MLflow SQL store; bulk metric rows in the exact form its log_batch inserts them. */
export const MLFLOW_DB = `
import json, random, sqlite3, sys
spec = json.loads(sys.argv[1])
from mlflow.tracking import MlflowClient
from mlflow.entities import Metric, Param, RunTag
client = MlflowClient(tracking_uri='sqlite:///' + spec['path'])
keys, steps, t0, step_ms = spec['keys'], spec['steps'], spec['t0'], spec['step_ms']
rnd = random.Random(3)
exps = [client.create_experiment('bench-%d' % e) for e in range(spec['experiments'])]
runs = []
for r in range(spec['runs']):
    start = t0 + r * 3600000
    run = client.create_run(exps[r % len(exps)], start_time=start, run_name='run-%03d' % r,
                            tags={'mlflow.user': 'bench', 'mlflow.source.name': 'train.py', 'mlflow.source.type': 'LOCAL'})
    rid = run.info.run_id
    last = [Metric(key, rnd.random(), start + (steps - 1) * step_ms + k, steps - 1) for k, key in enumerate(keys)]
    client.log_batch(rid, metrics=last, params=[Param(n, v) for n, v in spec['params'][r].items()],
                     tags=[RunTag('mlflow.source.git.commit', '%040x' % rnd.getrandbits(160))])
    client.set_terminated(rid, end_time=start + steps * step_ms)
    runs.append((rid, start))
db = sqlite3.connect(spec['path'])
for rid, start in runs:
    rows = [(key, rnd.random() * (k + 1), start + s * step_ms + k, rid, s, 0) for k, key in enumerate(keys) for s in range(steps - 1)]
    db.executemany('INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan) VALUES (?, ?, ?, ?, ?, ?)', rows)
    db.commit()
print(sum(1 for _ in db.execute('SELECT 1 FROM metrics')))
`;
