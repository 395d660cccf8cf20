import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** Helpers for benches that time what the user waits for: a whole command in a fresh process. */
export const APP_ROOT = process.env.BENCH_APP_ROOT ?? join(import.meta.dirname, '..');
export const PYTHON = '/usr/bin/python3';

export function requireBuild(bench: string): void {
  if (!existsSync(join(APP_ROOT, 'dist', 'electron', 'cli', 'main.js'))) {
    console.error(`bench ${bench}: run npm run build first (it times the built benchtop command)`);
    process.exit(2);
  }
}

export interface Timed {
  /** Wall clock, spawn to exit. */
  seconds: number;
  /** User + system CPU seconds of the process and the children it waited for (steadier on a busy machine). */
  cpu: number | null;
  /** Peak RSS in MB of the process (not its children). */
  peakRssMb: number | null;
  stdout: string;
  stderr: string;
  status: number | null;
}

const TIME = '/usr/bin/time';

/** Runs a process to its exit (wall clock; CPU and peak RSS from /usr/bin/time when it exists), collecting its output. */
export function timeProcess(command: string, args: string[]): Promise<Timed> {
  const timed = existsSync(TIME);
  const report = join(
    tmpdir(),
    `benchtop-bench-time-${process.pid}-${Math.random().toString(36).slice(2)}`,
  );
  const [cmd, argv] = timed
    ? [TIME, ['-o', report, '-f', '%U %S %M', command, ...args]]
    : [command, args];
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => {
      const seconds = (performance.now() - t) / 1000;
      let cpu: number | null = null;
      let peakRssMb: number | null = null;
      if (timed && existsSync(report)) {
        const line = readFileSync(report, 'utf8').trim().split('\n').at(-1) ?? '';
        const [user, sys, kb] = line.split(' ').map(Number);
        if (Number.isFinite(user) && Number.isFinite(sys)) cpu = user! + sys!;
        if (Number.isFinite(kb)) peakRssMb = Math.round(kb! / 1024);
        rmSync(report, { force: true });
      }
      resolve({ seconds, cpu, peakRssMb, stdout, stderr, status });
    });
  });
}

/** `benchtop --data-dir DIR ARGS…` as the user runs it: a fresh `node` process; throws unless it exits 0. `appRoot` picks another build. */
export async function benchtop(
  dataDir: string,
  args: string[],
  appRoot = APP_ROOT,
): Promise<Timed> {
  const r = await timeProcess(process.execPath, [
    join(appRoot, 'bin', 'benchtop.js'),
    '--data-dir',
    dataDir,
    ...args,
  ]);
  if (r.status !== 0)
    throw new Error(`benchtop ${args.join(' ')} exited ${r.status}: ${r.stderr.trim()}`);
  return r;
}

/** Whether /usr/bin/python3 imports these modules. */
export function pythonHas(...modules: string[]): boolean {
  if (!existsSync(PYTHON)) return false;
  return spawnSync(PYTHON, ['-c', `import ${modules.join(', ')}`]).status === 0;
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const round = (x: number, digits = 2) => Number(x.toFixed(digits));
