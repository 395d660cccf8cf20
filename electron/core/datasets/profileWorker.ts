import { parentPort } from 'node:worker_threads';
import { isUserError } from '../userError.js';
import { profileColumn } from './profileColumns.js';
import type { FromProfileWorker, ToProfileWorker } from './profileThread.js';

/** The profile thread (profileThread.ts): profiles the numeric columns it is given, one at a time. */
parentPort?.on('message', ({ id, column }: ToProfileWorker) => {
  let reply: FromProfileWorker;
  try {
    const warnings: string[] = [];
    reply = { id, profile: profileColumn(column, warnings), warnings };
  } catch (e) {
    reply = {
      id,
      error: { message: e instanceof Error ? e.message : String(e), user: isUserError(e) },
    };
  }
  parentPort?.postMessage(reply);
});
