import {
  WIRE_BYTES,
  WIRE_FIXED64,
  expectEnd,
  fieldEnd,
  readString,
  readerFor,
  skipField,
  type Reader,
} from './protoWire.js';

export type HParamValue = number | string | boolean;
export type HParams = Record<string, HParamValue>;

/** The tag the hparams plugin writes a session's hyperparameter values under. */
export const SESSION_START_INFO_TAG = '_hparams_/session_start_info';

/**
 * The hyperparameters in a serialized `tensorboard.hparams.HParamsPluginData` (the
 * `plugin_data.content` of a `_hparams_/session_start_info` summary), or null when it carries no
 * session_start_info. Values that are not a number, string or bool (null, struct, list) are left
 * out: no run field can hold them, and the hparams dashboard only offers those three kinds.
 */
export function decodeSessionStartHParams(content: Uint8Array): HParams | null {
  const r = readerFor(content);
  const end = content.length;
  let found: Map<string, HParamValue> | null = null;
  while (r.pos < end) {
    const key = r.uint32();
    const wire = key & 7;
    if (key >>> 3 === 3 && wire === WIRE_BYTES) {
      // Repeated occurrences of a singular message field merge, so later entries add to earlier.
      found = decodeSessionStartInfo(r, fieldEnd(r, end), found ?? new Map());
    } else skipField(r, wire, end);
  }
  expectEnd(r, end);
  // fromEntries defines own properties, so a key like "__proto__" stays a plain key.
  return found === null ? null : Object.fromEntries(found);
}

/** SessionStartInfo: field 1 is `map<string, google.protobuf.Value> hparams`. */
function decodeSessionStartInfo(
  r: Reader,
  end: number,
  into: Map<string, HParamValue>,
): Map<string, HParamValue> {
  while (r.pos < end) {
    const key = r.uint32();
    const wire = key & 7;
    if (key >>> 3 === 1 && wire === WIRE_BYTES) {
      const entryEnd = fieldEnd(r, end);
      let name = '';
      let value: HParamValue | undefined;
      while (r.pos < entryEnd) {
        const k = r.uint32();
        const w = k & 7;
        if (k >>> 3 === 1 && w === WIRE_BYTES) name = readString(r, entryEnd);
        else if (k >>> 3 === 2 && w === WIRE_BYTES) value = decodeValue(r, fieldEnd(r, entryEnd));
        else skipField(r, w, entryEnd);
      }
      expectEnd(r, entryEnd);
      // A later entry for the same key replaces the earlier one, as protobuf maps do.
      if (value === undefined) into.delete(name);
      else into.set(name, value);
    } else skipField(r, wire, end);
  }
  expectEnd(r, end);
  return into;
}

/** google.protobuf.Value: a oneof, so the last kind present wins. */
function decodeValue(r: Reader, end: number): HParamValue | undefined {
  let value: HParamValue | undefined;
  while (r.pos < end) {
    const key = r.uint32();
    const wire = key & 7;
    const field = key >>> 3;
    if (field === 2 && wire === WIRE_FIXED64) value = r.double();
    else if (field === 3 && wire === WIRE_BYTES) value = readString(r, end);
    else if (field === 4 && wire === 0) value = r.bool();
    else {
      // null_value, struct_value, list_value (or junk): not a kind a hyperparameter keeps here.
      if (field === 1 || field === 5 || field === 6) value = undefined;
      skipField(r, wire, end);
    }
  }
  expectEnd(r, end);
  return value;
}
