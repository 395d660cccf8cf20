import type { PullSummary, PushSummary } from '../../shared/api/otherTrackers.js';
import type { CoreHandle } from '../core/core.js';
import { UserError } from '../core/userError.js';
import type { Command, Io } from './cliTypes.js';
import type { CliOptions } from './parseCli.js';

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

const serverFlag = (raw: string | undefined, name: string): string => {
  if (raw === undefined)
    throw new UserError(
      `runs ${name === '--to' ? 'push' : 'pull'} needs ${name} URL (an MLflow tracking server, e.g. http://127.0.0.1:5000)`,
    );
  return raw;
};

/** The variables MLflow's own client reads its credentials from. */
const credentialsFrom = (env: NodeJS.ProcessEnv) => ({
  MLFLOW_TRACKING_TOKEN: env.MLFLOW_TRACKING_TOKEN,
  MLFLOW_TRACKING_USERNAME: env.MLFLOW_TRACKING_USERNAME,
  MLFLOW_TRACKING_PASSWORD: env.MLFLOW_TRACKING_PASSWORD,
});

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
  core: CoreHandle,
  args: string[],
  options: CliOptions,
  io: Io,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  noExtra(args);
  if (flag(options, 'from') !== undefined)
    throw new UserError('runs push takes --to URL; --from is for runs pull');
  const s = await core.call('runs.push', {
    to: serverFlag(options.to, '--to'),
    filter: options.filter,
    experiment: options.experiment,
    credentials: credentialsFrom(env),
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
  core: CoreHandle,
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
  const s = await core.call('runs.pull', {
    from: serverFlag(flag(options, 'from'), '--from'),
    experiment: options.experiment,
    credentials: credentialsFrom(env),
  });
  const skipped = s.runs_skipped ? ` (${s.runs_skipped} already here)` : '';
  return report(
    io,
    options,
    s,
    `pulled ${s.runs_added} runs from ${s.from}${skipped} in ${s.experiments} experiments: ${s.params} params, ${s.metric_points} metric points, ${s.artifacts} artifacts`,
  );
}
