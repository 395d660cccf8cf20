import { testMetrics } from '../../../shared/metricNames.js';
import { mulberry32 } from '../../../shared/random.js';
import { loadTable } from '../datasets/loadTable.js';
import type { JobContext } from '../jobs/jobContext.js';
import type { TrainJob } from '../jobs/protocol.js';
import { createUsageMeter } from '../jobs/usageMeter.js';
import { describeEnvironment } from './artifacts/runEnvironment.js';
import { checksum, writeJson } from './artifacts/writeArtifacts.js';
import { crossValidate } from './crossValidate.js';
import { buildModel } from './models/buildModel.js';
import { fileModelStore, MODEL_JSON, WEIGHTS_BIN } from './models/fileModelStore.js';
import { prepareData } from './preprocessing/prepareData.js';
import { finiteOnly, predictRows, scorePredictions } from './scoreModel.js';
import { loadTf } from './tfBackend.js';
import { trainLoop } from './trainLoop.js';

export const ARTIFACT_FILES = [
  MODEL_JSON,
  WEIGHTS_BIN,
  'preprocessing.json',
  'metrics.json',
  'evaluation.json',
  'environment.json',
];

/** The job process's CPU (% of one core) and resident memory, per epoch. */
export const SYSTEM_METRIC_KEYS = [
  'system/process_cpu_percentage',
  'system/process_rss_megabytes',
] as const;

/**
 * One training run in a job process: split, fit the preprocessing on the training part, train
 * with live per-epoch metrics, score the test part, and write the model and its record to
 * `job.artifactsDir`. The same seed on the same backend gives the same numbers.
 */
export async function runTraining(job: TrainJob, ctx: JobContext): Promise<void> {
  const { params } = job;
  // tfjs draws unseeded randomness (dropout masks) from Math.random; this process is ours alone.
  Math.random = mulberry32(params.seed ^ 0x5bd1e995);
  const { tf, backend } = await loadTf();
  ctx.send({ type: 'start', backend });
  const env = describeEnvironment(tf.version.tfjs, backend, params.seed, job.datasetHash);
  ctx.send({ type: 'environment', env });
  const usage = createUsageMeter();

  const table = await loadTable(job.datasetPath, job.fileName);
  const data = prepareData(table, job.target, job.task, job.columns, {
    testSize: params.test_size,
    valFraction: params.val_fraction,
    seed: params.seed,
  });
  for (const d of data.spec.dropped)
    ctx.send({ type: 'log', level: 'warn', message: `dropped column "${d.name}": ${d.reason}` });

  const model = buildModel(tf, job.model, job.task, data.width, data.spec.classes.length, params);
  const started = performance.now();
  const loop = await trainLoop(tf, model, data, params, {
    cancelled: ctx.cancelled,
    onEpoch: async ({ epoch, keys, values }) => {
      const reading = usage();
      if (job.stream) {
        const now = Date.now();
        // The job's own CPU and memory are charted like any metric, as MLflow's system/* ones are.
        const allKeys = [...keys, ...SYSTEM_METRIC_KEYS];
        const allValues = [...values, reading.cpuPercent, reading.rssBytes / 2 ** 20];
        // A diverged epoch's NaN has no place in the metrics table (±∞ has); the loop stops on it.
        const shown = allValues.flatMap((v, i) => (Number.isNaN(v) ? [] : [i]));
        ctx.send({
          type: 'metric',
          keys: allKeys,
          keyIndex: Uint16Array.from(shown),
          step: Float64Array.from(shown, () => epoch),
          value: Float64Array.from(shown, (i) => allValues[i]!),
          time: Float64Array.from(shown, () => now),
        });
      }
      ctx.send({
        type: 'progress',
        fraction: epoch / params.epochs,
        message: `epoch ${epoch} of ${params.epochs}`,
      });
      ctx.send({ type: 'usage', ...reading });
      // fit() resolves through microtasks only; yield a macrotask so a cancel message can arrive.
      await new Promise((resolve) => setImmediate(resolve));
    },
  });
  if (ctx.cancelled()) return;
  const trainSeconds = (performance.now() - started) / 1000;
  const cv =
    params.cv_folds > 0
      ? await crossValidate(
          tf,
          job,
          table,
          data.encoded,
          data.split,
          loop.stoppedEarly ? loop.bestEpoch : loop.epochs,
          ctx,
        )
      : null;
  if (ctx.cancelled()) return;

  const predicted = predictRows(tf, model, data.spec, data.x.test, data.rows.test);
  const scored = scorePredictions(data.spec, data.y.test, predicted);
  const dir = job.artifactsDir;
  await model.save(fileModelStore(dir));
  writeJson(dir, 'preprocessing.json', data.spec);
  writeJson(dir, 'metrics.json', {
    test: scored.metrics,
    final_epoch: loop.last,
    epochs_run: loop.epochs,
    best_epoch: loop.bestEpoch,
    stopped_early: loop.stoppedEarly,
    rows: data.rows,
    train_seconds: trainSeconds,
    ...(cv ? { cross_validation: cv } : {}),
  });
  writeJson(dir, 'evaluation.json', scored.details);
  writeJson(dir, 'environment.json', env);
  for (const artifact of checksum(dir, ARTIFACT_FILES)) ctx.send({ type: 'artifact', ...artifact });
  if (loop.stoppedEarly) {
    ctx.send({
      type: 'log',
      level: 'info',
      message: `stopped early at epoch ${loop.epochs}; kept the weights of epoch ${loop.bestEpoch}`,
    });
  }
  const evaluation = finiteOnly({ ...scored.metrics, ...cv?.summary });
  // The test split as metrics of their own (`test_accuracy`, …) at the final epoch: never under a
  // training curve's name (docs/metrics.md).
  const tested = Object.entries(testMetrics(evaluation));
  if (tested.length) {
    const now = Date.now();
    ctx.send({
      type: 'metric',
      keys: tested.map(([key]) => key),
      keyIndex: Uint16Array.from(tested, (_, i) => i),
      step: Float64Array.from(tested, () => loop.epochs),
      value: Float64Array.from(tested, ([, value]) => value),
      time: Float64Array.from(tested, () => now),
    });
  }
  ctx.send({ type: 'result', metrics: evaluation });
}
