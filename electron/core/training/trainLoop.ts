import type * as Tf from '@tensorflow/tfjs';
import { mulberry32, shuffled } from '../../../shared/random.js';
import type { TrainParams } from '../../../shared/domain.js';
import type { PreparedData } from './preprocessing/prepareData.js';
import type { TfModule } from './tfBackend.js';
import { UserError } from '../userError.js';
import { nonFiniteLossMessage } from './runAdvice.js';

export interface EpochReport {
  epoch: number;
  keys: readonly string[];
  values: number[];
}

export interface LoopResult {
  epochs: number;
  bestEpoch: number;
  stoppedEarly: boolean;
  last: Record<string, number>;
}

export const CLASSIFICATION_KEYS = ['loss', 'accuracy', 'val_loss', 'val_accuracy'] as const;
export const REGRESSION_KEYS = ['loss', 'rmse', 'val_loss', 'val_rmse'] as const;

/** Balanced class weights, as sklearn's compute_class_weight('balanced'): n / (k · count). */
export function balancedClassWeights(y: Float64Array, k: number): Record<number, number> {
  const counts = new Array<number>(k).fill(0);
  for (const c of y) counts[c]! += 1;
  return Object.fromEntries(
    counts.map((count, c) => [c, count === 0 ? 1 : y.length / (k * count)]),
  );
}

/** Tensors for one part: inputs, and targets as one-hot classes or the standardised value. */
export function tensorsOf(
  tf: TfModule,
  data: PreparedData,
  part: 'train' | 'val' | 'test',
): { x: Tf.Tensor2D; y: Tf.Tensor2D } {
  const n = data.rows[part];
  const x = tf.tensor2d(data.x[part], [n, data.width]);
  const { spec } = data;
  const y =
    spec.task === 'regression'
      ? tf.tensor2d(
          Float32Array.from(data.y[part], (v) => (v - spec.targetMean) / spec.targetStd),
          [n, 1],
        )
      : (tf
          .oneHot(tf.tensor1d(Int32Array.from(data.y[part]), 'int32'), spec.classes.length)
          .toFloat() as Tf.Tensor2D);
  return { x, y };
}

/**
 * Epochs of seeded-shuffle mini-batch training with early stopping. After each epoch it scores
 * the training and validation parts and hands the figures to `onEpoch`; with `patience` it keeps
 * the best weights seen on `monitor` and restores them when it stops.
 */
export async function trainLoop(
  tf: TfModule,
  model: Tf.LayersModel,
  data: PreparedData,
  params: TrainParams,
  hooks: { onEpoch(report: EpochReport): void | Promise<void>; cancelled(): boolean },
): Promise<LoopResult> {
  const regression = data.spec.task === 'regression';
  const keys = regression ? REGRESSION_KEYS : CLASSIFICATION_KEYS;
  const train = tensorsOf(tf, data, 'train');
  const val = tensorsOf(tf, data, 'val');
  const order = Array.from({ length: data.rows.train }, (_, i) => i);
  const random = mulberry32(params.seed + 1);
  const classWeight =
    !regression && params.class_weight === 'balanced'
      ? balancedClassWeights(data.y.train, data.spec.classes.length)
      : undefined;
  const score = (x: Tf.Tensor2D, y: Tf.Tensor2D): [number, number] =>
    tf.tidy(() => {
      const out = model.evaluate(x, y, { batchSize: 4096 });
      const [loss, acc] = (Array.isArray(out) ? out : [out]).map((t) => t.dataSync()[0]!);
      if (!regression) return [loss!, acc!];
      // The loss is the MSE of the standardised target (plus any penalty): report RMSE in the target's units.
      const mse = tf.losses
        .meanSquaredError(y, model.predict(x, { batchSize: 4096 }) as Tf.Tensor2D)
        .dataSync()[0]!;
      return [loss!, Math.sqrt(mse) * data.spec.targetStd];
    });

  const minimise = params.monitor !== 'val_accuracy';
  let best = minimise ? Infinity : -Infinity;
  let bestEpoch = 0;
  let bestWeights: Tf.Tensor[] | null = null;
  let last: Record<string, number> = {};
  let epoch = 0;
  let stoppedEarly = false;
  try {
    while (epoch < params.epochs && !hooks.cancelled()) {
      epoch++;
      const perm = tf.tensor1d(shuffled(order, random), 'int32');
      const [x, y] = [tf.gather(train.x, perm), tf.gather(train.y, perm)];
      // yieldEvery 'never': fit's default yields to the event loop between batches and halves throughput;
      // the loop yields once per epoch instead, which is where a cancel is checked anyway.
      await model.fit(x, y, {
        epochs: 1,
        batchSize: params.batch_size,
        shuffle: false,
        verbose: 0,
        yieldEvery: 'never',
        ...(classWeight ? { classWeight } : {}),
      });
      tf.dispose([perm, x, y]);
      const [loss, second] = score(train.x, train.y);
      const [valLoss, valSecond] = score(val.x, val.y);
      const values = [loss, second, valLoss, valSecond];
      last = Object.fromEntries(keys.map((k, i) => [k, values[i]!]));
      await hooks.onEpoch({ epoch, keys, values });
      // Like Keras' TerminateOnNaN: NaN weights cannot recover, and a model of them is no use to save.
      if (!Number.isFinite(loss)) throw new UserError(nonFiniteLossMessage(epoch, loss));
      if (params.patience > 0) {
        const current = last[params.monitor]!;
        if (minimise ? current < best : current > best) {
          best = current;
          bestEpoch = epoch;
          tf.dispose(bestWeights ?? []);
          bestWeights = model.getWeights().map((w) => w.clone());
        } else if (epoch - bestEpoch >= params.patience) {
          stoppedEarly = true;
          break;
        }
      } else bestEpoch = epoch;
    }
    if (stoppedEarly && bestWeights) model.setWeights(bestWeights);
  } finally {
    tf.dispose([train.x, train.y, val.x, val.y, ...(bestWeights ?? [])]);
  }
  return { epochs: epoch, bestEpoch, stoppedEarly, last };
}
