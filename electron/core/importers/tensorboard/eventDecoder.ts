import {
  WIRE_BYTES,
  WIRE_FIXED32,
  WIRE_FIXED64,
  bytesView,
  expectEnd,
  fieldEnd,
  readInt64,
  readString,
  readerFor,
  skipField,
  type Reader,
} from './protoWire.js';
import { decodeTensor, type TensorInfo } from './tensorProto.js';

/** Which member of `tensorflow.Event`'s `what` oneof a record holds (proto field names). */
export type EventKind =
  | 'file_version'
  | 'graph_def'
  | 'summary'
  | 'log_message'
  | 'session_log'
  | 'tagged_run_metadata'
  | 'meta_graph_def'
  | 'none';

/** Which member of `Summary.Value`'s `value` oneof is set. */
export type ValueKind =
  'simple_value' | 'obsolete_old_style_histogram' | 'image' | 'histo' | 'audio' | 'tensor' | 'none';

export interface SummaryValue {
  tag: string;
  kind: ValueKind;
  simpleValue: number;
  tensor: TensorInfo | null;
  /** TF1's `Summary.Image` (`add_image`): its encoded bytes, a view into the record. */
  image: SummaryImage | null;
  /** `metadata.plugin_data.plugin_name`; null when the value carries no metadata at all. */
  pluginName: string | null;
  /** `metadata.plugin_data.content`, a view into the record. */
  pluginContent: Uint8Array | null;
}

export interface SummaryImage {
  width: number;
  height: number;
  encoded: Uint8Array;
}

export interface DecodedEvent {
  wallTime: number;
  step: number;
  kind: EventKind;
  fileVersion: string | null;
  values: SummaryValue[];
}

const EVENT_KINDS: Record<number, EventKind> = {
  3: 'file_version',
  4: 'graph_def',
  5: 'summary',
  6: 'log_message',
  7: 'session_log',
  8: 'tagged_run_metadata',
  9: 'meta_graph_def',
};

const VALUE_KINDS: Record<number, ValueKind> = {
  3: 'obsolete_old_style_histogram',
  4: 'image',
  5: 'histo',
  6: 'audio',
};

/**
 * Decodes one serialized `tensorflow.Event`. Fields may come in any order (step after summary
 * is legal), so the whole event is read before anything is reported. Throws MalformedProto (or
 * protobufjs's RangeError) for bytes that are not an Event; nothing here allocates more than a
 * small object per summary value, since strings and tensors are views into `data`.
 */
export function decodeEvent(data: Uint8Array): DecodedEvent {
  const r = readerFor(data);
  const end = data.length;
  const event: DecodedEvent = { wallTime: 0, step: 0, kind: 'none', fileVersion: null, values: [] };
  while (r.pos < end) {
    const key = r.uint32();
    const wire = key & 7;
    const field = key >>> 3;
    if (field === 1 && wire === WIRE_FIXED64) event.wallTime = r.double();
    else if (field === 2 && wire === 0) event.step = readInt64(r);
    else if (field >= 3 && field <= 9 && wire === WIRE_BYTES) {
      event.kind = EVENT_KINDS[field]!;
      if (field === 3) event.fileVersion = readString(r, end);
      // A singular message field repeated on the wire merges; for Summary that appends values.
      else if (field === 5) decodeSummary(r, fieldEnd(r, end), event.values);
      else skipField(r, wire, end);
    } else skipField(r, wire, end);
  }
  expectEnd(r, end);
  return event;
}

/** `tensorflow.Summary`: field 1 is `repeated Value value`. */
function decodeSummary(r: Reader, end: number, into: SummaryValue[]): void {
  while (r.pos < end) {
    const key = r.uint32();
    const wire = key & 7;
    if (key >>> 3 === 1 && wire === WIRE_BYTES) into.push(decodeValue(r, fieldEnd(r, end)));
    else skipField(r, wire, end);
  }
  expectEnd(r, end);
}

function decodeValue(r: Reader, end: number): SummaryValue {
  const v: SummaryValue = {
    tag: '',
    kind: 'none',
    simpleValue: 0,
    tensor: null,
    image: null,
    pluginName: null,
    pluginContent: null,
  };
  while (r.pos < end) {
    const key = r.uint32();
    const wire = key & 7;
    const field = key >>> 3;
    if (field === 1 && wire === WIRE_BYTES) v.tag = readString(r, end);
    else if (field === 2 && wire === WIRE_FIXED32) {
      v.kind = 'simple_value';
      v.simpleValue = r.float();
    } else if (field === 8 && wire === WIRE_BYTES) {
      v.kind = 'tensor';
      v.tensor = decodeTensor(r, fieldEnd(r, end));
    } else if (field === 9 && wire === WIRE_BYTES) decodeMetadata(r, fieldEnd(r, end), v);
    else if (field === 4 && wire === WIRE_BYTES) {
      v.kind = 'image';
      v.image = decodeImage(r, fieldEnd(r, end));
    } else if (field >= 3 && field <= 6 && wire === WIRE_BYTES) {
      v.kind = VALUE_KINDS[field]!;
      skipField(r, wire, end);
    } else skipField(r, wire, end);
  }
  expectEnd(r, end);
  // The oneof's last member wins; a tensor seen before a later simple_value is not the value.
  if (v.kind !== 'tensor') v.tensor = null;
  if (v.kind !== 'image') v.image = null;
  return v;
}

/** `Summary.Image { int32 height = 1; int32 width = 2; int32 colorspace = 3; bytes encoded_image_string = 4 }`. */
function decodeImage(r: Reader, end: number): SummaryImage {
  const image: SummaryImage = { width: 0, height: 0, encoded: new Uint8Array(0) };
  while (r.pos < end) {
    const key = r.uint32();
    const wire = key & 7;
    const field = key >>> 3;
    if (field === 1 && wire === 0) image.height = r.int32();
    else if (field === 2 && wire === 0) image.width = r.int32();
    else if (field === 4 && wire === WIRE_BYTES) image.encoded = bytesView(r, end);
    else skipField(r, wire, end);
  }
  expectEnd(r, end);
  return image;
}

/** SummaryMetadata: field 1 is `PluginData { plugin_name = 1; content = 2 }`. */
function decodeMetadata(r: Reader, end: number, v: SummaryValue): void {
  v.pluginName ??= '';
  while (r.pos < end) {
    const key = r.uint32();
    const wire = key & 7;
    if (key >>> 3 === 1 && wire === WIRE_BYTES) {
      const dataEnd = fieldEnd(r, end);
      while (r.pos < dataEnd) {
        const k = r.uint32();
        const w = k & 7;
        if (k >>> 3 === 1 && w === WIRE_BYTES) v.pluginName = readString(r, dataEnd);
        else if (k >>> 3 === 2 && w === WIRE_BYTES) v.pluginContent = bytesView(r, dataEnd);
        else skipField(r, w, dataEnd);
      }
      expectEnd(r, dataEnd);
    } else skipField(r, wire, end);
  }
  expectEnd(r, end);
}
