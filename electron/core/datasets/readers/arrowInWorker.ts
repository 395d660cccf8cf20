import { Worker } from 'node:worker_threads';
import { UserError } from '../../userError.js';

export interface DecodedArrow {
  names: string[];
  rows: number;
  /** Per column, one plain value per row (nested values already as JSON text). */
  columns: unknown[][];
}

/**
 * apache-arrow can loop without end on some damaged files (found by readers.fuzz.test.ts), and a
 * synchronous loop cannot be interrupted where it runs. So Arrow is decoded in a worker thread
 * that is stopped when it takes longer than a generous bound for its size.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const text = (x) => JSON.stringify(x, (_k, y) => (typeof y === 'bigint' ? Number(y) : y));
import(workerData.arrowUrl).then(({ tableFromIPC }) => {
  try {
    const table = tableFromIPC(new Uint8Array(workerData.bytes));
    const names = table.schema.fields.map((f) => f.name);
    const columns = names.map((_, c) => {
      const vector = table.getChildAt(c);
      const out = new Array(table.numRows);
      for (let i = 0; i < table.numRows; i++) {
        const x = vector ? vector.get(i) : null;
        out[i] = x !== null && typeof x === 'object' && !(x instanceof Date) ? text(x) : x;
      }
      return out;
    });
    parentPort.postMessage({ names, rows: table.numRows, columns });
  } catch (e) {
    parentPort.postMessage({ error: e instanceof RangeError ? 'values nested too deeply' : String((e && e.message) || e) });
  }
}, (e) => parentPort.postMessage({ error: 'cannot load apache-arrow: ' + e.message }));
`;

/** How long an Arrow file of this size may take to decode before it is called damaged. */
export const arrowDeadlineMs = (bytes: number): number =>
  5_000 + Math.ceil(bytes / (1 << 20)) * 2_000;

export function decodeArrowInWorker(
  bytes: Uint8Array,
  fileName: string,
  deadlineMs = arrowDeadlineMs(bytes.byteLength),
): Promise<DecodedArrow> {
  const copy = new Uint8Array(bytes).buffer; // a copy of just these bytes (a Buffer may view a shared pool)
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { arrowUrl: import.meta.resolve('apache-arrow'), bytes: copy },
    transferList: [copy],
  });
  const invalid = (why: string) =>
    new UserError(`${fileName} is not a valid Arrow IPC file (${why})`);
  return new Promise<DecodedArrow>((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(invalid(`reading it did not finish within ${Math.round(deadlineMs / 1000)} s`));
    }, deadlineMs);
    worker.once('message', (reply: DecodedArrow | { error: string }) => {
      clearTimeout(timer);
      void worker.terminate();
      if ('error' in reply) reject(invalid(reply.error.split('\n')[0] ?? 'damaged'));
      else resolve(reply);
    });
    worker.once('error', (e) => {
      clearTimeout(timer);
      reject(invalid(e.message.split('\n')[0] ?? 'damaged'));
    });
  });
}
