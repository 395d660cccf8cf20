import type { TableBuilder } from '../tableBuilder.js';
import type { ByteRows } from './byteRows.js';
import { commitBlock, type ParsedBlock } from './parseBlock.js';
import type { ParseThread } from './parseThread.js';

/** Below this a chunk is parsed on the job's thread alone (the round trip would cost more). */
const SPLIT_FROM = 256 << 10;

/**
 * ByteRows' `add` over a whole chunk, its back half parsed on the parse thread meanwhile. The back
 * half is taken only when the front was taken whole (else it may not start a record: the caller's
 * text path goes on from where the front stopped, as without the thread). A failed thread costs
 * speed, not the import: its half is parsed here.
 */
export async function addSplit(
  thread: ParseThread,
  rows: ByteRows,
  builder: TableBuilder,
  bytes: Buffer,
  delimiter: number,
): Promise<{ next: number; lines: number }> {
  // Only a chunk still in the read-ahead ring can be read by the thread where it lies.
  if (!(bytes.buffer instanceof SharedArrayBuffer) || bytes.length < SPLIT_FROM)
    return rows.add(bytes, 0);
  const cut = bytes.indexOf(10, bytes.length >> 1) + 1;
  if (cut <= 0 || cut >= bytes.length) return rows.add(bytes, 0);
  const back = thread.parse(bytes.subarray(cut), builder.columns.length, delimiter);
  const front = rows.add(bytes.subarray(0, cut), 0);
  let block: ParsedBlock;
  try {
    block = await back;
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
