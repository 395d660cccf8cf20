import {
  closeSync,
  fstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  realpathSync,
  statSync,
} from 'node:fs';
import { join, sep } from 'node:path';
import type * as Yaml from 'yaml';
import { lazyRequire } from '../../lazyRequire.js';
import { UserError } from '../../userError.js';

/**
 * File-level reading of an MLflow file store: meta.yaml documents and the "one file per key"
 * folders (params/, tags/, metrics/). Problems that only cost one value become warnings; a
 * meta.yaml that cannot be read stops the read, since without it nothing about the run is known.
 */

const yaml = lazyRequire<typeof Yaml>('yaml');

export type Warn = (message: string) => void;
export type Meta = Record<string, unknown>;

/** Deeper than any key MLflow accepts (250 characters) would nest; beyond this is a loop or junk. */
const MAX_DEPTH = 64;
/** More keys than any run has; past this a symlink has led somewhere that is not MLflow's. */
const MAX_ENTRIES = 200_000;
/** Param and tag values are at most a few KB in MLflow; a file this big is not one. */
export const MAX_VALUE_BYTES = 8 * 1024 * 1024;

const errorCode = (e: unknown): string =>
  (e as NodeJS.ErrnoException).code ??
  (e instanceof Error ? e.message.split('\n')[0] : String(e)) ??
  'error';

export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A meta.yaml as a mapping; anything else is a one-line UserError naming the file. */
export function readMeta(file: string): Meta {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UserError(`cannot read ${file}: ${errorCode(e)}`);
  }
  let value: unknown;
  try {
    // Integers as BigInt: an unquoted 18-digit experiment id must not lose its last digits.
    const doc = yaml().parseDocument(text, { intAsBigInt: true, prettyErrors: true });
    const first = doc.errors[0];
    if (first) throw first;
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0]?.replace(/:$/, '');
    throw new UserError(`${file} is not valid YAML: ${reason}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UserError(`${file} is not an MLflow meta.yaml (expected a mapping of fields)`);
  }
  return value as Meta;
}

/** A scalar field as text: strings as they are, integers in full (ids may have been written unquoted). */
export function text(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint' || (typeof v === 'number' && Number.isFinite(v))) return String(v);
  return null;
}

export const nonEmpty = (v: unknown): string | null => {
  const t = text(v);
  return t === null || t === '' ? null : t;
};

interface Entry {
  name: string;
  path: string;
  kind: 'file' | 'dir';
}

/** Sorted entries of one folder, symlinks followed; a broken or looping link is a warning, not a crash. */
function entries(dir: string, warn: Warn): Entry[] {
  let listed;
  try {
    listed = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    warn(`cannot list ${dir}: ${errorCode(e)}`);
    return [];
  }
  const out: Entry[] = [];
  for (const d of listed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    // Finder litter in stores copied from a Mac: never a key.
    if (d.name === '.DS_Store') continue;
    const path = join(dir, d.name);
    let isDir = d.isDirectory();
    let isRegular = d.isFile();
    if (d.isSymbolicLink()) {
      try {
        const st = statSync(path);
        isDir = st.isDirectory();
        isRegular = st.isFile();
      } catch (e) {
        warn(`${path}: ${errorCode(e)} (broken or looping symlink), skipped`);
        continue;
      }
    }
    if (isDir) out.push({ name: d.name, path, kind: 'dir' });
    else if (isRegular) out.push({ name: d.name, path, kind: 'file' });
    // Sockets, FIFOs and devices are never MLflow data, and reading a FIFO would block.
    else warn(`${path}: not a regular file, skipped`);
  }
  return out;
}

/** Whether folder is (a link to) parent or a folder holding it: reading it as a child would loop. */
export function linksBack(folder: string, parent: string): boolean {
  try {
    const real = realpathSync(folder);
    const inside = real.endsWith(sep) ? real : real + sep;
    const parentReal = realpathSync(parent);
    return parentReal === real || parentReal.startsWith(inside);
  } catch {
    return false;
  }
}

/** Names of the sub-folders of dir, hidden ones left out. */
export function subdirs(dir: string, warn: Warn): string[] {
  return entries(dir, warn)
    .filter((e) => e.kind === 'dir' && !e.name.startsWith('.'))
    .map((e) => e.name);
}

/**
 * Files under dir as keys: relative paths joined with '/', since MLflow stores a key
 * `a/b` as the file `b` in folder `a`. A missing dir has no keys.
 */
export function listKeys(dir: string, warn: Warn): string[] {
  if (!isDirectory(dir)) return [];
  const keys: string[] = [];
  let top = '';
  let seen = 0;
  const visit = (folder: string, prefix: string, ancestors: readonly string[]) => {
    let real: string;
    try {
      real = realpathSync(folder);
    } catch (e) {
      warn(`cannot resolve ${folder}: ${errorCode(e)}`);
      return;
    }
    if (top === '') top = real;
    // A link to a folder holding this one (not only to one walked through) would loop as well.
    else if (ancestors.includes(real) || top.startsWith(real.endsWith(sep) ? real : real + sep)) {
      return warn(`${folder}: symlink loop, skipped`);
    }
    if (ancestors.length >= MAX_DEPTH) return warn(`${folder}: nested too deep, skipped`);
    for (const e of entries(folder, warn)) {
      if (++seen > MAX_ENTRIES) {
        if (seen === MAX_ENTRIES + 1)
          warn(`${dir}: more than ${MAX_ENTRIES} entries, the rest skipped`);
        return;
      }
      const key = prefix === '' ? e.name : `${prefix}/${e.name}`;
      if (e.kind === 'dir') visit(e.path, key, [...ancestors, real]);
      else keys.push(key);
    }
  };
  visit(dir, '', []);
  return keys;
}

function readValue(file: string, warn: Warn): string | null {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    if (size > MAX_VALUE_BYTES) {
      warn(`${file}: ${size} bytes is too big for a param or tag value, skipped`);
      return null;
    }
    const buffer = Buffer.alloc(size);
    let read = 0;
    for (let n = -1; n !== 0 && read < size; read += n)
      n = readSync(fd, buffer, read, size - read, null);
    return buffer.subarray(0, read).toString('utf8');
  } catch (e) {
    warn(`cannot read ${file}: ${errorCode(e)}, skipped`);
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A params/ or tags/ folder as key → whole file content (no trimming: the content is the value). */
export function readValues(dir: string, warn: Warn): Record<string, string> {
  const values: [string, string][] = [];
  for (const key of listKeys(dir, warn)) {
    const value = readValue(join(dir, ...key.split('/')), warn);
    if (value !== null) values.push([key, value]);
  }
  // fromEntries, not assignment: a key named __proto__ must stay a key.
  return Object.fromEntries(values);
}
