import type protobuf from 'protobufjs/minimal.js';
import { lazyRequire } from '../../lazyRequire.js';

const protobufjs = lazyRequire<typeof protobuf>('protobufjs/minimal.js');

/**
 * Small helpers over protobufjs's wire Reader. The event protos are decoded by hand with the
 * Reader rather than through generated or reflected classes: only a dozen fields matter, and
 * walking the bytes directly lets every nested length be checked against its parent.
 */
export type Reader = protobuf.Reader;

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_BYTES = 2;
export const WIRE_FIXED32 = 5;

/** Thrown for bytes that are not a well-formed message; the caller reports the record. */
export class MalformedProto extends Error {
  override name = 'MalformedProto';
}

export function readerFor(data: Uint8Array): Reader {
  return protobufjs().Reader.create(data);
}

/**
 * Skips one field's value. Groups (wire types 3 and 4) are refused rather than skipped: no
 * TensorFlow message uses them, and skipping them means recursion that hostile bytes could nest
 * deep enough to exhaust the stack.
 */
export function skipField(r: Reader, wireType: number, limit: number): void {
  switch (wireType) {
    case WIRE_VARINT:
      r.skip();
      break;
    case WIRE_FIXED64:
      r.skip(8);
      break;
    case WIRE_BYTES:
      r.pos = fieldEnd(r, limit);
      return;
    case WIRE_FIXED32:
      r.skip(4);
      break;
    default:
      throw new MalformedProto(`unsupported wire type ${wireType} at byte ${r.pos}`);
  }
  if (r.pos > limit) throw new MalformedProto(`a field runs past the end of its message`);
}

/**
 * Reads a length prefix and returns where that field ends, checked against the enclosing
 * message's end so a lying length can never reach into a sibling or past the buffer.
 */
export function fieldEnd(r: Reader, limit: number): number {
  const length = r.uint32();
  const end = r.pos + length;
  if (end > limit || r.pos > limit) {
    throw new MalformedProto(`a field of ${length} bytes runs past the end of its message`);
  }
  return end;
}

/** After a nested message's fields: a field that straddled its end means the bytes lie. */
export function expectEnd(r: Reader, end: number): void {
  if (r.pos !== end) throw new MalformedProto(`a field runs past the end of its message`);
}

/** The byte range of a length-delimited field, as a view (no copy). */
export function bytesView(r: Reader, limit: number): Uint8Array {
  const end = fieldEnd(r, limit);
  const view = r.buf.subarray(r.pos, end);
  r.pos = end;
  return view;
}

const utf8 = new TextDecoder('utf-8');

/** UTF-8 text; invalid sequences become U+FFFD rather than failing the record. */
export function readString(r: Reader, limit: number): string {
  const end = fieldEnd(r, limit);
  // Buffer's decoder reads in place; TextDecoder would need a view per string.
  const text = Buffer.isBuffer(r.buf)
    ? r.buf.toString('utf8', r.pos, end)
    : utf8.decode(r.buf.subarray(r.pos, end));
  r.pos = end;
  return text;
}

export function decodeUtf8(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

/**
 * An int64 as a JS number (exact up to 2^53, which steps never reach in practice). Varints of up
 * to 7 bytes (below 2^49, i.e. every real step) are summed here; longer ones, negatives
 * included, go through protobufjs's 64-bit path, which returns a Long when the `long` package
 * is loadable and a number otherwise.
 */
export function readInt64(r: Reader): number {
  const buf = r.buf;
  let pos = r.pos;
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 7 && pos < r.len; i++) {
    const b = buf[pos++]!;
    value += (b & 0x7f) * scale;
    if (b < 0x80) {
      r.pos = pos;
      return value;
    }
    scale *= 128;
  }
  const v = r.int64() as unknown as number | { toNumber(): number };
  return typeof v === 'number' ? v : v.toNumber();
}
