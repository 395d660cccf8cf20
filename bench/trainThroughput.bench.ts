import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResolvedTrainParams } from '../shared/domain.js';
import { mulberry32 } from '../shared/random.js';
import { createCore, type Core } from '../electron/core/core.js';
import { waitForRunEnd } from '../electron/testing/waitForRun.js';
import { buildModel } from '../electron/core/training/models/buildModel.js';
import { loadTf } from '../electron/core/training/tfBackend.js';
import { setWasmCopyKernels } from '../electron/core/training/wasmCopyKernels.js';
import { setWasmMatMul } from '../electron/core/training/wasmMatMul.js';

/**
 * Training throughput of an MLP 20→64→64→1 (adam, batch 256, MSE) on 20k synthetic rows in
 * TensorFlow.js, per available backend, next to PyTorch on CPU with the same data and
 * architecture. Also: what live metric streaming costs a job, and a sweep's wall time against
 * its trials' total time ÷ concurrency.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 20_000);
const FEATURES = 20;
const EPOCHS = Number(process.env.BENCH_EPOCHS ?? 3);
const BATCH = 256;
const PYTHON = '/usr/bin/python3';

function syntheticData(): { x: Float32Array; y: Float32Array } {
  const random = mulberry32(1);
  const x = Float32Array.from({ length: ROWS * FEATURES }, () => random() * 2 - 1);
  const w = Array.from({ length: FEATURES }, () => random() * 2 - 1);
  const y = Float32Array.from(
    { length: ROWS },
    (_, r) => w.reduce((s, wj, j) => s + wj * x[r * FEATURES + j]!, 0) + 0.1 * (random() - 0.5),
  );
  return { x, y };
}

async function tfjsSamplesPerSec(
  backend: 'tensorflow' | 'wasm' | 'cpu',
  data: { x: Float32Array; y: Float32Array },
  kernels: 'fast' | 'stock' = 'fast',
): Promise<number | null> {
  const { tf, backend: got } = await loadTf(backend);
  if (got !== backend) return null;
  // 'stock': tfjs-backend-wasm's own kernels and tfjs's Adam, for before/after (wasmMatMul.ts,
  // wasmCopyKernels.ts, fusedAdam.ts).
  if (got === 'wasm') {
    setWasmMatMul(tf, kernels);
    setWasmCopyKernels(tf, kernels);
  }
  const params = ResolvedTrainParams.parse({ hidden: '64,64', lr: 0.001, batch_size: BATCH });
  const model = buildModel(tf, 'mlp', 'regression', FEATURES, 0, params);
  if (kernels === 'stock')
    model.compile({ optimizer: tf.train.adam(0.001), loss: 'meanSquaredError' });
  const x = tf.tensor2d(data.x, [ROWS, FEATURES]);
  const y = tf.tensor2d(data.y, [ROWS, 1]);
  await model.fit(x, y, {
    epochs: 1,
    batchSize: BATCH,
    shuffle: false,
    verbose: 0,
    yieldEvery: 'never',
  }); // warm-up
  const t0 = performance.now();
  await model.fit(x, y, {
    epochs: EPOCHS,
    batchSize: BATCH,
    shuffle: false,
    verbose: 0,
    yieldEvery: 'never',
  });
  const seconds = (performance.now() - t0) / 1000;
  tf.dispose([x, y]);
  model.dispose();
  if (got === 'wasm') {
    setWasmMatMul(tf, 'fast');
    setWasmCopyKernels(tf, 'fast');
  }
  return (ROWS * EPOCHS) / seconds;
}

const TORCH = `
import sys, time, numpy as np, torch
rows, feats, epochs, batch, path = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
raw = np.fromfile(path, dtype=np.float32)
x = torch.from_numpy(raw[: rows * feats].reshape(rows, feats).copy())
y = torch.from_numpy(raw[rows * feats :].reshape(rows, 1).copy())
torch.manual_seed(0)
model = torch.nn.Sequential(torch.nn.Linear(feats, 64), torch.nn.ReLU(), torch.nn.Linear(64, 64), torch.nn.ReLU(), torch.nn.Linear(64, 1))
opt = torch.optim.Adam(model.parameters(), lr=0.001)
loss_fn = torch.nn.MSELoss()
def epoch():
    for i in range(0, rows, batch):
        opt.zero_grad()
        loss = loss_fn(model(x[i : i + batch]), y[i : i + batch])
        loss.backward()
        opt.step()
epoch()
t0 = time.perf_counter()
for _ in range(epochs):
    epoch()
print(rows * epochs / (time.perf_counter() - t0), torch.__version__, torch.get_num_threads())
`;

function torchSamplesPerSec(
  data: { x: Float32Array; y: Float32Array },
  dir: string,
): { rate: number; version: string; threads: number } | null {
  if (!existsSync(PYTHON)) return null;
  const path = join(dir, 'data.f32');
  const all = new Float32Array(data.x.length + data.y.length);
  all.set(data.x);
  all.set(data.y, data.x.length);
  writeFileSync(path, all);
  const out = spawnSync(
    PYTHON,
    ['-c', TORCH, String(ROWS), String(FEATURES), String(EPOCHS), String(BATCH), path],
    { encoding: 'utf8' },
  );
  if (out.status !== 0) return null;
  const [rate, version, threads] = out.stdout.trim().split(/\s+/);
  return { rate: Number(rate), version: version ?? '?', threads: Number(threads) };
}

/** One training job end to end (process start excluded: started_at → ended_at), streaming on or off. */
async function jobSeconds(core: Core, datasetId: number, stream: boolean): Promise<number> {
  const dataset = core.store.datasets.get(datasetId)!;
  const runId = core.store.runs.create({
    experiment_id: core.store.experiments.ensure('bench'),
    dataset_id: datasetId,
    model: 'mlp',
    task: 'regression',
    target: 'y',
  });
  const params = ResolvedTrainParams.parse({
    hidden: '64,64',
    lr: 0.001,
    batch_size: BATCH,
    epochs: 10,
  });
  const columns = dataset.columns
    .filter((c) => c.name !== 'y')
    .map((c) => ({ name: c.name, type: c.type }));
  const done = core.training.queue.enqueue({
    kind: 'train',
    runId,
    datasetPath: dataset.storage_path,
    fileName: dataset.file_name,
    datasetHash: dataset.hash,
    target: 'y',
    columns,
    task: 'regression',
    model: 'mlp',
    params,
    artifactsDir: join(core.dataDir, 'bench', String(runId)),
    stream,
  });
  await done;
  const run = core.store.runs.get(runId)!;
  return (Date.parse(run.ended_at!) - Date.parse(run.started_at!)) / 1000;
}

const median = (v: number[]) => v.slice().sort((a, b) => a - b)[v.length >> 1]!;

async function streamingOverhead(
  dir: string,
  data: { x: Float32Array; y: Float32Array },
): Promise<{ on: number; off: number }> {
  const n = Math.min(ROWS, 5000);
  const lines = Array.from({ length: n }, (_, r) =>
    [...data.x.subarray(r * FEATURES, (r + 1) * FEATURES), data.y[r]!].join(','),
  );
  const file = join(dir, 'synthetic.csv');
  writeFileSync(
    file,
    `${[...Array.from({ length: FEATURES }, (_, j) => `x${j}`), 'y'].join(',')}\n${lines.join('\n')}\n`,
  );
  const core = createCore({ dataDir: join(dir, 'data') });
  core.training.queue.setLimit(1);
  try {
    const { id } = await core.call('datasets.import', { path: file });
    const on: number[] = [];
    const off: number[] = [];
    for (let i = 0; i < 5; i++) {
      on.push(await jobSeconds(core, id, true));
      off.push(await jobSeconds(core, id, false));
    }
    return { on: median(on), off: median(off) };
  } finally {
    await core.close();
  }
}

/** Wall time of one trial alone (process start included): the unit a sweep's trials cost. */
async function trialSeconds(core: Core, datasetId: number, lr: number): Promise<number> {
  const t0 = performance.now();
  const { runId } = await core.call('jobs.train', {
    datasetId,
    target: 'species',
    model: 'logistic',
    params: { epochs: 10, lr },
  });
  await waitForRunEnd(core, runId);
  return (performance.now() - t0) / 1000;
}

async function sweepWall(
  dir: string,
): Promise<{ trials: number; concurrency: number; wall: number; trial_seconds: number }> {
  const core = createCore({ dataDir: join(dir, 'sweep') });
  try {
    const concurrency = core.training.queue.limit;
    const { id } = await core.call('datasets.importSample', { name: 'iris' });
    const trial = median([
      await trialSeconds(core, id, 0.1),
      await trialSeconds(core, id, 0.05),
      await trialSeconds(core, id, 0.02),
    ]);
    const t0 = performance.now();
    const lrs = Array.from({ length: 16 }, (_, i) => 0.01 * (i + 1));
    const sweep = await core.call('sweeps.create', {
      datasetId: id,
      target: 'species',
      model: 'logistic',
      params: { epochs: 10 },
      grid: { lr: lrs },
    });
    await Promise.all(sweep.runIds.map((r) => waitForRunEnd(core, r)));
    return { trials: 16, concurrency, wall: (performance.now() - t0) / 1000, trial_seconds: trial };
  } finally {
    await core.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'benchtop-bench-'));
try {
  const data = syntheticData();
  const torch = torchSamplesPerSec(data, dir);
  const figures: Record<string, unknown> = {
    rows: ROWS,
    epochs: EPOCHS,
    batch: BATCH,
    architecture: '20-64-64-1',
  };
  const ratios: Record<string, number> = {};
  for (const backend of ['tensorflow', 'wasm'] as const) {
    const rate = await tfjsSamplesPerSec(backend, data);
    figures[`tfjs_${backend}_samples_per_sec`] = rate === null ? 'unavailable' : Math.round(rate);
    if (rate !== null && torch) ratios[backend] = Number((rate / torch.rate).toFixed(3));
  }
  const stock = await tfjsSamplesPerSec('wasm', data, 'stock');
  if (stock !== null) {
    figures.tfjs_wasm_stock_kernels_samples_per_sec = Math.round(stock);
    if (torch) ratios.wasm_stock_kernels = Number((stock / torch.rate).toFixed(3));
  }
  figures.baseline = torch
    ? {
        name: `pytorch ${torch.version} cpu (${torch.threads} threads)`,
        samples_per_sec: Math.round(torch.rate),
      }
    : 'missing: /usr/bin/python3 with torch not found (apt-get install python3-torch)';
  const streaming = await streamingOverhead(dir, data);
  figures.streaming = {
    job_seconds_with: streaming.on,
    job_seconds_without: streaming.off,
    overhead_pct: Number((100 * (streaming.on / streaming.off - 1)).toFixed(2)),
  };
  const sweep = await sweepWall(dir);
  figures.sweep = {
    ...sweep,
    wall_vs_total_over_concurrency: Number(
      (sweep.wall / ((sweep.trials * sweep.trial_seconds) / sweep.concurrency)).toFixed(3),
    ),
  };
  console.log(JSON.stringify({ name: 'trainThroughput', ...figures, ratio: ratios }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
