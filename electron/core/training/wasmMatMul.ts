import type { KernelBackend, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { TfModule } from './tfModule.js';
import { transposeMatrices } from './wasmCopyKernels.js';

/**
 * tfjs-backend-wasm sends a product with a transposed operand to a slow loop (here 1.2 ms for
 * 256×64 · 64×64, against 0.3 ms to transpose and then multiply, which goes to XNNPACK). Every
 * Dense layer's backward pass asks for two such products, so training spent most of its time in
 * them. 'fast' wraps the wasm BatchMatMul kernel to transpose first; 'stock' puts tfjs's back
 * (for the benchmark's before/after). Deterministic either way: same inputs, same bits.
 */
export function setWasmMatMul(tf: TfModule, mode: 'fast' | 'stock'): void {
  const current = tf.getKernel('BatchMatMul', 'wasm');
  if (!current) return;
  const stock = stockOf.get(current);
  if (mode === 'stock') {
    if (stock) replace(tf, stock);
    return;
  }
  if (stock) return;
  const kernelFunc: KernelFunc = (args) => {
    const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
    if (!transposeA && !transposeB) return current.kernelFunc(args);
    const { backend } = args;
    const swapped: TensorInfo[] = [];
    const swap = (t: TensorInfo): TensorInfo => {
      // In JS: tfjs's wasm Transpose is a generic N-d loop, several times slower for a matrix.
      const out = transposeMatrices(backend as KernelBackend, t);
      swapped.push(out);
      return out;
    };
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    try {
      return current.kernelFunc({
        inputs: { a: transposeA ? swap(a) : a, b: transposeB ? swap(b) : b },
        backend,
        attrs: { ...args.attrs, transposeA: false, transposeB: false },
      });
    } finally {
      for (const t of swapped) (backend as KernelBackend).disposeData(t.dataId);
    }
  };
  const fast: KernelConfig = { ...current, kernelFunc };
  stockOf.set(fast, current);
  replace(tf, fast);
}

/** The stock kernel behind each wrapper this module registered. */
const stockOf = new WeakMap<KernelConfig, KernelConfig>();

function replace(tf: TfModule, config: KernelConfig): void {
  tf.unregisterKernel(config.kernelName, config.backendName);
  tf.registerKernel(config);
}
