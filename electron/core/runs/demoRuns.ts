import { mulberry32 } from '../../../shared/random.js';
import { importDemoDataset } from '../datasets/demoDataset.js';
import type { MetricColumns } from '../store/metricsRepo.js';
import type { Store } from '../store/store.js';

export interface DemoOptions {
  runs: number;
  /** Points per curve (loss, accuracy, …), one per step. */
  points: number;
  /** Params per run (lr, optimizer, batch_size, seed, then p04, p05, …). */
  params?: number;
  /** Metrics per run: the first `curves` have `points` steps, the rest one final value. */
  metrics?: number;
  curves?: number;
  seed?: number;
}

const CURVES = ['loss', 'val_loss', 'accuracy', 'val_accuracy'] as const;
/** Rows per transaction: large enough to amortise the commit, small enough to stay responsive. */
const POINTS_PER_COMMIT = 500_000;

/** Writes synthetic finished runs through the real store, in group commits. Returns their ids. */
export async function writeDemoRuns(
  store: Store,
  dataDir: string,
  o: DemoOptions,
): Promise<number[]> {
  const random = mulberry32(o.seed ?? 1);
  const nParams = o.params ?? 6;
  const nMetrics = Math.max(o.metrics ?? 4, 0);
  const nCurves = Math.min(o.curves ?? 4, nMetrics, CURVES.length);
  const dataset = await importDemoDataset(store, dataDir);
  const experiments = ['demo', 'demo-sweep', 'baseline'].map((name) =>
    store.experiments.ensure(name),
  );
  const ids: number[] = [];
  // Milliseconds since the epoch, as a script's MLflow client and Benchtop's jobs log point times.
  const t0 = Date.UTC(2026, 0, 1);

  const writeRun = (i: number): void => {
    const lr = 10 ** (-4 + 3.5 * random());
    const optimizer = random() < 0.5 ? 'adam' : 'sgd';
    const params: Record<string, number | string> = {
      lr,
      optimizer,
      batch_size: 2 ** (4 + Math.floor(random() * 5)),
      seed: i,
    };
    for (let p = 4; p < nParams; p++)
      params[`p${String(p).padStart(2, '0')}`] = Math.round(random() * 1000) / 1000;
    const id = store.runs.create({
      experiment_id: experiments[i % experiments.length]!,
      dataset_id: dataset.id,
      model: 'logistic',
      task: 'binary',
      target: 'label',
    });
    store.params.set(id, Object.fromEntries(Object.entries(params).slice(0, Math.max(nParams, 0))));
    const start = t0 + i * 60_000;
    const msPerStep = (0.01 + random() * 0.05) * 1000;
    const quality = Math.min(0.99, 0.6 + 0.35 * random() + (optimizer === 'adam' ? 0.03 : 0));
    const series = curves(o.points, nCurves, quality, lr, start, msPerStep, random);
    store.metrics.append(id, series);
    // The demo has the points in hand: build the chart pyramid now rather than on first view.
    series.keys.forEach((name, k) => {
      const at = (a: Float64Array) => a.subarray(k * o.points, (k + 1) * o.points);
      store.metricTiles.store(
        id,
        store.metrics.keyId(name),
        at(series.step),
        at(series.time),
        at(series.value),
      );
    });
    const finals: MetricColumns = {
      keys: [],
      keyIndex: new Uint16Array(0),
      step: new Float64Array(0),
      value: new Float64Array(0),
      time: new Float64Array(0),
    };
    for (let m = nCurves; m < nMetrics; m++)
      finals.keys.push(m < CURVES.length ? CURVES[m]! : `m${String(m).padStart(2, '0')}`);
    if (finals.keys.length) {
      const n = finals.keys.length;
      finals.keyIndex = Uint16Array.from({ length: n }, (_, k) => k);
      finals.step = new Float64Array(n).fill(Math.max(o.points - 1, 0));
      finals.value = Float64Array.from({ length: n }, () => random());
      finals.time = new Float64Array(n).fill(start + o.points * msPerStep);
      store.metrics.append(id, finals);
    }
    const status = random() < 0.05 ? 'failed' : 'finished';
    store.runs.setOutcome(id, {
      status,
      started_at: new Date(start).toISOString(),
      ended_at: new Date(start + o.points * msPerStep).toISOString(),
      backend: 'demo',
    });
    if (i % 10 === 0) store.explorer.setTag([id], 'baseline', '');
    ids.push(id);
  };

  const pointsPerRun = Math.max(1, o.points * nCurves + nMetrics + nParams);
  const runsPerCommit = Math.max(1, Math.floor(POINTS_PER_COMMIT / pointsPerRun));
  for (let from = 0; from < o.runs; from += runsPerCommit) {
    const to = Math.min(o.runs, from + runsPerCommit);
    store.transaction(() => {
      for (let i = from; i < to; i++) writeRun(i);
    });
  }
  return ids;
}

/** Noisy training curves: losses fall and accuracies rise towards `quality`, faster with higher lr. */
function curves(
  points: number,
  n: number,
  quality: number,
  lr: number,
  start: number,
  msPerStep: number,
  random: () => number,
): MetricColumns {
  const total = points * n;
  const out: MetricColumns = {
    keys: CURVES.slice(0, n),
    keyIndex: new Uint16Array(total),
    step: new Float64Array(total),
    value: new Float64Array(total),
    time: new Float64Array(total),
  };
  const rate = 3 + 40 * lr;
  let i = 0;
  for (let k = 0; k < n; k++) {
    const isLoss = k < 2;
    const val = k % 2 === 1;
    for (let s = 0; s < points; s++) {
      const progress = 1 - Math.exp((-rate * (s + 1)) / Math.max(points, 1));
      const noise = (random() - 0.5) * (val ? 0.08 : 0.04) + (random() < 0.001 ? 0.5 : 0);
      const acc = 0.5 + (quality - 0.5) * progress;
      out.keyIndex[i] = k;
      out.step[i] = s;
      out.value[i] = isLoss
        ? Math.max(0, (1 - acc) * 1.4 + noise)
        : Math.min(1, Math.max(0, acc + noise * 0.5));
      out.time[i] = start + s * msPerStep;
      i++;
    }
  }
  return out;
}
