import type { Comparison, ExplorerRun } from '../../shared/api/runRecords.js';
import { byKind, metricKind } from '../../shared/metricNames.js';
import { UserError } from '../core/userError.js';
import type { Command, Io } from './cliTypes.js';
import type { CliOptions } from './parseCli.js';
import { formatNumber, formatTable } from './printTable.js';

type CountFlag = 'limit' | 'runs' | 'points' | 'params' | 'metrics' | 'curves';

/** A whole-number flag from `min` up; absent stays undefined. */
function countFlag(
  options: CliOptions,
  name: CountFlag,
  min: number,
  max = 10_000_000,
): number | undefined {
  const raw = options[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    throw new UserError(`--${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

const print = (io: Io, options: CliOptions, json: unknown, human: string) =>
  io.out(options.json ? JSON.stringify(json, null, 2) : human);

const runsTable = (runs: ExplorerRun[]) =>
  formatTable(
    [
      'id',
      'name',
      'status',
      'experiment',
      'test_accuracy',
      'val_accuracy',
      'accuracy',
      'tags',
      'started',
    ],
    runs.map((r) => [
      String(r.id),
      r.name,
      r.status,
      r.experiment,
      formatNumber(r.metrics.test_accuracy),
      formatNumber(r.metrics.val_accuracy),
      formatNumber(r.metrics.accuracy),
      Object.keys(r.tags).join(','),
      r.started_at ?? '',
    ]),
  );

const compareTable = (c: Comparison, ids: number[]) => {
  const cell = (v: unknown) =>
    v === undefined ? '' : typeof v === 'number' ? formatNumber(v) : String(v);
  const params = Object.entries(c.params).map(([k, byRun]) => [
    (c.differing_params.includes(k) ? '* ' : '  ') + k,
    ...ids.map((id) => cell(byRun[id])),
  ]);
  // Test split first, each row saying what its number is: a test metric has one point, a curve its last.
  const metrics = byKind(Object.keys(c.metrics))
    .map((k) => [k, c.metrics[k]!] as const)
    .map(([k, byRun]) => [
      `  ${k} (${metricKind(k) === 'test' ? 'test split' : metricKind(k) === 'cv' ? 'cross-validation' : 'last'})`,
      ...ids.map((id) => cell(byRun[id]?.last)),
    ]);
  return formatTable(['', ...ids.map((id) => `run ${id}`)], [...params, ...metrics]);
};

/** `benchtop runs [--filter Q] [--sort [-]FIELD] [--limit N]` and `benchtop runs compare ID ID …`. */
export const runsCommand: Command = async (core, args, options, io) => {
  if (args[0] === 'compare') return compareCommand(core, args.slice(1), options, io);
  if (args.length)
    throw new UserError(`unexpected argument "${args[0]}"; did you mean runs compare?`);
  const limit = countFlag(options, 'limit', 1);
  const { ids, warnings } = await core.call('runs.query', {
    filter: options.filter ?? '',
    ...(options.sort ? { sort: options.sort } : {}),
    ...(limit ? { limit } : {}),
  });
  const byId = new Map((await core.call('runs.table', {})).map((r) => [r.id, r]));
  const runs = ids.flatMap((id) => byId.get(id) ?? []);
  // On stderr, also with --json: its stdout is the pinned array of runs.
  for (const w of warnings) io.err(`benchtop: warning: ${w}`);
  print(io, options, runs, runsTable(runs));
  return 0;
};

const compareCommand: Command = async (core, args, options, io) => {
  if (args.length < 2)
    throw new UserError('runs compare needs two or more run ids; see benchtop --help');
  const bad = args.find((a) => !/^\d+$/.test(a));
  if (bad !== undefined) throw new UserError(`"${bad}" is not a run id`);
  const ids = args.map(Number);
  const comparison = await core.call('runs.compare', { ids });
  print(io, options, comparison, compareTable(comparison, ids));
  return 0;
};

/** `benchtop demo --runs N --points P`: synthetic runs through the real store, for demos and benches. */
export const demoCommand: Command = async (core, args, options, io) => {
  if (args.length) throw new UserError(`unexpected argument "${args[0]}"`);
  const runs = countFlag(options, 'runs', 1, 1_000_000) ?? 100;
  const points = countFlag(options, 'points', 1) ?? 1000;
  const params = countFlag(options, 'params', 0, 1000);
  const metrics = countFlag(options, 'metrics', 0, 1000);
  const curves = countFlag(options, 'curves', 0, 4);
  const started = performance.now();
  const written = await core.call('runs.demo', {
    runs,
    points,
    ...(params !== undefined ? { params } : {}),
    ...(metrics !== undefined ? { metrics } : {}),
    ...(curves !== undefined ? { curves } : {}),
  });
  const seconds = (performance.now() - started) / 1000;
  const summary = {
    runs: written.runs,
    first_id: written.first_id,
    last_id: written.last_id,
    seconds: Number(seconds.toFixed(3)),
  };
  print(
    io,
    options,
    summary,
    `wrote ${summary.runs} demo runs (ids ${summary.first_id}–${summary.last_id}) in ${summary.seconds} s`,
  );
  return 0;
};
