import type * as Tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { mulberry32, shuffled } from '../../../shared/random.js';
import { readCsv } from '../datasets/readCsv.js';
import type { JobContext } from '../jobs/jobWorker.js';
import type { TrainJob } from '../jobs/protocol.js';
import { prepareClassification } from './prepareData.js';
import { loadTf } from './tfBackend.js';

const EPOCH_KEYS = ['loss', 'accuracy', 'val_loss', 'val_accuracy'];

/**
 * Logistic (softmax) regression in TensorFlow.js. Weights start at zero and batches are shuffled by
 * a seeded generator, so the same seed on the same backend gives the same numbers.
 */
export async function runTraining(job: TrainJob, ctx: JobContext): Promise<void> {
  const { tf, backend } = await loadTf();
  ctx.send({ type: 'start', backend });
  const { params } = job;
  const table = readCsv(readFileSync(job.datasetPath, 'utf8'), job.fileName);
  const data = prepareClassification(table, job.target, job.features, params.val_fraction, params.seed);
  const d = data.features.length;
  const k = data.classes.length;

  const model = tf.sequential();
  model.add(
    tf.layers.dense({ units: k, inputShape: [d], activation: 'softmax', kernelInitializer: 'zeros', biasInitializer: 'zeros' }),
  );
  model.compile({ optimizer: tf.train.adam(params.lr), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });

  const xTrain = tf.tensor2d(data.xTrain, [data.yTrain.length, d]);
  const yTrain = tf.oneHot(tf.tensor1d(data.yTrain, 'int32'), k);
  const xVal = tf.tensor2d(data.xVal, [data.yVal.length, d]);
  const yVal = tf.oneHot(tf.tensor1d(data.yVal, 'int32'), k);
  const order = Array.from(data.yTrain, (_, i) => i);
  const random = mulberry32(params.seed + 1);
  const evaluate = (x: typeof xTrain, y: typeof yTrain): [number, number] =>
    tf.tidy(() => {
      const [loss, acc] = model.evaluate(x, y, { batchSize: 4096 }) as Tf.Scalar[];
      return [loss!.dataSync()[0]!, acc!.dataSync()[0]!];
    });

  let last: Record<string, number> = {};
  for (let epoch = 1; epoch <= params.epochs && !ctx.cancelled(); epoch++) {
    const perm = tf.tensor1d(shuffled(order, random), 'int32');
    const [x, y] = [tf.gather(xTrain, perm), tf.gather(yTrain, perm)];
    await model.fit(x, y, { epochs: 1, batchSize: params.batch_size, shuffle: false, verbose: 0 });
    tf.dispose([perm, x, y]);
    const [loss, accuracy] = evaluate(xTrain, yTrain);
    const [valLoss, valAccuracy] = evaluate(xVal, yVal);
    const values = [loss, accuracy, valLoss, valAccuracy];
    last = Object.fromEntries(EPOCH_KEYS.map((key, i) => [key, values[i]!]));
    const now = Date.now();
    ctx.send({
      type: 'metric',
      keys: EPOCH_KEYS,
      keyIndex: Uint16Array.from([0, 1, 2, 3]),
      step: Float64Array.from(values, () => epoch),
      value: Float64Array.from(values),
      time: Float64Array.from(values, () => now),
    });
    ctx.send({ type: 'progress', fraction: epoch / params.epochs, message: `epoch ${epoch} of ${params.epochs}` });
    // fit() resolves through microtasks only; yield a macrotask so a cancel message can arrive.
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (!ctx.cancelled()) ctx.send({ type: 'result', metrics: last });
}
