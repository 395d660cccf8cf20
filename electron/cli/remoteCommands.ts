import type { Core } from '../core/core.js';
import {
  authorizationFromEnv,
  createMlflowClient,
  trackingUrl,
} from '../core/remote/mlflowClient.js';
import { pullRuns, type PullSummary } from '../core/remote/pullRuns.js';
import { pushRuns, type PushSummary } from '../core/remote/pushRuns.js';
import { UserError } from '../core/userError.js';
import type { Io } from './commands.js';
import type { CliOptions } from './parseCli.js';

type Command = (core: Core, args: string[], options: CliOptions, io: Io) => Promise<number>;

/**
 * `benchtop runs push --to URL [--filter Q] [--experiment NAME]` and
 * `benchtop runs pull --from URL [--experiment NAME]`: runs to and from any MLflow tracking
 * server. Credentials come from the environment, as for MLflow's own client.
 */
export function withRemoteCommands(runs: Command, env: NodeJS.ProcessEnv = process.env): Command {
  return (core, args, options, io) => {
    if (args[0] === 'push') return pushCommand(core, args.slice(1), options, io, env);
    if (args[0] === 'pull') return pullCommand(core, args.slice(1), options, io, env);
    return runs(core, args, options, io);
  };
}

/** A string flag by name; `--from` may not be declared in parseCli's table. */
const flag = (options: CliOptions, name: string): string | undefined => {
  const value = (options as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
};

const clientFor = (raw: string | undefined, name: string, env: NodeJS.ProcessEnv) => {
  if (raw === undefined)
    throw new UserError(
      `runs ${name === '--to' ? 'push' : 'pull'} needs ${name} URL (an MLflow tracking server, e.g. http://127.0.0.1:5000)`,
    );
  return createMlflowClient({
    url: trackingUrl(raw, name),
    authorization: authorizationFromEnv(env),
  });
};

function noExtra(args: string[]) {
  if (args.length) throw new UserError(`unexpected argument "${args[0]}"`);
}

function report(
  io: Io,
  options: CliOptions,
  summary: PushSummary | PullSummary,
  human: string,
): number {
  if (options.json) io.out(JSON.stringify(summary, null, 2));
  else {
    io.out(human);
    for (const warning of summary.warnings) io.err(`benchtop: warning: ${warning}`);
  }
  return 0;
}

async function pushCommand(
  core: Core,
  args: string[],
  options: CliOptions,
  io: Io,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  noExtra(args);
  if (flag(options, 'from') !== undefined)
    throw new UserError('runs push takes --to URL; --from is for runs pull');
  const client = clientFor(options.to, '--to', env);
  const s = await pushRuns({
    call: core.call,
    client,
    filter: options.filter,
    experiment: options.experiment,
  });
  const skipped = s.runs_skipped ? ` (${s.runs_skipped} already there)` : '';
  return report(
    io,
    options,
    s,
    `pushed ${s.runs_pushed} runs to ${s.to}${skipped}: ${s.params} params, ${s.metric_points} metric points, ${s.artifacts} artifacts`,
  );
}

async function pullCommand(
  core: Core,
  args: string[],
  options: CliOptions,
  io: Io,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  noExtra(args);
  if (options.to !== undefined)
    throw new UserError('runs pull takes --from URL; --to is for runs push');
  if (options.filter !== undefined)
    throw new UserError('runs pull takes no --filter; choose an experiment with --experiment NAME');
  const client = clientFor(flag(options, 'from'), '--from', env);
  const s = await pullRuns({ call: core.call, client, experiment: options.experiment });
  const skipped = s.runs_skipped ? ` (${s.runs_skipped} already here)` : '';
  return report(
    io,
    options,
    s,
    `pulled ${s.runs_added} runs from ${s.from}${skipped} in ${s.experiments} experiments: ${s.params} params, ${s.metric_points} metric points, ${s.artifacts} artifacts`,
  );
}
