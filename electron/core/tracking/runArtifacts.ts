import { randomUUID } from 'node:crypto';
import {
  lstatSync,
  mkdirSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  type Stats,
} from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { InvalidInput, NotFound } from '../userError.js';

/**
 * A run's artifact folder (`artifacts/runs/<id>/`, the same place training writes its model).
 * Every path comes from outside: it is checked to stay inside the folder, symlinks included.
 */
export function createRunArtifacts(dataDir: string) {
  const root = (runId: number) => join(dataDir, 'artifacts', 'runs', String(runId));
  const incoming = join(dataDir, 'artifacts', '.incoming');

  /** The absolute path of `path` inside the run's folder, or a one-line refusal. */
  function inside(runId: number, path: string): string {
    const clean = path.replace(/\/+$/, '');
    if (clean.includes('\0')) throw new InvalidInput('an artifact path may not contain NUL');
    if (clean.includes('\\'))
      throw new InvalidInput(
        `invalid artifact path ${JSON.stringify(path)}: use / between folders`,
      );
    if (clean.startsWith('/') || /^[A-Za-z]:/.test(clean)) {
      throw new InvalidInput(
        `invalid artifact path ${JSON.stringify(path)}: it must be relative to the run's artifacts`,
      );
    }
    if (clean.split('/').some((part) => part === '..' || part === '.')) {
      throw new InvalidInput(
        `invalid artifact path ${JSON.stringify(path)}: it may not contain . or .. segments`,
      );
    }
    const base = root(runId);
    const full = resolve(base, clean);
    if (full !== base && !full.startsWith(base + sep))
      throw new InvalidInput(`invalid artifact path ${JSON.stringify(path)}`);
    return full;
  }

  /** Follows symlinks: what they point at must be inside the run's folder too. */
  function existing(runId: number, path: string): { full: string; stats: Stats } {
    const full = inside(runId, path);
    let real: string;
    try {
      real = realpathSync(full);
    } catch {
      throw new NotFound(`no artifact ${JSON.stringify(path)} in this run`);
    }
    const base = realpathSync(root(runId));
    if (real !== base && !real.startsWith(base + sep))
      throw new InvalidInput(`the artifact ${JSON.stringify(path)} points outside the run`);
    return { full: real, stats: statSync(real) };
  }

  return {
    /** The real path and stats of an existing artifact (file or folder) inside the run's folder. */
    find: existing,
    list(runId: number, path: string): { path: string; is_dir: boolean; size: number }[] {
      let dir: string;
      try {
        const found = existing(runId, path);
        if (!found.stats.isDirectory()) return [];
        dir = found.full;
      } catch (e) {
        if (e instanceof NotFound) return [];
        throw e;
      }
      return readdirSync(dir, { withFileTypes: true })
        .filter((d) => !d.isSymbolicLink() || isInside(root(runId), join(dir, d.name)))
        .map((d) => {
          const stats = statSync(join(dir, d.name));
          return {
            path: d.name,
            is_dir: stats.isDirectory(),
            size: stats.isDirectory() ? 0 : stats.size,
          };
        })
        .sort((a, b) => (a.path < b.path ? -1 : 1));
    },
    locate(runId: number, path: string): { file: string; size: number } {
      const { full, stats } = existing(runId, path);
      if (!stats.isFile())
        throw new InvalidInput(`the artifact ${JSON.stringify(path)} is a folder`);
      return { file: full, size: stats.size };
    },
    /** A fresh temp file's path in the data directory (same disk, so committing is a rename). */
    prepareUpload(runId: number, path: string): string {
      if (!path) throw new InvalidInput('an upload needs a file name');
      inside(runId, path);
      mkdirSync(incoming, { recursive: true });
      return join(incoming, `${runId}-${randomUUID()}`);
    },
    commitUpload(runId: number, path: string, tempFile: string): number {
      const target = inside(runId, path);
      if (dirname(tempFile) !== incoming || !relative(incoming, tempFile).startsWith(`${runId}-`)) {
        throw new InvalidInput('not a prepared upload');
      }
      const size = lstatSync(tempFile).size;
      mkdirSync(dirname(target), { recursive: true });
      // The folders on the way may be symlinks a run's files planted: check where they lead.
      if (!isInside(root(runId), dirname(target))) {
        rmSync(tempFile, { force: true });
        throw new InvalidInput(`the artifact path ${JSON.stringify(path)} leads outside the run`);
      }
      renameSync(tempFile, target);
      return size;
    },
    remove(runId: number, path: string): number {
      const full = inside(runId, path);
      try {
        lstatSync(full);
      } catch {
        return 0;
      }
      rmSync(full, { recursive: true, force: true });
      return 1;
    },
    discardUpload: (tempFile: string) => rmSync(tempFile, { force: true }),
  };
}

function isInside(base: string, path: string): boolean {
  try {
    const real = realpathSync(path);
    const top = realpathSync(base);
    return real === top || real.startsWith(top + sep);
  } catch {
    return false;
  }
}
