import protobuf from 'protobufjs/minimal.js';
import { maskedCrc32c } from './crc32c.js';

/**
 * Test support: writes TFRecord framing and the few Event fields the reader understands, so
 * tests can build exactly the edge case they need (field order, packing, missing metadata…).
 */

type Writer = protobuf.Writer;

/** One TFRecord: length, its masked CRC, the data, the data's masked CRC. */
export function frameRecord(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length + 4);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length, true);
  view.setUint32(4, 0, true);
  view.setUint32(8, maskedCrc32c(out.subarray(0, 8)), true);
  out.set(data, 12);
  view.setUint32(12 + data.length, maskedCrc32c(data), true);
  return out;
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export interface TensorSpec {
  dtype: number;
  dims?: number[];
  unknownRank?: boolean;
  floats?: number[];
  doubles?: number[];
  /** Write float_val/double_val one field per value instead of packed. */
  unpacked?: boolean;
  content?: Uint8Array;
  strings?: string[];
  /** string_val entries as raw bytes (an image summary's encoded images), after `strings`. */
  bytes?: Uint8Array[];
}

export interface ValueSpec {
  tag: string;
  simple?: number;
  tensor?: TensorSpec;
  /** A legacy oneof member, written as an empty message. */
  legacy?: 'image' | 'histo' | 'audio';
  /** TF1's `Summary.Image`, as `add_image` writes it. */
  image?: { width: number; height: number; encoded: Uint8Array };
  plugin?: string;
  content?: Uint8Array;
}

export interface EventSpec {
  wallTime?: number;
  step?: number;
  fileVersion?: string;
  graphDef?: Uint8Array;
  values?: ValueSpec[];
  /** Write step and wall_time after the summary (legal, and readers must cope). */
  timesLast?: boolean;
}

export function encodeEvent(e: EventSpec): Uint8Array {
  const w = protobuf.Writer.create();
  const times = () => {
    if (e.wallTime !== undefined) w.uint32((1 << 3) | 1).double(e.wallTime);
    if (e.step !== undefined) w.uint32((2 << 3) | 0).int64(e.step);
  };
  if (!e.timesLast) times();
  if (e.fileVersion !== undefined) w.uint32((3 << 3) | 2).string(e.fileVersion);
  if (e.graphDef !== undefined) w.uint32((4 << 3) | 2).bytes(e.graphDef);
  if (e.values !== undefined) {
    w.uint32((5 << 3) | 2).fork();
    for (const v of e.values) writeValue(w, v);
    w.ldelim();
  }
  if (e.timesLast) times();
  return w.finish();
}

function writeValue(w: Writer, v: ValueSpec): void {
  w.uint32((1 << 3) | 2).fork();
  w.uint32((1 << 3) | 2).string(v.tag);
  if (v.simple !== undefined) w.uint32((2 << 3) | 5).float(v.simple);
  if (v.legacy !== undefined) {
    const field = { image: 4, histo: 5, audio: 6 }[v.legacy];
    w.uint32((field << 3) | 2).bytes(new Uint8Array(0));
  }
  if (v.image !== undefined) {
    w.uint32((4 << 3) | 2).fork();
    w.uint32((1 << 3) | 0).int32(v.image.height);
    w.uint32((2 << 3) | 0).int32(v.image.width);
    w.uint32((3 << 3) | 0).int32(3);
    w.uint32((4 << 3) | 2).bytes(v.image.encoded);
    w.ldelim();
  }
  if (v.tensor !== undefined) writeTensor(w, v.tensor);
  if (v.plugin !== undefined) {
    w.uint32((9 << 3) | 2).fork();
    w.uint32((1 << 3) | 2).fork();
    w.uint32((1 << 3) | 2).string(v.plugin);
    if (v.content !== undefined) w.uint32((2 << 3) | 2).bytes(v.content);
    w.ldelim();
    w.ldelim();
  }
  w.ldelim();
}

function writeTensor(w: Writer, t: TensorSpec): void {
  w.uint32((8 << 3) | 2).fork();
  w.uint32((1 << 3) | 0).int32(t.dtype);
  w.uint32((2 << 3) | 2).fork();
  for (const size of t.dims ?? []) {
    w.uint32((2 << 3) | 2).fork();
    w.uint32((1 << 3) | 0).int64(size);
    w.ldelim();
  }
  if (t.unknownRank) w.uint32((3 << 3) | 0).bool(true);
  w.ldelim();
  if (t.content !== undefined) w.uint32((4 << 3) | 2).bytes(t.content);
  writeNumbers(w, 5, t.floats, t.unpacked, 'float');
  writeNumbers(w, 6, t.doubles, t.unpacked, 'double');
  for (const s of t.strings ?? []) w.uint32((8 << 3) | 2).string(s);
  for (const b of t.bytes ?? []) w.uint32((8 << 3) | 2).bytes(b);
  w.ldelim();
}

function writeNumbers(
  w: Writer,
  field: number,
  values: number[] | undefined,
  unpacked: boolean | undefined,
  type: 'float' | 'double',
): void {
  if (values === undefined) return;
  const wire = type === 'float' ? 5 : 1;
  if (unpacked) {
    for (const x of values) w.uint32((field << 3) | wire)[type](x);
    return;
  }
  w.uint32((field << 3) | 2).fork();
  for (const x of values) w[type](x);
  w.ldelim();
}

/** HParamsPluginData { session_start_info { hparams } }; null writes a google.protobuf null. */
export function encodeSessionStart(hparams: [string, number | string | boolean | null][]) {
  const w = protobuf.Writer.create();
  w.uint32((3 << 3) | 2).fork();
  for (const [name, value] of hparams) {
    w.uint32((1 << 3) | 2).fork();
    w.uint32((1 << 3) | 2).string(name);
    w.uint32((2 << 3) | 2).fork();
    if (value === null) w.uint32((1 << 3) | 0).int32(0);
    else if (typeof value === 'number') w.uint32((2 << 3) | 1).double(value);
    else if (typeof value === 'string') w.uint32((3 << 3) | 2).string(value);
    else w.uint32((4 << 3) | 0).bool(value);
    w.ldelim();
    w.ldelim();
  }
  w.ldelim();
  return w.finish();
}

/** A whole event file: the file_version record, then one record per event. */
export function eventFileBytes(events: EventSpec[]): Uint8Array {
  const first = encodeEvent({ wallTime: 1, fileVersion: 'brain.Event:2' });
  return concat([first, ...events.map(encodeEvent)].map(frameRecord));
}

/** Chunks of the given sizes (the last chunk takes the rest), as an async sequence. */
export async function* chunked(bytes: Uint8Array, sizes: number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (const size of sizes) {
    if (at >= bytes.length) return;
    yield bytes.subarray(at, at + Math.max(1, size));
    at += Math.max(1, size);
  }
  if (at < bytes.length) yield bytes.subarray(at);
}
