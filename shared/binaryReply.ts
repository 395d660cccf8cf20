import type { Method } from './api.js';

/**
 * Answers that carry a block of bytes (`bytes: Uint8Array`, e.g. the compare view's images).
 * IPC's structured clone carries them as they are; over HTTP such an answer is one binary body:
 * a 4-byte big-endian length, that many bytes of JSON (the answer without `bytes`, ASCII only:
 * other characters as \u escapes), then the bytes, so nothing is base64-encoded or parsed out of
 * JSON.
 */
export const BINARY_METHODS: ReadonlySet<Method> = new Set<Method>(['artifacts.imageFrames']);
export const BINARY_CONTENT_TYPE = 'application/octet-stream';

export const isBinaryMethod = (method: string): boolean => BINARY_METHODS.has(method as Method);

/** The body's pieces, to write one after another (the bytes are not copied). */
export function encodeBinaryReply({ bytes, ...rest }: { bytes: Uint8Array }): Uint8Array[] {
  const json = JSON.stringify(rest).replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  const head = new Uint8Array(4 + json.length);
  new DataView(head.buffer).setUint32(0, json.length);
  for (let i = 0; i < json.length; i++) head[4 + i] = json.charCodeAt(i);
  return [head, bytes];
}

/** The answer back from a body made by encodeBinaryReply; `bytes` is a view into `body`. */
export function decodeBinaryReply(body: ArrayBuffer): { bytes: Uint8Array<ArrayBuffer> } {
  const size = body.byteLength;
  const length = size >= 4 ? new DataView(body).getUint32(0) : -1;
  if (length < 0 || 4 + length > size)
    throw new Error(`the server's binary answer is cut short (${size} bytes)`);
  const head = new Uint8Array(body, 4, length);
  let json = '';
  for (let i = 0; i < length; i += 8192)
    json += String.fromCharCode(...head.subarray(i, Math.min(length, i + 8192)));
  return { ...(JSON.parse(json) as object), bytes: new Uint8Array(body, 4 + length) };
}
