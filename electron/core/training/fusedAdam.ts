import type * as Tf from '@tensorflow/tfjs';
import type { KernelFunc, NamedTensorMap, TensorInfo } from '@tensorflow/tfjs';
import type { TfModule } from './tfBackend.js';

/**
 * tfjs's AdamOptimizer runs 14 kernels per variable per step (mul, add, square, div, sqrt …), and
 * on WASM each kernel costs 10–30 µs of dispatch against a few hundred floats of work: for an MLP
 * that was half the kernels of a training step. This does one variable's whole update in one
 * kernel, in plain JS on the backend's heap. Every operation is rounded to float32 in the order
 * tfjs's Adam does it (an op on two float32 values computed in float64 and rounded once is the
 * correctly rounded float32 result), so the weights come out bit for bit as tfjs's own.
 */
export const ADAM_UPDATE = 'BenchtopAdamUpdate';

const f = Math.fround;

interface AdamAttrs {
  beta1: number;
  beta2: number;
  oneMinusAccBeta1: number;
  oneMinusAccBeta2: number;
  epsilon: number;
  learningRate: number;
}

interface WasmHeap {
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array;
}

const adamUpdate: KernelFunc = ({ inputs, backend, attrs }) => {
  const heap = backend as unknown as WasmHeap;
  const { value, m, v, grad } = inputs as Record<'value' | 'm' | 'v' | 'grad', TensorInfo>;
  const a = attrs as unknown as AdamAttrs;
  // Every output first: an allocation may grow the heap and detach views taken before it.
  const outs = [value, m, v].map((t) => heap.makeOutput(t.shape, 'float32'));
  const [w, m0, v0, g, w1, m1, v1] = [value, m, v, grad, ...outs].map((t) =>
    heap.typedArrayFromHeap(t),
  ) as Float32Array[];
  const b1 = f(a.beta1);
  const b2 = f(a.beta2);
  const c1 = f(1 - a.beta1);
  const c2 = f(1 - a.beta2);
  const d1 = f(a.oneMinusAccBeta1);
  const d2 = f(a.oneMinusAccBeta2);
  const eps = f(a.epsilon);
  const step = f(-a.learningRate);
  for (let i = 0; i < w!.length; i++) {
    const gi = g![i]!;
    const mi = f(f(m0![i]! * b1) + f(gi * c1));
    const vi = f(f(v0![i]! * b2) + f(f(gi * gi) * c2));
    const mHat = f(mi / d1);
    const vHat = f(vi / d2);
    m1![i] = mi;
    v1![i] = vi;
    w1![i] = f(f(f(mHat / f(f(Math.sqrt(vHat)) + eps)) * step) + w![i]!);
  }
  return outs;
};

/** Registers the fused update for the WASM backend (once per tfjs instance). */
export function registerAdamUpdate(tf: TfModule): void {
  if (!tf.getKernel(ADAM_UPDATE, 'wasm')) {
    tf.registerKernel({ kernelName: ADAM_UPDATE, backendName: 'wasm', kernelFunc: adamUpdate });
  }
}

/** What AdamOptimizer keeps to itself that the fused step reads and writes, as tfjs does. */
interface AdamState {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  accBeta1: Tf.Variable;
  accBeta2: Tf.Variable;
  accumulatedFirstMoment: { originalName: string; variable: Tf.Variable }[];
  accumulatedSecondMoment: { originalName: string; variable: Tf.Variable }[];
  incrementIterations(): void;
}

/**
 * tf.train.adam, whose step uses the fused kernel when the backend has it (WASM); other backends
 * keep tfjs's own step. Its state (moments, beta powers, iterations) is tfjs's, so saving and
 * restoring optimizer weights is unchanged.
 */
export function adam(tf: TfModule, learningRate: number): Tf.AdamOptimizer {
  const optimizer = tf.train.adam(learningRate);
  if (tf.getBackend() !== 'wasm') return optimizer;
  registerAdamUpdate(tf);
  const s = optimizer as unknown as AdamState;
  optimizer.applyGradients = (
    variableGradients: NamedTensorMap | { name: string; tensor: Tf.Tensor }[],
  ) => {
    const list = Array.isArray(variableGradients)
      ? variableGradients
      : Object.entries(variableGradients).map(([name, tensor]) => ({ name, tensor }));
    const [acc1, acc2] = [s.accBeta1.dataSync()[0]!, s.accBeta2.dataSync()[0]!];
    tf.tidy(() => {
      const attrs: AdamAttrs = {
        beta1: s.beta1,
        beta2: s.beta2,
        oneMinusAccBeta1: f(1 - acc1),
        oneMinusAccBeta2: f(1 - acc2),
        epsilon: s.epsilon,
        learningRate: s.learningRate,
      };
      list.forEach(({ name, tensor: grad }, i) => {
        const value = tf.engine().registeredVariables[name]!;
        const moment = (suffix: string) => ({
          originalName: `${name}/${suffix}`,
          variable: tf.tidy(() => tf.zerosLike(value).variable(false)),
        });
        s.accumulatedFirstMoment[i] ??= moment('m');
        s.accumulatedSecondMoment[i] ??= moment('v');
        if (grad == null) return;
        const m = s.accumulatedFirstMoment[i].variable;
        const v = s.accumulatedSecondMoment[i].variable;
        const [w1, m1, v1] = tf
          .engine()
          .runKernel(ADAM_UPDATE, { value, m, v, grad }, { ...attrs }) as Tf.Tensor[];
        m.assign(m1!);
        v.assign(v1!);
        value.assign(w1!);
      });
      s.accBeta1.assign(tf.scalar(f(acc1 * f(s.beta1))));
      s.accBeta2.assign(tf.scalar(f(acc2 * f(s.beta2))));
    });
    s.incrementIterations();
  };
  return optimizer;
}
