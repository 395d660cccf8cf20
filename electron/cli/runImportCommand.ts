import type { Core } from '../core/core.js';
import { UserError } from '../core/userError.js';
import type { Io } from './commands.js';
import type { CliOptions } from './parseCli.js';

type Command = (core: Core, args: string[], options: CliOptions, io: Io) => Promise<number>;

/** How often `runs follow` looks again: new points are in Benchtop within about this long. */
export const FOLLOW_EVERY_MS = 1000;

/**
 * `benchtop runs import PATH [--experiment NAME]`: an mlruns folder, an mlflow.db, or a TensorBoard
 * logdir; `benchtop runs follow PATH`: the same again every second until Ctrl-C, so a store or
 * logdir another program is writing shows up live (an import adds only what is new).
 */
export function withRunImport(runs: Command, everyMs = FOLLOW_EVERY_MS): Command {
  return async (core, args, options, io) => {
    if (args[0] === 'follow') return follow(core, args, options, io, everyMs);
    if (args[0] !== 'import') return runs(core, args, options, io);
    const [, path, extra] = args;
    if (!path) throw new UserError('runs import needs a path: an mlruns folder, an mlflow.db file, or a TensorBoard logdir or event file');
    if (extra !== undefined) throw new UserError(`unexpected argument "${extra}"`);
    const summary = await core.call('runs.import', { path, ...(options.experiment ? { experiment: options.experiment } : {}) });
    if (options.json === true) io.out(JSON.stringify(summary));
    else {
      io.out(
        `${summary.source}: ${summary.runs_added} run(s) added, ${summary.runs_skipped} already here; ${summary.params} params, ${summary.metric_points} metric points`,
      );
      for (const w of summary.warnings) io.err(`benchtop: warning: ${w}`);
    }
    return 0;
  };
}

async function follow(core: Core, args: string[], options: CliOptions, io: Io, everyMs: number): Promise<number> {
  const [, path, extra] = args;
  if (!path) throw new UserError('runs follow needs a path: an mlruns folder, an mlflow.db file, or a TensorBoard logdir');
  if (extra !== undefined) throw new UserError(`unexpected argument "${extra}"`);
  const input = { path, ...(options.experiment ? { experiment: options.experiment } : {}) };
  const total = { ...(await core.call('runs.import', input)), rounds: 1 };
  const seen = new Set(total.warnings);
  const report = (s: typeof total) => {
    if (options.json !== true && (s.runs_added || s.metric_points)) io.out(`${s.runs_added} run(s) added, ${s.metric_points} new metric points`);
    for (const w of s.warnings) if (!seen.has(w) && seen.add(w) && options.json !== true) io.err(`benchtop: warning: ${w}`);
  };
  report(total);
  if (options.json !== true) io.out(`following ${path}; Ctrl-C stops`);
  let stop = false;
  void io.interrupted().then(() => (stop = true));
  while (!stop) {
    await new Promise((resolve) => setTimeout(resolve, everyMs));
    if (stop) break;
    const round = await core.call('runs.import', input);
    total.rounds++;
    total.runs_added += round.runs_added;
    total.params += round.params;
    total.metric_points += round.metric_points;
    total.warnings = [...seen, ...round.warnings.filter((w) => !seen.has(w))];
    report({ ...round, rounds: total.rounds });
  }
  total.runs_skipped = 0;
  if (options.json === true) io.out(JSON.stringify(total));
  return 0;
}
