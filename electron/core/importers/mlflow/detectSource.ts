import { closeSync, openSync, readdirSync, readSync, statSync, type Dirent } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { UserError } from '../../userError.js';
import type { MlflowSourceKind } from './mlflowHistory.js';

/**
 * Says what kind of experiment history a path holds, from names and headers only: nothing is
 * parsed here, so a damaged store is detected as what it claims to be and its reader explains
 * what is wrong with it.
 */

export type HistorySourceKind = MlflowSourceKind | 'tensorboard';

export interface DetectedSource {
  kind: HistorySourceKind;
  /** The absolute path to hand to the reader (an `mlruns/` inside the given folder, when that is where the store is). */
  path: string;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\u0000', 'latin1');
/** How far into a folder to look for event files; TensorBoard logdirs nest runs a few levels deep. */
const TFEVENTS_DEPTH = 4;
/** Entries looked at before giving up: a home directory must not be walked whole. */
const MAX_ENTRIES = 20_000;

const isTfEvents = (name: string) => name.includes('tfevents');

function list(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isSqlite(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const n = readSync(fd, head, 0, head.length, 0);
    return n === head.length && head.equals(SQLITE_HEADER);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** An experiment folder (meta.yaml in it) or an mlruns root (meta.yaml one level down, or in .trash/). */
function isFileStore(dir: string): boolean {
  if (isFile(join(dir, 'meta.yaml'))) return true;
  for (const e of list(dir)) {
    if (e.isDirectory() || e.isSymbolicLink()) {
      if (isFile(join(dir, e.name, 'meta.yaml'))) return true;
    }
  }
  return list(join(dir, '.trash')).some((e) => isFile(join(dir, '.trash', e.name, 'meta.yaml')));
}

function hasEventFiles(dir: string): boolean {
  let seen = 0;
  const visit = (folder: string, depth: number): boolean => {
    for (const e of list(folder)) {
      if (++seen > MAX_ENTRIES) return false;
      if (e.isFile() && isTfEvents(e.name)) return true;
      // Symlinked folders are not followed: a link back up would loop.
      if (e.isDirectory() && depth < TFEVENTS_DEPTH) {
        if (visit(join(folder, e.name), depth + 1)) return true;
      }
    }
    return false;
  };
  return visit(dir, 0);
}

const noneOf = (path: string) =>
  new UserError(
    `${path} is none of: an MLflow file store (mlruns/), an MLflow SQLite database, a TensorBoard logdir or event file`,
  );

export function detectSource(path: string): DetectedSource {
  const abs = resolve(path);
  let st;
  try {
    st = statSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(
      code === 'ENOENT' ? `${abs} does not exist` : `cannot read ${abs}: ${code ?? String(e)}`,
    );
  }
  if (st.isFile()) {
    if (isTfEvents(basename(abs))) return { kind: 'tensorboard', path: abs };
    if (isSqlite(abs)) return { kind: 'mlflow-sqlite', path: abs };
    throw noneOf(abs);
  }
  if (!st.isDirectory()) throw noneOf(abs);
  if (isFileStore(abs)) return { kind: 'mlflow-filestore', path: abs };
  // A project folder holding its mlruns/ is taken to mean that store.
  const inner = join(abs, 'mlruns');
  if (isFileStore(inner)) return { kind: 'mlflow-filestore', path: inner };
  if (hasEventFiles(abs)) return { kind: 'tensorboard', path: abs };
  throw noneOf(abs);
}
