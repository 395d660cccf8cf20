import type * as Tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../shared/random.js';
import { adam } from './fusedAdam.js';
import { loadTf, type TfModule } from './tfBackend.js';

let tf: TfModule;
beforeAll(async () => {
  ({ tf } = await loadTf('wasm'));
  // A dependency of the app: were it missing, this would test nothing.
  expect(tf.getBackend()).toBe('wasm');
});

const SHAPES = [[20, 64], [64], [64, 64], [64, 1], [1]];

/** Runs `steps` updates of seeded random gradients (of varied scale) on fresh variables. */
function train(optimizer: Tf.Optimizer, steps: number): Float32Array[] {
  const random = mulberry32(11);
  const draw = (shape: number[], scale: number) =>
    tf.tensor(
      Float32Array.from(
        { length: shape.reduce((a, b) => a * b, 1) },
        () => (random() * 2 - 1) * scale,
      ),
      shape,
    );
  const vars = SHAPES.map((shape, i) =>
    tf.tidy(() => tf.variable(draw(shape, 1), true, `w${i}_${Math.random()}`)),
  );
  for (let step = 0; step < steps; step++) {
    const scale = 10 ** (Math.floor(random() * 8) - 5);
    const grads = vars.map((v) => ({ name: v.name, tensor: draw(v.shape, scale) }));
    optimizer.applyGradients(
      step % 2 ? grads : Object.fromEntries(grads.map((g) => [g.name, g.tensor])),
    );
    tf.dispose(grads.map((g) => g.tensor));
  }
  const out = vars.map((v) => v.dataSync() as Float32Array);
  tf.dispose(vars);
  return out;
}

describe('fused adam (WASM)', () => {
  it('matches tfjs AdamOptimizer over several steps, and leaks no more tensors than it', () => {
    const kept = (run: () => Tf.Optimizer): [Float32Array[], number] => {
      const before = tf.memory().numTensors;
      const optimizer = run();
      const weights = train(optimizer, 25);
      optimizer.dispose();
      return [weights, tf.memory().numTensors - before];
    };
    const [stock, stockLeft] = kept(() => tf.train.adam(0.01));
    const [ours, oursLeft] = kept(() => adam(tf, 0.01));
    expect(oursLeft).toBe(stockLeft);
    for (const [i, w] of ours.entries()) {
      const ref = stock[i]!;
      expect(w.length).toBe(ref.length);
      for (let j = 0; j < w.length; j++) {
        expect(Math.abs(w[j]! - ref[j]!)).toBeLessThanOrEqual(1e-6 * Math.abs(ref[j]!));
      }
    }
    // Same float32 operations in the same order: not merely close, the same bits.
    expect(ours.map((w) => Array.from(w))).toEqual(stock.map((w) => Array.from(w)));
  });

  it('keeps tfjs state: iterations, moments and beta powers', () => {
    const fused = adam(tf, 0.01);
    const ref = tf.train.adam(0.01);
    train(fused, 3);
    train(ref, 3);
    expect(fused.iterations).toBe(3);
    const state = (o: Tf.Optimizer) => {
      const s = o as unknown as Record<'accBeta1' | 'accBeta2', Tf.Variable>;
      return [s.accBeta1.dataSync()[0], s.accBeta2.dataSync()[0]];
    };
    expect(state(fused)).toEqual(state(ref));
    fused.dispose();
    ref.dispose();
  });

  it('runs one kernel per variable per step instead of tfjs’s fourteen', async () => {
    const kernels = async (optimizer: Tf.Optimizer) => {
      train(optimizer, 1); // moments are created on the first step
      const info = await tf.profile(() => void train(optimizer, 1));
      optimizer.dispose();
      return info.kernels.filter((k) => k.name !== 'Identity').length;
    };
    expect(await kernels(adam(tf, 0.01))).toBe(SHAPES.length);
    expect(await kernels(tf.train.adam(0.01))).toBe(14 * SHAPES.length + 4);
  });
});
