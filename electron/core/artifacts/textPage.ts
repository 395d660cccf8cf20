import { TEXT_PAGE_BYTES, type ArtifactPreview } from '../../../shared/api/artifactPreview.js';
import { readRange } from './fileRange.js';

type TextPreview = Extract<ArtifactPreview, { kind: 'text' }>;

/** The length of the longest prefix of `buf` that ends on a whole UTF-8 character. */
export function wholeUtf8(buf: Buffer): number {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const byte = buf[buf.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: keep looking for its lead
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return need > back ? buf.length - back : buf.length;
  }
  return buf.length;
}

/** True when the bytes look binary (a NUL byte), so they are not shown as text. */
export const looksBinary = (head: Buffer): boolean => head.includes(0);

/** One page of a text file from `offset`: never more than TEXT_PAGE_BYTES read, cut on a character. */
export function textPage(
  file: string,
  size: number,
  offset: number,
  note: string | null = null,
): TextPreview {
  const start = Math.min(offset, size);
  const bytes = readRange(file, start, TEXT_PAGE_BYTES);
  const end = start + bytes.length;
  const keep = end < size ? wholeUtf8(bytes) : bytes.length;
  const next = start + keep < size ? start + keep : null;
  return {
    kind: 'text',
    size,
    offset: start,
    next,
    text: bytes.subarray(0, keep).toString('utf8'),
    note,
  };
}
