import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { entryFile, fromSource } from '../appPaths.js';
import type { ReadWorkerData } from './readProtocol.js';

/**
 * Starts readWorker in a thread. Built it is plain JavaScript (serve, the desktop app, the CLI); from
 * source (tests, benches under tsx) it is TypeScript, so the thread first registers tsx's loader:
 * a worker's own `--import tsx` runs too late for its entry module.
 */
export function spawnReadWorker(data: ReadWorkerData): Worker {
  const entry = pathToFileURL(entryFile('core/reads/readWorker'));
  if (!fromSource) return new Worker(entry, { workerData: data });
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => {
    tsx.register();
    return import(${JSON.stringify(entry.href)});
  });`;
  return new Worker(boot, { eval: true, workerData: data });
}
