import { Worker } from 'node:worker_threads';
import type { ReadWorkerData } from './readProtocol.js';

/**
 * Starts readWorker in a thread. From dist it is plain JavaScript (serve, the desktop app); from
 * source (tests, benches under tsx) it is TypeScript, so the thread first registers tsx's loader:
 * a worker's own `--import tsx` runs too late for its entry module.
 */
export function spawnReadWorker(data: ReadWorkerData): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? './readWorker.ts' : './readWorker.js', import.meta.url);
  if (!fromSource) return new Worker(entry, { workerData: data });
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => {
    tsx.register();
    return import(${JSON.stringify(entry.href)});
  });`;
  return new Worker(boot, { eval: true, workerData: data });
}
