import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  EXPERIMENTS,
  KEYS,
  MLFLOW_DB,
  params,
  RUNS,
  STEP_MS,
  STEPS,
  T0,
  TOTAL,
  writeFileStore,
  writeLogdir,
} from './runImportSources.js';

/**
 * `benchtop runs import PATH --json` as the user runs it: the whole command in a fresh process on a
 * fresh data dir, timed from spawn to exit (median of BENCH_REPEAT, 3), with that process's peak
 * RSS, for each source kind, each holding BENCH_RUN_IMPORT_POINTS metric points (2M by default;
 * the goal is 10M):
 *  - an MLflow file store (`mlruns/`): experiments, runs with meta.yaml, params, tags and metric
 *    files of `timestamp value step` lines with full-precision doubles, as MLflow writes them;
 *  - an `mlflow.db` made by the real MLflow (/opt/mlflow-venv): experiments, runs, params, tags and
 *    each key's last step through MlflowClient (so latest_metrics is MLflow's own), the other steps
 *    inserted into its `metrics` table directly (log_batch manages ~3,000 points/s);
 *  - a TensorBoard logdir: one run per folder, one event file each, one simple_value per event
 *    (as PyTorch's SummaryWriter.add_scalar writes them), TFRecord framing with CRCs.
 * Baselines, each a whole fresh process too, alternating with ours: MlflowClient.get_metric_history
 * for every run and key (file store and mlflow.db), and TensorBoard's EventAccumulator (scalars
 * kept whole) reloaded over every run, with TensorFlow installed (its C++ record reader) and
 * without (tensorboard's pure-Python stub), whichever are installed. One JSON line; no time is
 * asserted.
 */
const ROOT = resolve(process.env.BENCH_APP_ROOT ?? resolve(import.meta.dirname, '..'));
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const MLFLOW_PYTHON = process.env.BENCH_MLFLOW_PYTHON ?? '/opt/mlflow-venv/bin/python';
/** Pythons tried for TensorBoard: one with TensorFlow, and one without (its stub reader). */
const TENSORBOARD_PYTHONS = [
  process.env.BENCH_TENSORBOARD_PYTHON,
  '/opt/tensorboard-venv/bin/python',
  MLFLOW_PYTHON,
  '/usr/bin/python3',
].filter((p): p is string => Boolean(p));
const TIMEOUT_MS = Number(process.env.BENCH_RUN_IMPORT_TIMEOUT_S ?? 1800) * 1000; // per process
/** A folder for `--cpu-prof` profiles of our imports (slows them: figures are then not comparable). */
const CPU_PROF_DIR = process.env.BENCH_RUN_IMPORT_CPU_PROF;
const GNU_TIME = '/usr/bin/time';

const live = new Set<ChildProcess>();
/** Children run in their own process group (GNU time's child, Python's workers): the group is killed. */
const killGroup = (child: ChildProcess) => {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
};
const work = mkdtempSync(join(tmpdir(), 'benchtop-bench-run-import-'));
const cleanUp = () => {
  for (const child of live) killGroup(child);
  rmSync(work, { recursive: true, force: true });
};
process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    cleanUp();
    process.exit(130);
  });
}

// ---- baselines -----------------------------------------------------------------------------

/** Every point of every run and key, through MLflow's own client. */
const MLFLOW_READ = `
import json, sys, time
t = time.perf_counter()
from mlflow.tracking import MlflowClient
from mlflow.entities import ViewType
imported = time.perf_counter()
client = MlflowClient(tracking_uri=sys.argv[1])
points = runs = 0
for e in client.search_experiments(view_type=ViewType.ALL):
    token = None
    while True:
        page = client.search_runs([e.experiment_id], run_view_type=ViewType.ALL, max_results=1000, page_token=token)
        for run in page:
            runs += 1
            for key in run.data.metrics:
                points += len(client.get_metric_history(run.info.run_id, key))
        token = page.token
        if not token:
            break
print(json.dumps({'points': points, 'runs': runs, 'load_s': time.perf_counter() - imported, 'import_s': imported - t}))
`;

/** TensorBoard's EventAccumulator over every run folder, keeping every scalar. */
const TB_READ = `
import json, os, sys, time
t = time.perf_counter()
from tensorboard.backend.event_processing import event_accumulator
imported = time.perf_counter()
points = runs = 0
for folder, _, files in sorted(os.walk(sys.argv[1])):
    if any('tfevents' in f for f in files):
        acc = event_accumulator.EventAccumulator(folder, size_guidance={event_accumulator.SCALARS: 0})
        acc.Reload()
        runs += 1
        points += sum(len(acc.Scalars(tag)) for tag in acc.Tags()[event_accumulator.SCALARS])
print(json.dumps({'points': points, 'runs': runs, 'load_s': time.perf_counter() - imported, 'import_s': imported - t}))
`;

// ---- measuring -----------------------------------------------------------------------------

interface Measured {
  seconds: number;
  peakRssMb: number | null;
  stdout: string;
}

const PEAK_RSS_METHOD = existsSync(GNU_TIME)
  ? `${GNU_TIME} -v (Maximum resident set size)`
  : '/proc/PID/status VmHWM, polled every 10 ms until exit';

/** One whole process, spawn to exit; its peak RSS from GNU time, or VmHWM polled while it runs. */
async function measure(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<Measured> {
  const timeFile = join(work, `time-${process.hrtime.bigint()}.txt`);
  const [file, argv] = existsSync(GNU_TIME)
    ? [GNU_TIME, ['-v', '-o', timeFile, command, ...args]]
    : [command, args];
  const t0 = performance.now();
  const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], env, detached: true });
  live.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  let hwmKb = 0;
  const poll = existsSync(GNU_TIME)
    ? undefined
    : setInterval(() => {
        try {
          const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (m) hwmKb = Math.max(hwmKb, Number(m[1]));
        } catch {
          // exited between polls
        }
      }, 10);
  const timer = setTimeout(() => killGroup(child), TIMEOUT_MS);
  const code = await new Promise<number | null>((ok) => child.on('close', (c) => ok(c)));
  const seconds = (performance.now() - t0) / 1000;
  clearTimeout(timer);
  clearInterval(poll);
  live.delete(child);
  if (code !== 0)
    throw new Error(
      `${command} ${args.join(' ')} exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`,
    );
  let peakRssMb: number | null = hwmKb ? hwmKb / 1024 : null;
  if (existsSync(timeFile)) {
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(timeFile, 'utf8'));
    peakRssMb = m ? Number(m[1]) / 1024 : null;
    rmSync(timeFile, { force: true });
  }
  return { seconds, peakRssMb, stdout };
}

interface Summary {
  source: string;
  experiments: number;
  runs_added: number;
  runs_skipped: number;
  params: number;
  metric_points: number;
  warnings: string[];
}

async function benchtopImport(source: string): Promise<Measured & { summary: Summary }> {
  const dataDir = mkdtempSync(join(work, 'data-'));
  try {
    const prof = CPU_PROF_DIR ? ['--cpu-prof', '--cpu-prof-dir', resolve(CPU_PROF_DIR)] : [];
    const m = await measure(process.execPath, [
      ...prof,
      join(ROOT, 'bin', 'benchtop.js'),
      '--data-dir',
      dataDir,
      'runs',
      'import',
      source,
      '--json',
    ]);
    return { ...m, summary: JSON.parse(m.stdout) as Summary };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function pythonRead(
  python: string,
  script: string,
  arg: string,
): Promise<Measured & { points: number; runs: number; load_s: number; import_s: number }> {
  const m = await measure(python, ['-c', script, arg], {
    ...process.env,
    MLFLOW_DISABLE_TELEMETRY: 'true',
    TF_CPP_MIN_LOG_LEVEL: '3',
    PYTHONWARNINGS: 'ignore',
  });
  const line = m.stdout.trim().split('\n').at(-1) ?? '{}';
  return {
    ...m,
    ...(JSON.parse(line) as { points: number; runs: number; load_s: number; import_s: number }),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round2 = (x: number) => Number(x.toFixed(2));
const mbOf = (path: string): number => {
  const s = statSync(path);
  if (!s.isDirectory()) return s.size / 1e6;
  return readdirSync(path).reduce((n, name) => n + mbOf(join(path, name)), 0);
};

function pythonHas(python: string, code: string): string | null {
  if (!existsSync(python)) return null;
  const r = spawnSync(python, ['-c', code], {
    encoding: 'utf8',
    env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' },
    timeout: 120_000,
  });
  return r.status === 0 ? r.stdout.trim() : null;
}

type Side = {
  seconds: number;
  seconds_each: number[];
  points_per_sec: number;
  peak_rss_mb: number | null;
};

function side(runs: Measured[], points: number): Side {
  const seconds = median(runs.map((r) => r.seconds));
  const rss = runs.map((r) => r.peakRssMb).filter((x): x is number => x !== null);
  return {
    seconds: round2(seconds),
    seconds_each: runs.map((r) => round2(r.seconds)),
    points_per_sec: Math.round(points / seconds),
    peak_rss_mb: rss.length ? Math.round(Math.max(...rss)) : null,
  };
}

interface Baseline {
  name: string;
  run: () => Promise<Measured & { points: number; runs: number; load_s: number; import_s: number }>;
}

/** REPEAT rounds of ours then each baseline, alternating, so a machine that gets busier skews neither. */
async function compare(path: string, baselines: Baseline[]) {
  const ours: (Measured & { summary: Summary })[] = [];
  const theirs = new Map<string, Awaited<ReturnType<Baseline['run']>>[]>(
    baselines.map((b) => [b.name, []]),
  );
  const failed = new Map<string, string>();
  for (let i = 0; i < REPEAT; i++) {
    ours.push(await benchtopImport(path));
    for (const b of baselines) {
      if (failed.has(b.name)) continue;
      try {
        theirs.get(b.name)!.push(await b.run());
      } catch (e) {
        failed.set(b.name, (e as Error).message.slice(0, 300));
      }
    }
  }
  const summary = ours[0]!.summary;
  const benchtop = {
    ...side(ours, TOTAL),
    summary: { ...summary, warnings: summary.warnings.map((w) => w.slice(0, 200)).slice(0, 5) },
    ...(summary.metric_points !== TOTAL
      ? { error: `imported ${summary.metric_points} of ${TOTAL} points` }
      : {}),
  };
  const result: Record<string, unknown> = { mb: round2(mbOf(path)), benchtop };
  for (const b of baselines) {
    const runs = theirs.get(b.name)!;
    if (!runs.length) {
      result[b.name] = { error: failed.get(b.name) };
      result[`ratio_${b.name}`] = null;
      continue;
    }
    const s = side(runs, TOTAL);
    result[b.name] = {
      ...s,
      load_s: round2(median(runs.map((r) => r.load_s))),
      import_s: round2(median(runs.map((r) => r.import_s))),
      ...(runs[0]!.points !== TOTAL ? { error: `read ${runs[0]!.points} of ${TOTAL} points` } : {}),
    };
    result[`ratio_${b.name}`] = round2(benchtop.points_per_sec / s.points_per_sec);
  }
  return result;
}

// ---- the run -------------------------------------------------------------------------------

const help = spawnSync(process.execPath, [join(ROOT, 'bin', 'benchtop.js'), '--help'], {
  encoding: 'utf8',
});
if (!`${help.stdout}${help.stderr}`.includes('runs import')) {
  throw new Error(
    `${ROOT}: this build has no \`runs import\` (run npm run build): ${help.stderr.trim().slice(0, 200)}`,
  );
}

const mlflowVersion = pythonHas(MLFLOW_PYTHON, 'import mlflow; print(mlflow.__version__)');
// The TensorBoard baselines: the first Python with TensorFlow, and the first without it.
const tensorboards: { name: string; python: string; version: string }[] = [];
for (const python of TENSORBOARD_PYTHONS) {
  const found = pythonHas(
    python,
    'import importlib.util, tensorboard; print(tensorboard.__version__, importlib.util.find_spec("tensorflow") is not None)',
  );
  if (!found) continue;
  const [version, withTf] = found.split(' ');
  const name = withTf === 'True' ? 'tensorboard_tf' : 'tensorboard_stub';
  if (!tensorboards.some((t) => t.name === name))
    tensorboards.push({ name, python, version: version! });
}

const generated: Record<string, number> = {};
const timed = async (name: string, make: () => unknown): Promise<void> => {
  const t = performance.now();
  await make();
  generated[name] = round2((performance.now() - t) / 1000);
};

const mlruns = join(work, 'mlruns');
await timed('filestore_s', () => writeFileStore(mlruns));
const logdir = join(work, 'logdir');
await timed('tensorboard_s', () => writeLogdir(logdir));
const mlflowDb = join(work, 'mlflow.db');
if (mlflowVersion) {
  const spec = {
    path: mlflowDb,
    keys: KEYS,
    steps: STEPS,
    t0: T0,
    step_ms: STEP_MS,
    experiments: EXPERIMENTS,
    runs: RUNS,
    params: Array.from({ length: RUNS }, (_, r) => params(r)),
  };
  // Through measure(): a child like any other, killed with its group if this bench is interrupted.
  await timed('sqlite_s', () =>
    measure(MLFLOW_PYTHON, ['-c', MLFLOW_DB, JSON.stringify(spec)], {
      ...process.env,
      MLFLOW_DISABLE_TELEMETRY: 'true',
    }),
  );
}

const mlflowBaseline = (uri: string): Baseline[] =>
  mlflowVersion ? [{ name: 'mlflow', run: () => pythonRead(MLFLOW_PYTHON, MLFLOW_READ, uri) }] : [];
const filestore = await compare(mlruns, mlflowBaseline(`file:${mlruns}`));
const sqlite = mlflowVersion
  ? await compare(mlflowDb, mlflowBaseline(`sqlite:///${mlflowDb}`))
  : 'skipped: no mlflow';
const tensorboard = await compare(
  logdir,
  tensorboards.map((t) => ({ name: t.name, run: () => pythonRead(t.python, TB_READ, logdir) })),
);

const missing = (what: string) => `missing (${what})`;
const minRatio = (...ratios: unknown[]) => {
  const found = ratios.filter((r): r is number => typeof r === 'number');
  return found.length ? Math.min(...found) : null;
};
console.log(
  JSON.stringify({
    name: 'run_import',
    points_per_source: TOTAL,
    runs_per_source: RUNS,
    keys: KEYS.length,
    steps: STEPS,
    repeats: REPEAT,
    peak_rss: PEAK_RSS_METHOD,
    generate_s: generated,
    ...(CPU_PROF_DIR
      ? {
          cpu_prof_dir: resolve(CPU_PROF_DIR),
          note: 'profiled: our figures are slowed by --cpu-prof',
        }
      : {}),
    filestore,
    sqlite,
    tensorboard,
    baseline: {
      mlflow: mlflowVersion
        ? `MLflow ${mlflowVersion} MlflowClient.get_metric_history for every run and key (${MLFLOW_PYTHON})`
        : missing(`no ${MLFLOW_PYTHON}`),
      tensorboard_tf: tensorboards.find((t) => t.name === 'tensorboard_tf')
        ? `EventAccumulator (tensorboard ${tensorboards.find((t) => t.name === 'tensorboard_tf')!.version}, TensorFlow's record reader) Reload() per run, ${tensorboards.find((t) => t.name === 'tensorboard_tf')!.python}`
        : missing('no Python with tensorboard and tensorflow'),
      tensorboard_stub: tensorboards.find((t) => t.name === 'tensorboard_stub')
        ? `EventAccumulator (tensorboard ${tensorboards.find((t) => t.name === 'tensorboard_stub')!.version} without TensorFlow: its pure-Python record reader) Reload() per run, ${tensorboards.find((t) => t.name === 'tensorboard_stub')!.python}`
        : missing('no Python with tensorboard alone'),
    },
    ratio: {
      filestore: filestore.ratio_mlflow ?? null,
      sqlite: typeof sqlite === 'string' ? null : (sqlite.ratio_mlflow ?? null),
      // Against the faster of the two loaders (without TensorFlow wins on small logdirs: no TF import).
      tensorboard: minRatio(tensorboard.ratio_tensorboard_tf, tensorboard.ratio_tensorboard_stub),
    },
  }),
);
