import type * as Tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../shared/random.js';
import { loadTf, type TfModule } from './tfBackend.js';
import { setWasmMatMul } from './wasmMatMul.js';

let tf: TfModule;
beforeAll(async () => {
  ({ tf } = await loadTf('wasm'));
  // A dependency of the app: were it missing, this would test nothing.
  expect(tf.getBackend()).toBe('wasm');
});

const random = mulberry32(3);
const tensor = (shape: number[]): Tf.Tensor =>
  tf.tensor(
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => random() * 2 - 1),
    shape,
  );

/** a·b with each transpose combination, under the given kernel. */
function products(mode: 'fast' | 'stock', a: Tf.Tensor, b: Tf.Tensor): Float32Array[] {
  setWasmMatMul(tf, mode);
  try {
    return [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ].map(([ta, tb]) => {
      const x = ta ? tf.transpose(a, a.rank === 3 ? [0, 2, 1] : [1, 0]) : a;
      const y = tb ? tf.transpose(b, b.rank === 3 ? [0, 2, 1] : [1, 0]) : b;
      // Transposed copies in, so each product asks for the transpose again: same maths, other path.
      const out = tf.matMul(x, y, ta, tb).dataSync() as Float32Array;
      if (ta) x.dispose();
      if (tb) y.dispose();
      return out;
    });
  } finally {
    setWasmMatMul(tf, 'fast');
  }
}

describe('setWasmMatMul', () => {
  it.each([
    ['matrices', [37, 20], [20, 64]],
    ['batches', [3, 9, 5], [3, 5, 7]],
  ])('gives the stock kernel’s products for every transpose (%s)', (_label, sa, sb) => {
    const [a, b] = [tensor(sa), tensor(sb)];
    const fast = products('fast', a, b);
    const stock = products('stock', a, b);
    for (let i = 0; i < fast.length; i++) {
      expect(fast[i]!.length).toBe(stock[i]!.length);
      fast[i]!.forEach((v, j) => expect(v).toBeCloseTo(stock[i]![j]!, 4));
    }
    // Deterministic: the same inputs give the same bits.
    expect(products('fast', a, b)).toEqual(fast);
    tf.dispose([a, b]);
  });

  it('leaves no tensor or WASM buffer behind, and wraps the kernel once', () => {
    setWasmMatMul(tf, 'fast');
    setWasmMatMul(tf, 'fast');
    const [a, b] = [tensor([16, 8]), tensor([16, 4])];
    const before = tf.memory().numTensors;
    const buffers = tf.engine().backend.numDataIds();
    const grads = tf.grads((x: Tf.Tensor, y: Tf.Tensor) => tf.matMul(x, y, true, false).sum());
    tf.dispose(grads([a, b]));
    tf.dispose(tf.matMul(a, b, true, false));
    expect(tf.memory().numTensors).toBe(before);
    expect(tf.engine().backend.numDataIds()).toBe(buffers);
    tf.dispose([a, b]);
  });
});
