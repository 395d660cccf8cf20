import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Mounts a tmpfs of `size` (e.g. "2m") on `dir`; false where this process may not mount. */
export const mountTmpfs = (dir: string, size: string): boolean =>
  spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' })
    .status === 0;

export const unmount = (dir: string): boolean =>
  spawnSync('umount', [dir], { stdio: 'ignore' }).status === 0;

/** Whether this process can mount (root with CAP_SYS_ADMIN, as in CI's container): tried, not guessed. */
export function canMount(): boolean {
  if (process.getuid?.() !== 0) return false;
  const dir = mkdtempSync(join(tmpdir(), 'benchtop-mount-probe-'));
  const ok = mountTmpfs(dir, '1m');
  if (ok) unmount(dir);
  rmdirSync(dir);
  return ok;
}
