import { parentPort } from 'node:worker_threads';
import { isUserError } from '../userError.js';
import { runNumericColumnTask } from './numericColumnTask.js';
import type { ToColumnWorker, FromColumnWorker } from './numericColumnPool.js';

/** A worker thread of the numeric column pool: tests the columns it is given, one at a time. */
parentPort?.on('message', (message: ToColumnWorker) => {
  let reply: FromColumnWorker;
  try {
    reply = { index: message.index, result: runNumericColumnTask(message.task) };
  } catch (e) {
    reply = {
      index: message.index,
      error: { message: e instanceof Error ? e.message : String(e), user: isUserError(e) },
    };
  }
  parentPort?.postMessage(reply);
});
