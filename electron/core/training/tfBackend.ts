import type { TfModule } from './tfModule.js';
import { setWasmCopyKernels } from './wasmCopyKernels.js';
import { setWasmMatMul } from './wasmMatMul.js';

export type { TfModule };
export interface LoadedTf {
  tf: TfModule;
  backend: 'tensorflow' | 'wasm' | 'cpu';
}

// A variable specifier: tfjs-node is optional and usually absent, so the type-checker must not require it.
const TFJS_NODE = '@tensorflow/tfjs-node';

/**
 * tfjs-node (native libtensorflow) where it loads, else WASM, else the pure-JS CPU backend.
 * BENCHTOP_TF_BACKEND=wasm|cpu skips the faster ones (for comparing backends).
 */
export async function loadTf(prefer = process.env.BENCHTOP_TF_BACKEND): Promise<LoadedTf> {
  if (!prefer || prefer === 'tensorflow') {
    try {
      const tf = (await import(TFJS_NODE)) as TfModule;
      await tf.ready();
      return { tf, backend: 'tensorflow' };
    } catch {
      // not installed or libtensorflow missing: fall through
    }
  }
  const tf = await import('@tensorflow/tfjs');
  if (prefer !== 'cpu') {
    try {
      await import('@tensorflow/tfjs-backend-wasm');
      if (await tf.setBackend('wasm')) {
        await tf.ready();
        setWasmMatMul(tf, 'fast');
        setWasmCopyKernels(tf, 'fast');
        return { tf, backend: 'wasm' };
      }
    } catch {
      // WASM unavailable: fall through to CPU
    }
  }
  await tf.setBackend('cpu');
  await tf.ready();
  return { tf, backend: 'cpu' };
}
