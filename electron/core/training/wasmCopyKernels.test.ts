import type * as Tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32, shuffled } from '../../../shared/random.js';
import { loadTf, type TfModule } from './tfBackend.js';
import { setWasmCopyKernels, transposeMatrices } from './wasmCopyKernels.js';

let tf: TfModule;
beforeAll(async () => {
  ({ tf } = await loadTf('wasm'));
  // A dependency of the app: were it missing, this would test nothing.
  expect(tf.getBackend()).toBe('wasm');
});

const random = mulberry32(5);
const tensor = (shape: number[], dtype: 'float32' | 'int32' = 'float32'): Tf.Tensor =>
  dtype === 'int32'
    ? tf.tensor(
        Int32Array.from(
          { length: shape.reduce((a, b) => a * b, 1) },
          () => Math.floor(random() * 1e6) - 5e5,
        ),
        shape,
        'int32',
      )
    : tf.tensor(
        Float32Array.from(
          { length: shape.reduce((a, b) => a * b, 1) },
          () => (random() * 2 - 1) * 10 ** Math.floor(random() * 6 - 3),
        ),
        shape,
      );

/** The op's shape and values with tfjs's own kernels, then with ours. */
function both(op: () => Tf.Tensor): { stock: [number[], number[]]; fast: [number[], number[]] } {
  const run = (mode: 'fast' | 'stock'): [number[], number[]] => {
    setWasmCopyKernels(tf, mode);
    const out = op();
    const result: [number[], number[]] = [out.shape, Array.from(out.dataSync())];
    out.dispose();
    return result;
  };
  try {
    return { stock: run('stock'), fast: run('fast') };
  } finally {
    setWasmCopyKernels(tf, 'fast');
  }
}

describe('wasm copy kernels', () => {
  it('gathers the same rows as tfjs, bit for bit (runs, shuffles, repeats, int32, rank 3)', () => {
    const x = tensor([300, 20]);
    const x3 = tensor([50, 4, 3]);
    const xi = tensor([40, 5], 'int32');
    const cases: [Tf.Tensor, number[]][] = [
      [x, Array.from({ length: 256 }, (_, i) => i + 7)],
      [
        x,
        shuffled(
          Array.from({ length: 300 }, (_, i) => i),
          random,
        ),
      ],
      [x, [3, 3, 4, 5, 299, 0, 1]],
      [x3, [49, 0, 1, 2, 10]],
      [xi, [39, 1, 2, 0]],
    ];
    for (const [input, idx] of cases) {
      const indices = tf.tensor1d(idx, 'int32');
      const { stock, fast } = both(() => tf.gather(input, indices));
      expect(fast).toEqual(stock);
      indices.dispose();
    }
    const { stock, fast } = both(() =>
      tf.gather(
        x3,
        tf.tensor2d(
          [
            [1, 2],
            [3, 0],
          ],
          [2, 2],
          'int32',
        ),
        1,
      ),
    );
    expect(fast).toEqual(stock); // another axis: tfjs's kernel
    tf.dispose([x, x3, xi]);
  });

  it('rejects an index out of range as tfjs does', () => {
    const x = tensor([4, 2]);
    const indices = tf.tensor1d([0, 4], 'int32');
    expect(() => tf.gather(x, indices)).toThrow(/index value 4 is not in \[0, 3\]/);
    tf.dispose([x, indices]);
  });

  it('sums down the rows as tfjs does, bit for bit', () => {
    const x = tensor([256, 64]);
    const x3 = tensor([7, 9, 5]);
    for (const [input, axis, keepDims] of [
      [x, 0, false],
      [x, -2, true],
      [x3, [0, 1], false],
      [x3, [0, 1], true],
      [x3, [1, 0], true], // listed out of order: tfjs's kernel
      [x3, 0, false],
      [x3, 2, false], // an inner axis: tfjs's kernel
      [x, [0, 1], false], // every axis: tfjs's kernel
    ] as const) {
      const { stock, fast } = both(() => tf.sum(input, axis as number | number[], keepDims));
      expect(fast).toEqual(stock);
    }
    tf.dispose([x, x3]);
  });

  it('turns matrices over as tf.transpose does', () => {
    for (const shape of [
      [256, 64],
      [3, 5, 7],
      [1, 9],
    ]) {
      const x = tensor(shape);
      const r = shape.length;
      const perm = [...Array.from({ length: r - 2 }, (_, i) => i), r - 1, r - 2];
      const ref = tf.transpose(x, perm);
      const info = transposeMatrices(tf.backend(), x);
      const out = tf.engine().makeTensorFromTensorInfo(info);
      expect(out.shape).toEqual(ref.shape);
      expect(Array.from(out.dataSync())).toEqual(Array.from(ref.dataSync()));
      tf.dispose([x, ref, out]);
    }
  });
});
