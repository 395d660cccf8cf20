import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';

/** A run: one folder holding event files, named as TensorBoard names it. */
export interface LogdirRun {
  /** The folder's path relative to the logdir, with `/`; `.` for the logdir itself. */
  name: string;
  dir: string;
  /** The run's event files (absolute paths), in name order: the order they are read in. */
  files: string[];
}

export interface LogdirProblem {
  path: string;
  what: string;
}

export interface LogdirScan {
  root: string;
  /** Runs in name order. */
  runs: LogdirRun[];
  problems: LogdirProblem[];
}

/** TensorBoard's own test for an event file: the name contains "tfevents". */
export function isEventFileName(name: string): boolean {
  return name.includes('tfevents');
}

/** Plain code-unit order, as TensorBoard (Python's sort) orders names; not locale order. */
function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Finds the runs under a logdir. Walks with an explicit stack (a deep tree cannot exhaust the
 * call stack), follows symlinks but never enters a folder twice (real paths are tracked, so a
 * symlink loop ends), and reports folders it cannot list instead of failing. Files are not
 * opened here: one that cannot be read is reported by readEventFile, when it is read (checking
 * now would cost a system call per file and could be out of date by then anyway). A path to a
 * single event file is a logdir of one run, `.`, holding just that file.
 */
export async function scanLogdir(root: string): Promise<LogdirScan> {
  const top = resolve(root);
  const problems: LogdirProblem[] = [];
  const runs: LogdirRun[] = [];
  const scan = (): LogdirScan => ({
    root: top,
    runs: runs.sort((a, b) => byName(a.name, b.name)),
    problems,
  });

  let rootStat;
  try {
    rootStat = await stat(top);
  } catch (e) {
    problems.push({ path: top, what: describe(e) });
    return scan();
  }
  if (rootStat.isFile()) {
    runs.push({ name: '.', dir: dirname(top), files: [top] });
    return scan();
  }
  if (!rootStat.isDirectory()) {
    problems.push({ path: top, what: 'not a file or a folder' });
    return scan();
  }

  // Folders are known by device and inode rather than by realpath(): realpath checks every
  // component of the path, which turns a deep tree into quadratic work.
  const visited = new Map<string, string>(); // dev:ino → the path it was first walked as
  const stack = [top];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries: Dirent[];
    try {
      const { dev, ino } = await stat(dir, { bigint: true });
      const id = `${dev}:${ino}`;
      const first = visited.get(id);
      if (first !== undefined) {
        problems.push({ path: dir, what: `skipped: the same folder as ${first} (symlink)` });
        continue;
      }
      visited.set(id, dir);
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      problems.push({ path: dir, what: describe(e) });
      continue;
    }

    const files: string[] = [];
    const subdirs: string[] = [];
    for (const entry of entries) {
      const path = join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = await stat(path);
          isDir = target.isDirectory();
          isFile = target.isFile();
        } catch (e) {
          // A dangling link only matters when it looks like an event file.
          if (isEventFileName(entry.name)) problems.push({ path, what: describe(e) });
          continue;
        }
      }
      if (isDir) subdirs.push(path);
      else if (isFile && isEventFileName(entry.name)) files.push(path);
    }
    if (files.length > 0) {
      files.sort((a, b) => byName(basename(a), basename(b)));
      runs.push({ name: runName(top, dir), dir, files });
    }
    // Reverse order onto the stack so folders are walked in name order (deterministic results
    // when two paths lead to the same folder).
    subdirs.sort(byName);
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]!);
  }
  return scan();
}

function runName(top: string, dir: string): string {
  const rel = relative(top, dir);
  return rel === '' ? '.' : rel.split(sep).join('/');
}

function describe(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'EACCES':
    case 'EPERM':
      return 'cannot read: permission denied';
    case 'ENOENT':
      return 'cannot read: no such file or folder (or a dangling symlink)';
    case 'ELOOP':
      return 'cannot read: too many levels of symbolic links';
    default:
      return `cannot read: ${(err.message ?? String(e)).replace(/\s+/g, ' ')}`;
  }
}
