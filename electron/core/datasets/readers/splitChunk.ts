import type { TableBuilder } from '../tableBuilder.js';
import type { ByteRows } from './byteRows.js';
import { commitBlock, type ParsedBlock } from './parseBlock.js';
import type { ParseThread } from './parseThread.js';

/** Below this a chunk is parsed on the job's thread alone (the round trip would cost more). */
const SPLIT_FROM = 256 << 10;

/** The front's share of a chunk moves by this much a chunk, to where neither thread waits. */
const STEP = 0.02;
/** Waiting this long for the thread's part says the front was too small. */
const WAITED_MS = 1;

/**
 * ByteRows' `add` over a whole chunk, its back part parsed on the parse thread meanwhile. The back
 * part is taken only when the front was taken whole (else it may not start a record: the caller's
 * text path goes on from where the front stopped, as without the thread). A failed thread costs
 * speed, not the import: its part is parsed here. The job's thread also commits and profiles, so
 * the cut follows whichever side waited: the front grows when this thread waited, else shrinks.
 */
export async function addSplit(
  thread: ParseThread,
  rows: ByteRows,
  builder: TableBuilder,
  bytes: Buffer,
  delimiter: number,
): Promise<{ next: number; lines: number }> {
  // Only a chunk still in the read-ahead ring can be read by the thread where it lies.
  if (!thread.ready || !(bytes.buffer instanceof SharedArrayBuffer) || bytes.length < SPLIT_FROM)
    return rows.add(bytes, 0);
  const cut = bytes.indexOf(10, Math.floor(bytes.length * thread.frontShare)) + 1;
  if (cut <= 0 || cut >= bytes.length) return rows.add(bytes, 0);
  const back = thread.parse(bytes.subarray(cut), builder.columns.length, delimiter);
  const front = rows.add(bytes.subarray(0, cut), 0);
  const frontDone = performance.now();
  let block: ParsedBlock;
  try {
    block = await back;
    const waited = performance.now() - frontDone > WAITED_MS;
    thread.frontShare = Math.min(0.7, Math.max(0.3, thread.frontShare + (waited ? STEP : -STEP)));
  } catch {
    if (front.next < cut) return front;
    const rest = rows.add(bytes, cut);
    return { next: rest.next, lines: front.lines + rest.lines };
  }
  if (front.next === cut) commitBlock(builder, block, bytes.subarray(cut), delimiter);
  thread.recycle(block);
  if (front.next < cut) return front;
  return { next: cut + block.next, lines: front.lines + block.lines };
}
