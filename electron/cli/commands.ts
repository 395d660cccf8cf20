import { existsSync } from 'node:fs';
import type { Dataset, Run } from '../../shared/domain.js';
import { TERMINAL_STATUSES } from '../../shared/domain.js';
import { rendererDir } from '../core/appPaths.js';
import type { Core } from '../core/core.js';
import { UserError } from '../core/userError.js';
import { startServer } from '../server/httpServer.js';
import { numberFlag, type CliOptions } from './parseCli.js';
import { formatNumber, formatTable } from './printTable.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Resolves when the user asks to stop (Ctrl-C / SIGTERM); only commands that can stop early ask. */
  interrupted(): Promise<void>;
}

type Command = (core: Core, args: string[], options: CliOptions, io: Io) => Promise<number>;

const print = (io: Io, options: CliOptions, json: unknown, human: string) =>
  io.out(options.json ? JSON.stringify(json, null, 2) : human);

const describeDataset = (d: Dataset) =>
  `${d.name} v${d.version} (id ${d.id}): ${d.rows} rows, ${d.columns.length} columns, ${d.hash.slice(0, 19)}…\n` +
  formatTable(['column', 'type', 'missing'], d.columns.map((c) => [c.name, c.type, String(c.missing)]));

const runsTable = (runs: Run[]) =>
  formatTable(
    ['id', 'status', 'model', 'experiment', 'accuracy', 'val_accuracy', 'started'],
    runs.map((r) => [
      String(r.id),
      r.status,
      r.model,
      r.experiment,
      formatNumber(r.metrics.accuracy),
      formatNumber(r.metrics.val_accuracy),
      r.started_at ?? '',
    ]),
  );

const importCommand: Command = async (core, args, options, io) => {
  const [file, extra] = args;
  if (!file) throw new UserError('import needs a FILE; see benchtop --help');
  if (extra) throw new UserError(`unexpected argument "${extra}"`);
  const dataset = await core.call('datasets.import', { path: file, ...(options.name ? { name: options.name } : {}) });
  print(io, options, dataset, describeDataset(dataset));
  return 0;
};

const datasetsCommand: Command = async (core, _args, options, io) => {
  const datasets = await core.call('datasets.list', {});
  const human = formatTable(
    ['id', 'name', 'version', 'rows', 'columns', 'hash'],
    datasets.map((d) => [String(d.id), d.name, String(d.version), String(d.rows), String(d.columns.length), d.hash.slice(0, 19)]),
  );
  print(io, options, datasets, human);
  return 0;
};

/** `--data` is a file when one exists at that path, else the id of an imported dataset. */
async function resolveData(core: Core, data: string): Promise<number> {
  if (existsSync(data)) return (await core.call('datasets.import', { path: data })).id;
  if (/^\d+$/.test(data)) return (await core.call('datasets.list', {})).find((d) => d.id === Number(data))?.id ?? missing(data);
  return missing(data);
}
const missing = (data: string): never => {
  throw new UserError(`no such file or dataset id: ${data}`);
};

const trainCommand: Command = async (core, args, options, io) => {
  if (args.length) throw new UserError(`unexpected argument "${args[0]}"`);
  if (!options.data) throw new UserError('train needs --data FILE_OR_DATASET_ID');
  if (!options.target) throw new UserError('train needs --target COLUMN');
  if (options.model && options.model !== 'logistic') throw new UserError(`unknown model "${options.model}"; available: logistic`);
  const params = {
    epochs: numberFlag(options, 'epochs'),
    lr: numberFlag(options, 'lr'),
    seed: numberFlag(options, 'seed'),
    batch_size: numberFlag(options, 'batch-size'),
    val_fraction: numberFlag(options, 'val-fraction'),
  };
  const datasetId = await resolveData(core, options.data);
  const { runId } = await core.call('jobs.train', {
    datasetId,
    target: options.target,
    ...(options.experiment ? { experiment: options.experiment } : {}),
    params: Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)),
  });
  // Job messages arrive on later turns of the event loop, so subscribing now misses nothing.
  const ended = new Promise<void>((resolve) => {
    const stop = core.events.subscribe((e) => {
      if (e.type === 'run.status' && e.runId === runId && TERMINAL_STATUSES.includes(e.status)) {
        stop();
        resolve();
      }
      if (e.type === 'job.progress' && e.runId === runId && !options.json) io.err(`run ${runId}: ${e.message}`);
    });
  });
  let interrupted = false;
  void io.interrupted().then(() => {
    interrupted = true;
    core.jobs.cancel(runId);
  });
  await ended;
  const run = await core.call('runs.get', { id: runId });
  const human = `run ${run.id} ${run.status} (${run.model}, ${run.task}, backend ${run.backend ?? '?'})\n${formatTable(
    ['metric', 'value'],
    Object.entries(run.metrics).map(([k, v]) => [k, formatNumber(v)]),
  )}`;
  print(io, options, run, human);
  if (run.status === 'failed') io.err(`benchtop: run ${run.id} failed: ${run.error ?? 'unknown reason'}`);
  return run.status === 'finished' ? 0 : interrupted ? 130 : 1;
};

const runsCommand: Command = async (core, _args, options, io) => {
  const runs = await core.call('runs.list', {});
  print(io, options, runs, runsTable(runs));
  return 0;
};

const serveCommand: Command = async (core, _args, options, io) => {
  const port = numberFlag(options, 'port') ?? 7788;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port must be an integer from 0 to 65535`);
  const server = await startServer({ core, port, staticDir: rendererDir(), log: io.err });
  io.out(`Benchtop is serving at ${server.url}`);
  await io.interrupted();
  await server.close();
  return 0;
};

export const COMMANDS: Record<string, Command> = {
  import: importCommand,
  datasets: datasetsCommand,
  train: trainCommand,
  runs: runsCommand,
  serve: serveCommand,
};
