import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_ROOT, median, requireBuild, round, timeProcess, type Timed } from './wholeCommand.js';

// The CLI's start-up: bin/benchtop.js (the esbuild bundle in dist/cli) against the module tree it
// replaced (dist/electron/cli/main.js), alternating in fresh processes: --version, datasets --json
// on a small data folder, and the import of a ~20 MB CSV into a fresh folder each time.
requireBuild('cliStartup');
const built = (rel: string) =>
  statSync(join(APP_ROOT, 'dist', rel), { throwIfNoEntry: false })?.mtimeMs;
if (!(built('cli/main.js')! >= built('.tsbuild/electron.tsbuildinfo')!)) {
  console.error('bench cliStartup: the bundle is missing or older than tsc -b; run npm run build');
  process.exit(2);
}
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const work = mkdtempSync(join(tmpdir(), 'benchtop-bench-cli-'));
const BIN = join(APP_ROOT, 'bin', 'benchtop.js');
const MODULES = pathToFileURL(join(APP_ROOT, 'dist', 'electron', 'cli', 'main.js')).href;
const baselineLauncher = join(work, 'modules.mjs');
writeFileSync(
  baselineLauncher,
  `const { main } = await import(${JSON.stringify(MODULES)});\nprocess.exitCode = await main(process.argv.slice(2));\n`,
);

const csv = join(work, 'big.csv');
const rows = ['id,x,y,z,label,note'];
for (let i = 0; i < 420_000; i++)
  rows.push(
    `${i},${(i * 0.37) % 97},${Math.sin(i).toFixed(6)},${(i * 7919) % 100003},${['a', 'b', 'c'][i % 3]},row-${i % 5000}`,
  );
writeFileSync(csv, rows.join('\n') + '\n');
const csvMb = round(statSync(csv).size / 2 ** 20, 1);
const small = join(work, 'small');

async function cmd(launcher: string, args: string[]): Promise<Timed> {
  const r = await timeProcess(process.execPath, [launcher, ...args]);
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.trim()}`);
  return r;
}
await cmd(BIN, ['--data-dir', small, 'import', join(APP_ROOT, 'samples', 'iris.csv')]);

const cases: Record<string, (launcher: string, i: number) => string[]> = {
  version: () => ['--version'],
  datasets: () => ['--data-dir', small, 'datasets', '--json'],
  import20mb: (launcher, i) => [
    '--data-dir',
    join(work, `import-${launcher === BIN ? 'b' : 'm'}-${i}`),
    'import',
    csv,
    '--json',
  ],
};
const load = { before: round(loadavg()[0]!) };
const figures: Record<string, unknown> = {};
for (const [name, args] of Object.entries(cases)) {
  const ours: Timed[] = [];
  const base: Timed[] = [];
  for (let i = 0; i < RUNS; i++) {
    ours.push(await cmd(BIN, args(BIN, i)));
    base.push(await cmd(baselineLauncher, args(baselineLauncher, i)));
  }
  const wall = (xs: Timed[]) => round(median(xs.map((t) => t.seconds)), 3);
  const cpu = (xs: Timed[]) => round(median(xs.map((t) => t.cpu ?? NaN)), 3);
  figures[name] = {
    bundle: { wallS: wall(ours), cpuS: cpu(ours) },
    modules: { wallS: wall(base), cpuS: cpu(base) },
    wallRatio: round(wall(ours) / wall(base), 3),
    cpuRatio: round(cpu(ours) / cpu(base), 3),
  };
}
rmSync(work, { recursive: true, force: true });
console.log(
  JSON.stringify({
    bench: 'cliStartup',
    runs: RUNS,
    csvMb,
    ...figures,
    loadavg1: { ...load, after: round(loadavg()[0]!) },
  }),
);
