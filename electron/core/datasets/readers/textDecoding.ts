import { isUtf8 } from 'node:buffer';
import { copyOf } from './byteSource.js';

/**
 * Decodes a byte stream as UTF-8; at the first invalid sequence it switches to Windows-1252 (what
 * spreadsheets on Windows write) for that chunk and the rest, and remembers that it did.
 */
export class TextChunkDecoder {
  encoding: 'utf-8' | 'windows-1252' = 'utf-8';
  private readonly cp1252 = new TextDecoder('windows-1252');
  private carry: Uint8Array = new Uint8Array(0);
  private first = true;

  decode(chunk: Uint8Array): string {
    let bytes = this.carry.length ? concat(this.carry, chunk) : chunk;
    if (this.first) {
      this.first = false;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    }
    if (this.encoding === 'windows-1252') return this.cp1252.decode(bytes);
    const end = completeUtf8Length(bytes);
    this.carry = copyOf(bytes, end); // the source reuses its chunk once read
    const head = bytes.subarray(0, end);
    // isUtf8 + toString (simdutf) rather than a fatal TextDecoder: it yields one-byte strings for
    // ASCII text, which the parser scans about twice as fast.
    if (isUtf8(head))
      return Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('utf8');
    this.encoding = 'windows-1252';
    this.carry = new Uint8Array(0);
    return this.cp1252.decode(bytes);
  }

  /** The bytes left over at the end: an incomplete UTF-8 sequence is not UTF-8. */
  flush(): string {
    if (!this.carry.length) return '';
    const rest = this.carry;
    this.carry = new Uint8Array(0);
    this.encoding = 'windows-1252';
    return this.cp1252.decode(rest);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The length of `bytes` without a trailing, incomplete UTF-8 sequence (which waits for the next chunk). */
function completeUtf8Length(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = bytes[n - back]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}
