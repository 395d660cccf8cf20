import type * as Tf from '@tensorflow/tfjs';
import type { ModelKind, Task, TrainParams } from '../../../../shared/domain.js';
import { adam } from '../fusedAdam.js';
import type { TfModule } from '../tfBackend.js';

export const parseHidden = (hidden: string): number[] =>
  hidden.split(',').map((u) => Number(u.trim()));

function optimizer(tf: TfModule, params: TrainParams): Tf.Optimizer {
  switch (params.optimizer) {
    case 'sgd':
      return tf.train.sgd(params.lr);
    case 'rmsprop':
      return tf.train.rmsprop(params.lr);
    case 'adam':
      return adam(tf, params.lr);
  }
}

function regularizer(
  tf: TfModule,
  l1: number,
  l2: number,
): ReturnType<TfModule['regularizers']['l1l2']> | undefined {
  if (l1 === 0 && l2 === 0) return undefined;
  return tf.regularizers.l1l2({ l1, l2 });
}

/**
 * The three model kinds as Keras-style layer stacks, compiled. Classification ends in a softmax over
 * the classes (binary too: two columns, one per class); regression in one linear unit. Logistic
 * and linear models start from zero weights; MLP layers use Glorot initialisation seeded from `seed`.
 */
export function buildModel(
  tf: TfModule,
  kind: ModelKind,
  task: Task,
  inputs: number,
  classes: number,
  params: TrainParams,
): Tf.LayersModel {
  const classify = task !== 'regression';
  const units = classify ? classes : 1;
  const activation = classify ? 'softmax' : 'linear';
  const kernelRegularizer = regularizer(tf, params.l1, params.l2);
  const model = tf.sequential();
  if (kind === 'mlp') {
    parseHidden(params.hidden).forEach((size, i) => {
      model.add(
        tf.layers.dense({
          units: size,
          activation: params.activation,
          kernelInitializer: tf.initializers.glorotUniform({ seed: params.seed + i }),
          biasInitializer: 'zeros',
          ...(kernelRegularizer ? { kernelRegularizer } : {}),
          ...(i === 0 ? { inputShape: [inputs] } : {}),
        }),
      );
      // No layer seed: a seeded layer reuses one mask for every batch. The job seeds Math.random instead.
      if (params.dropout > 0) model.add(tf.layers.dropout({ rate: params.dropout }));
    });
    model.add(
      tf.layers.dense({
        units,
        activation,
        kernelInitializer: tf.initializers.glorotUniform({ seed: params.seed + 1000 }),
        biasInitializer: 'zeros',
      }),
    );
  } else {
    model.add(
      tf.layers.dense({
        units,
        inputShape: [inputs],
        activation,
        kernelInitializer: 'zeros',
        biasInitializer: 'zeros',
        ...(kernelRegularizer ? { kernelRegularizer } : {}),
      }),
    );
  }
  model.compile({
    optimizer: optimizer(tf, params),
    loss: classify ? 'categoricalCrossentropy' : 'meanSquaredError',
    ...(classify ? { metrics: ['accuracy'] } : {}),
  });
  return model;
}
