import { byKind, KIND_LABEL, metricKind } from '../../shared/metricNames.js';
import type { Run } from '../../shared/domain.js';
import type { CoreHandle } from '../core/core.js';
import { UserError } from '../core/userError.js';
import type { Command, Io } from './cliTypes.js';
import { resolveData } from './resolveData.js';
import type { CliOptions } from './parseCli.js';
import { formatNumber, formatTable } from './printTable.js';
import { gridFlags, modelFlag, paramsFromFlags, rangeFlags, taskFlag } from './trainFlags.js';

const print = (io: Io, options: CliOptions, json: unknown, human: string) =>
  io.out(options.json ? JSON.stringify(json, null, 2) : human);

function noArgs(args: string[]): void {
  if (args.length) throw new UserError(`unexpected argument "${args[0]}"`);
}

function runFlag(options: CliOptions, command: string): number {
  if (options.run === undefined) throw new UserError(`${command} needs --run ID`);
  if (!/^\d+$/.test(options.run))
    throw new UserError(`--run must be a run id, got "${options.run}"`);
  return Number(options.run);
}

/**
 * While `until` runs: job progress on stderr (without --json), and Ctrl-C calls `cancel`.
 * Resolves with `until`'s result and whether the user interrupted.
 */
async function whileRunning<T>(
  core: CoreHandle,
  io: Io,
  options: CliOptions,
  cancel: () => Promise<unknown>,
  until: () => Promise<T>,
): Promise<{ result: T; interrupted: boolean }> {
  let interrupted = false;
  const stop = core.events.subscribe((e) => {
    if (e.type === 'job.progress' && !options.json) io.err(`run ${e.runId}: ${e.message}`);
  });
  void io.interrupted().then(() => {
    interrupted = true;
    return cancel().catch(() => undefined); // the runs end cancelled; a failure here leaves them to end on their own
  });
  try {
    const result = await until();
    return { result, interrupted };
  } finally {
    stop();
  }
}

/** Test split first; each row says what its number was measured on. */
const metricsTable = (metrics: Record<string, number>) =>
  formatTable(
    ['metric', 'value', 'measured on'],
    byKind(Object.keys(metrics)).map((k) => [
      k,
      formatNumber(metrics[k]),
      KIND_LABEL[metricKind(k)],
    ]),
  );

export const trainCommand: Command = async (core, args, options, io) => {
  noArgs(args);
  if (!options.data) throw new UserError('train needs --data FILE_OR_DATASET_ID');
  if (!options.target) throw new UserError('train needs --target COLUMN');
  const model = modelFlag(options, 'logistic');
  const task = taskFlag(options);
  const params = paramsFromFlags(options);
  const datasetId = await resolveData(core, options.data);
  const { runId } = await core.call('jobs.train', {
    datasetId,
    target: options.target,
    model,
    ...(task ? { task } : {}),
    ...(options.experiment ? { experiment: options.experiment } : {}),
    params,
  });
  const wait = await whileRunning(
    core,
    io,
    options,
    () => core.call('jobs.cancel', { runId }),
    () => core.call('runs.wait', { ids: [runId] }),
  );
  const run = await core.call('runs.get', { id: runId });
  const details = await core.call('runs.details', { id: runId });
  const warnings = details.logs.filter((l) => l.level === 'warn').map((l) => l.message);
  const { advice } = details;
  const human = [
    `run ${run.id} ${run.status} (${run.model}, ${run.task}, backend ${run.backend ?? '?'})`,
    ...advice.map((a) => `advice: ${a}`),
    metricsTable(run.metrics),
  ].join('\n');
  print(io, options, { ...run, warnings, advice }, human);
  if (!options.json) for (const w of warnings) io.err(`benchtop: warning: ${w}`);
  if (run.status === 'failed')
    io.err(`benchtop: run ${run.id} failed: ${run.error ?? 'unknown reason'}`);
  return run.status === 'finished' ? 0 : wait.interrupted ? 130 : 1;
};

export const predictCommand: Command = async (core, args, options, io) => {
  noArgs(args);
  const id = runFlag(options, 'predict');
  if (!options.data) throw new UserError('predict needs --data FILE');
  if (!options.out) throw new UserError('predict needs --out FILE.csv');
  const result = await core.call('runs.predict', { id, path: options.data, out: options.out });
  print(io, options, result, `wrote ${result.rows} predictions to ${result.out}`);
  return 0;
};

export const evaluateCommand: Command = async (core, args, options, io) => {
  noArgs(args);
  const id = runFlag(options, 'evaluate');
  if (!options.data) throw new UserError('evaluate needs --data FILE');
  if (!options.target) throw new UserError('evaluate needs --target COLUMN');
  const result = await core.call('runs.evaluate', {
    id,
    path: options.data,
    target: options.target,
  });
  print(io, options, result, metricsTable(result.metrics));
  return 0;
};

export const sweepCommand: Command = async (core, args, options, io) => {
  noArgs(args);
  if (!options.data) throw new UserError('sweep needs --data FILE_OR_DATASET_ID');
  if (!options.target) throw new UserError('sweep needs --target COLUMN');
  const grid = options.grid?.length ? gridFlags(options.grid) : undefined;
  const ranges = options.range?.length ? rangeFlags(options.range) : undefined;
  if (grid && (options.random !== undefined || ranges))
    throw new UserError('sweep takes either --grid or --random with --range, not both');
  if (!grid && options.random === undefined)
    throw new UserError('sweep needs --grid KEY=V1,V2 or --random N --range KEY=LOW:HIGH[:log]');
  let random;
  if (options.random !== undefined) {
    const trials = Number(options.random);
    if (!/^\d+$/.test(options.random.trim()) || trials < 1)
      throw new UserError(`--random must be a number of trials, got "${options.random}"`);
    if (!ranges) throw new UserError('--random needs at least one --range KEY=LOW:HIGH[:log]');
    random = { trials, ranges };
  }
  const task = taskFlag(options);
  const datasetId = await resolveData(core, options.data);
  const { id } = await core.call('sweeps.create', {
    datasetId,
    target: options.target,
    model: modelFlag(options, 'mlp'),
    ...(task ? { task } : {}),
    ...(options.experiment ? { experiment: options.experiment } : {}),
    params: paramsFromFlags(options),
    ...(grid ? { grid } : {}),
    ...(random ? { random } : {}),
    ...(options.metric ? { metric: options.metric } : {}),
    halving: options.halving === true,
  });
  // Ctrl-C stops the sweep itself: its queued and running trials, and successive halving starts no further rung.
  const wait = await whileRunning(
    core,
    io,
    options,
    () => core.call('sweeps.cancel', { id }),
    () => core.call('sweeps.wait', { id }),
  );
  const sweep = wait.result;
  const human = `sweep ${sweep.id} ${sweep.status}: ${sweep.runs.length} runs, best run ${sweep.best_run_id ?? '—'} by ${sweep.metric}\n${table(sweep.runs, sweep.metric, sweep.best_run_id)}`;
  print(
    io,
    options,
    {
      id: sweep.id,
      runs: sweep.runs,
      best_run_id: sweep.best_run_id,
      metric: sweep.metric,
      status: sweep.status,
    },
    human,
  );
  return sweep.status === 'finished' ? 0 : wait.interrupted ? 130 : 1;
};

const table = (runs: Run[], metric: string, best: number | null) =>
  formatTable(
    ['run', 'status', metric, 'params'],
    runs.map((r) => [
      `${r.id}${r.id === best ? ' *' : ''}`,
      r.status,
      formatNumber(r.metrics[metric]),
      Object.entries(r.params)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(' '),
    ]),
  );
