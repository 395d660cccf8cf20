/**
 * The backup container: a POSIX ustar archive (readable by `tar`), gzip-compressed. Only what
 * Benchtop writes is read back: regular files with relative paths.
 */
export const BLOCK = 512;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

/** Splits a long path into ustar's prefix (155) and name (100) at a slash. */
function splitName(path: string): [prefix: string, name: string] {
  if (Buffer.byteLength(path) <= 100) return ['', path];
  for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return [prefix, name];
  }
  throw new Error(`path too long for the backup archive: ${path}`);
}

export function tarHeader(path: string, size: number, mode: number, mtimeSeconds: number): Buffer {
  const h = Buffer.alloc(BLOCK);
  const [prefix, name] = splitName(path);
  h.write(name, 0, 100, 'utf8');
  h.write(octal(mode & 0o7777, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(Math.floor(mtimeSeconds), 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write('0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  h.write(prefix, 345, 155, 'utf8');
  h.write(octal(checksum(h), 7) + ' ', 148, 'ascii');
  return h;
}

function checksum(h: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
  return sum;
}

const field = (h: Buffer, start: number, length: number) =>
  h
    .subarray(start, start + length)
    .toString('utf8')
    .replace(/\0.*$/s, '');

export interface ParsedHeader {
  path: string;
  size: number;
  mode: number;
}

/** Parses a header block; null for the zero block that ends the archive; throws on corruption. */
export function parseHeader(h: Buffer): ParsedHeader | null {
  if (h.every((b) => b === 0)) return null;
  const stored = parseInt(field(h, 148, 8).trim(), 8);
  if (stored !== checksum(h)) throw new Error('a header checksum does not match');
  if (field(h, 257, 6) !== 'ustar') throw new Error('not a ustar archive');
  const type = field(h, 156, 1);
  if (type !== '0' && type !== '') throw new Error('an entry is not a regular file');
  const prefix = field(h, 345, 155);
  const name = field(h, 0, 100);
  const size = parseInt(field(h, 124, 12).trim(), 8);
  const mode = parseInt(field(h, 100, 8).trim(), 8);
  if (!Number.isSafeInteger(size) || size < 0) throw new Error('an entry has a bad size');
  return {
    path: prefix ? `${prefix}/${name}` : name,
    size,
    mode: Number.isNaN(mode) ? 0o644 : mode,
  };
}

export const padding = (size: number): number => (BLOCK - (size % BLOCK)) % BLOCK;
