/**
 * The read worker: a thread of main's process with its own read-only connection, answering the
 * routed reads (readProtocol.ts) as JSON bytes, and checkpointing main's WAL every second.
 * Started by spawnReadWorker.ts; never imported by main's own code.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { api } from '../../../shared/api.js';
import { stringifyKeepingNonFinite } from '../../../shared/nonFiniteJson.js';
import { checkOutput, outputChecksOn } from '../outputCheck.js';
import { openReadStore, openWalCheckpointer } from '../store/readStore.js';
import { isUserError, oneLine } from '../userError.js';
import { createReadHandlers } from './readHandlers.js';
import type { FromReadWorker, ReadWorkerData, ToReadWorker } from './readProtocol.js';

const port = parentPort!;
const data = workerData as ReadWorkerData;
const send = (message: FromReadWorker, transfer: ArrayBuffer[] = []) =>
  port.postMessage(message, transfer);

const store = openReadStore(data.dbFile, { nativeBinding: data.nativeBinding });
const checkpointer = openWalCheckpointer(data.dbFile, { nativeBinding: data.nativeBinding });
const handlers = createReadHandlers(store);
const checkOutputs = outputChecksOn();
const encoder = new TextEncoder();

const checkpoint = () => {
  try {
    checkpointer.checkpoint();
  } catch {
    // Busy or interrupted: the next tick tries again, and main checkpoints itself after stop.
  }
};
const timer = setInterval(checkpoint, data.checkpointEveryMs);

function answer(message: Extract<ToReadWorker, { type: 'read' }>): void {
  const { seq, method, input } = message;
  try {
    const output = (handlers[method] as (input: unknown) => unknown)(input);
    if (checkOutputs) checkOutput(method, api[method].output, output);
    const json = encoder.encode(stringifyKeepingNonFinite(output));
    send({ type: 'answer', seq, json }, [json.buffer as ArrayBuffer]);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    send({
      type: 'failed',
      seq,
      message: isUserError(e) ? e.message : oneLine(e),
      user: isUserError(e),
      code: typeof code === 'string' ? code : undefined,
    });
  }
}

port.on('message', (message: ToReadWorker) => {
  if (message.type === 'read') return answer(message);
  clearInterval(timer);
  checkpoint(); // what main wrote last is in the database file before main takes checkpoints back
  checkpointer.close();
  store.close();
  send({ type: 'stopped' });
  port.close();
});
send({ type: 'ready' });
