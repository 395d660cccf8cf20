import {
  WIRE_BYTES,
  WIRE_FIXED32,
  WIRE_FIXED64,
  bytesView,
  decodeUtf8,
  expectEnd,
  fieldEnd,
  skipField,
  type Reader,
} from './protoWire.js';

/** TensorFlow's DataType enum values this reader looks at. */
export const DT_FLOAT = 1;
export const DT_DOUBLE = 2;
export const DT_STRING = 7;

/**
 * What a `tensorflow.TensorProto` holds, as far as summaries need it: the type, the rank, and
 * the first number (scalars are rank 0) or every string (text). Views point into the record.
 */
export interface TensorInfo {
  dtype: number;
  /** Number of dimensions; -1 when the shape says its rank is unknown. */
  rank: number;
  content: Uint8Array | null;
  firstFloat: number | undefined;
  firstDouble: number | undefined;
  strings: Uint8Array[];
}

/** Decodes the TensorProto whose bytes run from the reader's position to `end`. */
export function decodeTensor(r: Reader, end: number): TensorInfo {
  const t: TensorInfo = {
    dtype: 0,
    rank: 0,
    content: null,
    firstFloat: undefined,
    firstDouble: undefined,
    strings: [],
  };
  while (r.pos < end) {
    const key = r.uint32();
    const wire = key & 7;
    switch (key >>> 3) {
      case 1: // dtype
        if (wire === 0) t.dtype = r.int32();
        else skipField(r, wire, end);
        break;
      case 2: // tensor_shape
        if (wire !== WIRE_BYTES) skipField(r, wire, end);
        else t.rank = decodeRank(r, fieldEnd(r, end));
        break;
      case 4: // tensor_content: the values packed little-endian
        if (wire !== WIRE_BYTES) skipField(r, wire, end);
        else t.content = bytesView(r, end);
        break;
      case 5: {
        // float_val, packed (proto3's default) or one value per field; both must be accepted.
        const v = wire === WIRE_FIXED32 ? r.float() : readPacked(r, wire, end, 4);
        t.firstFloat ??= v;
        break;
      }
      case 6: {
        const v = wire === WIRE_FIXED64 ? r.double() : readPacked(r, wire, end, 8);
        t.firstDouble ??= v;
        break;
      }
      case 8: // string_val
        if (wire !== WIRE_BYTES) skipField(r, wire, end);
        else t.strings.push(bytesView(r, end));
        break;
      default:
        skipField(r, wire, end);
    }
  }
  expectEnd(r, end);
  return t;
}

/**
 * Reads a packed run of floats or doubles, returning the first and skipping the rest (a field
 * of another wire type is skipped).
 */
function readPacked(r: Reader, wire: number, limit: number, width: 4 | 8): number | undefined {
  if (wire !== WIRE_BYTES) {
    skipField(r, wire, limit);
    return undefined;
  }
  const end = fieldEnd(r, limit);
  let first: number | undefined;
  if (end - r.pos >= width) first = width === 4 ? r.float() : r.double();
  r.pos = end;
  return first;
}

/** TensorShapeProto: counts `dim` entries; `unknown_rank` makes the rank -1. */
function decodeRank(r: Reader, end: number): number {
  let dims = 0;
  let unknown = false;
  while (r.pos < end) {
    const key = r.uint32();
    const wire = key & 7;
    if (key >>> 3 === 2) dims++;
    if (key >>> 3 === 3 && wire === 0) unknown = r.bool();
    else skipField(r, wire, end);
  }
  expectEnd(r, end);
  return unknown ? -1 : dims;
}

/**
 * The number in a rank-0 DT_FLOAT or DT_DOUBLE tensor, or undefined when the tensor is not one
 * (TensorBoard's scalars plugin reads nothing else). Float32 values widen to doubles exactly.
 */
export function tensorScalar(t: TensorInfo): number | undefined {
  if (t.rank !== 0) return undefined;
  const c = t.content;
  if (t.dtype === DT_FLOAT) {
    if (c === null || c.length === 0) return t.firstFloat;
    return c.length === 4 ? new DataView(c.buffer, c.byteOffset, 4).getFloat32(0, true) : undefined;
  }
  if (t.dtype === DT_DOUBLE) {
    if (c === null || c.length === 0) return t.firstDouble;
    return c.length === 8 ? new DataView(c.buffer, c.byteOffset, 8).getFloat64(0, true) : undefined;
  }
  return undefined;
}

/**
 * The text of a DT_STRING tensor. Rank 0 is the usual case; the text plugin shows higher ranks
 * as tables, which are flattened here one element per line so nothing is lost.
 */
export function tensorText(t: TensorInfo): string | undefined {
  if (t.dtype !== DT_STRING || t.strings.length === 0) return undefined;
  if (t.strings.length === 1) return decodeUtf8(t.strings[0]!);
  return t.strings.map(decodeUtf8).join('\n');
}
