import { existsSync } from 'node:fs';
import { rendererDir } from '../core/appPaths.js';
import type { Core } from '../core/core.js';
import { UserError } from '../core/userError.js';
import { startServer } from '../server/httpServer.js';
import { checkHost, DEFAULT_HOST, isLoopback } from '../server/hostCheck.js';
import { numberFlag, type CliOptions } from './parseCli.js';
import { demoCommand, runsCommand } from './runsCommands.js';
import { evaluateCommand, predictCommand, sweepCommand, trainCommand } from './trainCommands.js';
import { driftCommand } from './driftCommand.js';
import { datasetsCommand, importCommand } from './datasetCommands.js';
import { aliasCommand, modelsCommand, registerCommand, stageCommand } from './registryCommands.js';
import { exportCommand, reportCommand } from './reportCommands.js';
import { backupCommand, restoreCommand } from './backupCommands.js';
import { pipelineCommand, policyCommand } from './automationCommands.js';
import { experimentsCommand } from './experimentCommands.js';
import { startLagReport } from './lagReport.js';
import { withRemoteCommands } from './remoteCommands.js';
import { withRunImport } from './runImportCommand.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Resolves when the user asks to stop (Ctrl-C / SIGTERM); only commands that can stop early ask. */
  interrupted(): Promise<void>;
}

type Command = (core: Core, args: string[], options: CliOptions, io: Io) => Promise<number>;

/** `--data` is a file when one exists at that path, else the id of an imported dataset. */
export async function resolveData(core: Core, data: string): Promise<number> {
  if (existsSync(data)) return (await core.call('datasets.import', { path: data })).id;
  if (/^\d+$/.test(data)) return (await core.call('datasets.list', {})).find((d) => d.id === Number(data))?.id ?? missing(data);
  return missing(data);
}
const missing = (data: string): never => {
  throw new UserError(`no such file or dataset id: ${data}`);
};

const serveCommand: Command = async (core, _args, options, io) => {
  const port = numberFlag(options, 'port') ?? 7788;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port must be an integer from 0 to 65535`);
  const host = checkHost(options.host ?? DEFAULT_HOST);
  if (!isLoopback(host)) io.err(`benchtop: warning: serving on ${host}, so other machines can reach Benchtop; keep the token secret`);
  const { token } = await core.call('tracking.token', {});
  const server = await startServer({ core, port, host, token, staticDir: rendererDir(), log: io.err });
  const reportLag = startLagReport(io.err); // BENCHTOP_REPORT_LAG=1: bench/mlflowIngest.bench.ts
  core.automation.start(); // watched folders and schedules run while the app is served
  core.outsideWrites.start(); // runs, datasets and models a `benchtop` command adds show up live
  io.out(`Benchtop is serving at ${server.url}`);
  io.out(scriptSetup(server.url.replace(/\/\?token=.*$/, ''), token));
  await io.interrupted();
  reportLag();
  await server.close();
  return 0;
};

/** The two lines a script's shell needs to log into this Benchtop with MLflow's client. */
export const scriptSetup = (uri: string, token: string) =>
  `Log from your scripts (MLflow's client):\n  export MLFLOW_TRACKING_URI=${uri}\n  export MLFLOW_TRACKING_TOKEN=${token}`;

/** `benchtop token [--rotate]`: the token scripts and browsers present; rotating locks out the old one. */
const tokenCommand: Command = async (core, _args, options, io) => {
  const { token } = await core.call('tracking.token', { rotate: options.rotate === true });
  if (options.json === true) io.out(JSON.stringify({ token }));
  else io.out(token);
  if (options.rotate === true) io.err('benchtop: a `benchtop serve` or desktop app already running keeps the old token until it restarts');
  return 0;
};

export const COMMANDS: Record<string, Command> = {
  token: tokenCommand,
  import: importCommand,
  datasets: datasetsCommand,
  train: trainCommand,
  predict: predictCommand,
  evaluate: evaluateCommand,
  sweep: sweepCommand,
  runs: withRunImport(withRemoteCommands(runsCommand)),
  demo: demoCommand,
  drift: driftCommand,
  register: registerCommand,
  models: modelsCommand,
  alias: aliasCommand,
  stage: stageCommand,
  serve: serveCommand,
  report: reportCommand,
  export: exportCommand,
  backup: backupCommand,
  policy: policyCommand,
  pipeline: pipelineCommand,
  experiments: experimentsCommand,
};

/** Commands that must not open the store first (restore needs the data directory still empty). */
export const STANDALONE_COMMANDS: Record<string, (dataDir: string, args: string[], options: CliOptions, io: Io) => Promise<number>> = {
  restore: restoreCommand,
};
