import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jobEnvironment } from './jobEnvironment.js';
import { forkJobWorker } from './jobSpawn.js';

describe('a job process environment', () => {
  it('runs as Node, and on Linux asks malloc for huge pages', () => {
    expect(jobEnvironment({ PATH: '/bin' }, 'linux')).toEqual({
      PATH: '/bin',
      ELECTRON_RUN_AS_NODE: '1',
      GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1',
    });
    expect(jobEnvironment({ PATH: '/bin' }, 'darwin')).toEqual({
      PATH: '/bin',
      ELECTRON_RUN_AS_NODE: '1',
    });
  });

  it("adds to the user's other tunables and keeps a hugetlb the user set", () => {
    expect(
      jobEnvironment({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' }, 'linux').GLIBC_TUNABLES,
    ).toBe('glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1');
    expect(
      jobEnvironment({ GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' }, 'linux').GLIBC_TUNABLES,
    ).toBe('glibc.malloc.hugetlb=0');
    expect(
      jobEnvironment({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2:glibc.malloc.hugetlb=0' }, 'linux')
        .GLIBC_TUNABLES,
    ).toBe('glibc.malloc.arena_max=2:glibc.malloc.hugetlb=0');
  });

  it.runIf(process.platform === 'linux')('is what a forked job process gets', async () => {
    const child = forkJobWorker();
    try {
      // The loader ends each tunable's value with a NUL in place as it parses GLIBC_TUNABLES, so
      // the variables are read as one string, NULs as ':'.
      const environ = `:${readFileSync(`/proc/${child.pid}/environ`, 'utf8').replaceAll('\0', ':')}`;
      expect(environ).toContain(':ELECTRON_RUN_AS_NODE=1:');
      expect(environ).toContain(`:GLIBC_TUNABLES=${jobEnvironment().GLIBC_TUNABLES}:`);
    } finally {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });

  // The effect itself, where it can exist: glibc ≥ 2.35 and THP not `never`.
  const glibc = (
    process.report.getReport() as { header: { glibcVersionRuntime?: string } }
  ).header.glibcVersionRuntime
    ?.split('.')
    .map(Number);
  const thp = (() => {
    try {
      return readFileSync('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8');
    } catch {
      return '[never]';
    }
  })();
  const canHuge =
    glibc !== undefined && (glibc[0]! > 2 || glibc[1]! >= 35) && !thp.includes('[never]');

  it.runIf(canHuge)("marks a job's big array for huge pages (smaps VmFlags hg)", () => {
    // A 64 MiB column, then the flags of the mapping that holds it.
    const script = `
      const a = new Float64Array(8 << 20); a.fill(1);
      const maps = require('fs').readFileSync('/proc/self/smaps', 'utf8').split(/\\n(?=[0-9a-f]+-)/);
      const big = maps.filter((m) => { const [lo, hi] = m.split(' ')[0].split('-').map((x) => parseInt(x, 16)); return hi - lo >= 64 << 20 && /\\nRss:\\s+[1-9]/.test(m); });
      console.log(JSON.stringify(big.map((m) => /VmFlags:(.*)/.exec(m)[1].trim().split(' '))));
    `;
    const run = (env: NodeJS.ProcessEnv) => {
      const r = spawnSync(process.execPath, ['-e', script], { env, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as string[][];
    };
    const { GLIBC_TUNABLES: _, ...plain } = process.env;
    expect(run(jobEnvironment(plain)).some((flags) => flags.includes('hg'))).toBe(true);
    expect(run(plain).some((flags) => flags.includes('hg'))).toBe(thp.includes('[always]'));
  });
});
