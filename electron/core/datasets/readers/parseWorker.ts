import { parentPort } from 'node:worker_threads';
import { BlockRows } from './parseBlock.js';
import type { FromParseWorker, ToParseWorker } from './parseThread.js';

/** The parse thread (parseThread.ts): scans the blocks of the read-ahead ring it is given. */
parentPort?.postMessage('ready');
parentPort?.on('message', (m: ToParseWorker) => {
  let reply: FromParseWorker;
  try {
    const rows = new BlockRows(m.columns, m.delimiter, m.capacity, m.reuse);
    const block = rows.parse(Buffer.from(m.ring, m.offset, m.length));
    reply = { id: m.id, block };
  } catch (e) {
    reply = { id: m.id, error: e instanceof Error ? e.message : String(e) };
  }
  const moved =
    'block' in reply
      ? [
          ...reply.block.columns.map((c) => c.buffer),
          reply.block.other.buffer,
          reply.block.lineStarts.buffer,
        ]
      : [];
  parentPort?.postMessage(reply, moved as ArrayBuffer[]);
});
