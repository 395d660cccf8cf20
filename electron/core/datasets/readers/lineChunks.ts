import { copyOf } from './byteSource.js';

const NEWLINE = 0x0a;
/** A line longer than this is passed on as it is (the parser then refuses or handles it). */
const MAX_CARRY = 64 * 1024 * 1024;

/**
 * Re-cuts byte chunks so each ends just after a newline (safe in UTF-8 and Windows-1252: 0x0A is
 * never part of another character). The parser then starts every chunk at a line start and
 * rarely has to glue strings together, which keeps its strings flat and its scans fast. Like the
 * source's, each chunk it yields is valid until the next is asked for.
 */
export async function* wholeLines(
  chunks: AsyncIterable<Uint8Array>,
  inspectFirst: (bytes: Uint8Array) => void,
): AsyncGenerator<Uint8Array> {
  let carry: Uint8Array | null = null;
  let first = true;
  for await (const read of chunks) {
    if (first) inspectFirst(read);
    first = false;
    let raw = read;
    if (carry) {
      // Finish the carried line with the head of this chunk (a small copy), not the whole chunk.
      const nl = raw.indexOf(NEWLINE);
      if (nl >= 0 && nl < raw.length - 1) {
        yield Buffer.concat([carry, raw.subarray(0, nl + 1)]);
        carry = null;
        raw = raw.subarray(nl + 1);
      }
    }
    const chunk: Uint8Array = carry ? Buffer.concat([carry, raw]) : raw;
    const cut = chunk.lastIndexOf(NEWLINE);
    if (cut < 0 && chunk.length <= MAX_CARRY) {
      carry = chunk === raw ? copyOf(raw) : chunk; // the source reuses its chunk once read
      continue;
    }
    const end = cut < 0 ? chunk.length : cut + 1;
    carry = end < chunk.length ? copyOf(chunk, end) : null;
    yield chunk.subarray(0, end);
  }
  if (carry) yield carry;
}
