import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SAMPLES, useTempDirs } from '../testing/tempDir.js';

// The built command (npm run build): the bundle bin/benchtop.js loads, and the module tree of
// dist/electron that the desktop app loads. Inlined into the bundle, code that starts a job
// process or a worker thread must still find their entry files under dist/electron.
const ROOT = join(import.meta.dirname, '..', '..');
const BUNDLE = join(ROOT, 'dist', 'cli', 'main.js');
const MODULES = join(ROOT, 'dist', 'electron', 'cli', 'main.js');

function run(entry: string, args: string[]) {
  const code = `const { main } = await import(${JSON.stringify(pathToFileURL(entry).href)});
process.exitCode = await main(process.argv.slice(1));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code, '--', ...args]);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
}

/** Two numeric columns, 130k rows: both sides hold 520k values, enough for drift's worker threads. */
function driftPair(dir: string): [string, string] {
  const write = (name: string, shift: number) => {
    const lines = ['a,b'];
    for (let i = 0; i < 130_000; i++) lines.push(`${(i % 1000) + shift},${(i * 7) % 1000}`);
    writeFileSync(join(dir, name), lines.join('\n') + '\n');
    return join(dir, name);
  };
  return [write('ref.csv', 0), write('cur.csv', 500)];
}

describe('the built benchtop command', () => {
  const tempDir = useTempDirs();

  it('is built (npm run build writes the bundle and the module tree)', () => {
    expect(existsSync(BUNDLE), `${BUNDLE}: run npm run build`).toBe(true);
    expect(existsSync(MODULES), `${MODULES}: run npm run build`).toBe(true);
  });

  it('bundled: imports through a job process, lists it, and runs drift on worker threads', async () => {
    const dir = tempDir();
    const imported = await run(BUNDLE, [
      '--data-dir',
      dir,
      'import',
      join(SAMPLES, 'iris.csv'),
      '--json',
    ]);
    expect([imported.code, imported.stderr]).toEqual([0, '']);
    expect(JSON.parse(imported.stdout)).toMatchObject({ id: 1, name: 'iris', rows: 150 });
    const listed = await run(BUNDLE, ['--data-dir', dir, 'datasets', '--json']);
    expect([listed.code, listed.stderr]).toEqual([0, '']);
    expect(JSON.parse(listed.stdout)).toMatchObject([{ id: 1, name: 'iris', rows: 150 }]);
    const [ref, cur] = driftPair(dir);
    const drift = await run(BUNDLE, [
      '--data-dir',
      dir,
      'drift',
      '--reference',
      ref,
      '--current',
      cur,
      '--json',
    ]);
    expect([drift.code, drift.stderr]).toEqual([0, '']);
    const report = JSON.parse(drift.stdout);
    expect(report).toMatchObject({ reference_rows: 130_000, current_rows: 130_000 });
    expect(report.columns.map((c: { drifted: boolean }) => c.drifted)).toEqual([true, false]);
  });

  it('unbundled (the desktop app’s modules): drift finds the same job and thread entries', async () => {
    const dir = tempDir();
    const [ref, cur] = driftPair(dir);
    const args = ['--data-dir', dir, 'drift', '--reference', ref, '--current', cur, '--json'];
    const drift = await run(MODULES, args);
    expect([drift.code, drift.stderr]).toEqual([0, '']);
    expect(JSON.parse(drift.stdout).drifted_columns).toBe(1);
  });

  it('--version from the bundle prints the package version', async () => {
    const { code, stdout } = await run(BUNDLE, ['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
