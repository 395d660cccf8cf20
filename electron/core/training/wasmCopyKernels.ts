import type { KernelBackend, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { TfModule } from './tfModule.js';

/**
 * tfjs-backend-wasm's Gather, Transpose and column Sum walk every element through generic
 * N-d stride arithmetic; a training step of a small MLP spent about a fifth of its time in them.
 * The cases training uses are plain copies (a batch of rows; a matrix turned over) or a sum down
 * the rows, so these do them in JS on the backend's heap: the same values in the same order, the
 * same bits. Anything else goes to tfjs's own kernel.
 */
interface WasmHeap extends KernelBackend {
  makeOutput(shape: number[], dtype: TensorInfo['dtype']): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array | Int32Array | Uint8Array;
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const NUMERIC = new Set(['float32', 'int32']);

/** rows × cols → cols × rows (of each matrix in a batch when `batch` > 1), as a new tensor. */
export function transposeMatrices(backend: KernelBackend, t: TensorInfo): TensorInfo {
  const heap = backend as WasmHeap;
  const r = t.shape.length;
  const [rows, cols] = [t.shape[r - 2]!, t.shape[r - 1]!];
  const batch = size(t.shape) / (rows * cols || 1);
  const out = heap.makeOutput([...t.shape.slice(0, r - 2), cols, rows], t.dtype);
  const src = heap.typedArrayFromHeap(t);
  const dst = heap.typedArrayFromHeap(out);
  for (let b = 0; b < batch; b++) {
    const o = b * rows * cols;
    for (let i = 0; i < rows; i++) {
      const from = o + i * cols;
      for (let j = 0; j < cols; j++) dst[o + j * rows + i] = src[from + j]!;
    }
  }
  return out;
}

function fastGather(stock: KernelFunc): KernelFunc {
  return (args) => {
    const { x, indices } = args.inputs as { x: TensorInfo; indices: TensorInfo };
    const { axis, batchDims } = args.attrs as { axis: number; batchDims: number };
    const ax = axis < 0 ? axis + x.shape.length : axis;
    if (ax !== 0 || batchDims !== 0 || !NUMERIC.has(x.dtype) || indices.dtype !== 'int32') {
      return stock(args);
    }
    const heap = args.backend as WasmHeap;
    const n = x.shape[0]!;
    const width = size(x.shape.slice(1));
    const count = size(indices.shape);
    for (const index of heap.typedArrayFromHeap(indices)) {
      if (!(index >= 0 && index <= n - 1)) {
        throw new Error(`GatherV2: the index value ${index} is not in [0, ${n - 1}]`);
      }
    }
    const out = heap.makeOutput([...indices.shape, ...x.shape.slice(1)], x.dtype);
    const [src, at, dst] = [x, indices, out].map((t) => heap.typedArrayFromHeap(t));
    // Runs of consecutive indices (a batch of an unshuffled or pre-shuffled set) copy as one block.
    for (let i = 0; i < count;) {
      const start = at![i]!;
      let j = i + 1;
      while (j < count && at![j] === at![j - 1]! + 1) j++;
      dst!.set(src!.subarray(start * width, (start + j - i) * width), i * width);
      i = j;
    }
    return out;
  };
}

function fastSum(stock: KernelFunc): KernelFunc {
  return (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    const { axis, keepDims } = args.attrs as { axis: number | number[]; keepDims: boolean };
    const rank = x.shape.length;
    const axes = (Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? a + rank : a));
    // Leading axes in order, not all of them: a sum down the rows of a rows × cols view. (Listed
    // out of order, tfjs adds in another order: its kernel then.)
    const leading = axes.length > 0 && axes.length < rank && axes.every((a, i) => a === i);
    if (!leading || x.dtype !== 'float32') return stock(args);
    const heap = args.backend as WasmHeap;
    const rows = size(x.shape.slice(0, axes.length));
    const rest = x.shape.slice(axes.length);
    const cols = size(rest);
    const out = heap.makeOutput(keepDims ? [...axes.map(() => 1), ...rest] : rest, 'float32');
    const src = heap.typedArrayFromHeap(x);
    const dst = heap.typedArrayFromHeap(out);
    // tfjs turns the input over and adds each column from the top in float32; so does this.
    const f = Math.fround;
    for (let c = 0; c < cols; c++) {
      let acc = 0;
      for (let r = 0; r < rows; r++) acc = f(acc + src[r * cols + c]!);
      dst[c] = acc;
    }
    return out;
  };
}

/** The stock kernel behind each wrapper this module registered. */
const stockOf = new WeakMap<KernelConfig, KernelConfig>();

/** 'fast' puts the JS copies in front of tfjs's Gather and Sum on WASM; 'stock' takes them out. */
export function setWasmCopyKernels(tf: TfModule, mode: 'fast' | 'stock'): void {
  for (const [name, wrap] of [
    ['GatherV2', fastGather],
    ['Sum', fastSum],
  ] as const) {
    const current = tf.getKernel(name, 'wasm');
    if (!current) continue;
    const stock = stockOf.get(current);
    if (mode === 'stock' ? !stock : stock) continue;
    const next: KernelConfig =
      mode === 'stock' ? stock! : { ...current, kernelFunc: wrap(current.kernelFunc) };
    if (mode === 'fast') stockOf.set(next, current);
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel(next);
  }
}
