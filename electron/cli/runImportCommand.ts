import type { CoreHandle } from '../core/core.js';
import { UserError } from '../core/userError.js';
import type { FollowedSource } from '../../shared/api/otherTrackers.js';
import type { Command, Io } from './cliTypes.js';
import type { CliOptions } from './parseCli.js';

/**
 * `benchtop runs import PATH [--experiment NAME]`: an mlruns folder, an mlflow.db, or a TensorBoard
 * logdir; `benchtop runs follow PATH`: imports it, then brings in what is written there every
 * second until Ctrl-C, so a store or logdir another program is writing shows up live.
 */
export function withRunImport(runs: Command): Command {
  return async (core, args, options, io) => {
    if (args[0] === 'follow') return follow(core, args, options, io);
    if (args[0] !== 'import') return runs(core, args, options, io);
    const [, path, extra] = args;
    if (!path)
      throw new UserError(
        'runs import needs a path: an mlruns folder, an mlflow.db file, or a TensorBoard logdir or event file',
      );
    if (extra !== undefined) throw new UserError(`unexpected argument "${extra}"`);
    const summary = await core.call('runs.import', {
      path,
      ...(options.experiment ? { experiment: options.experiment } : {}),
    });
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

async function follow(
  core: CoreHandle,
  args: string[],
  options: CliOptions,
  io: Io,
): Promise<number> {
  const [, path, extra] = args;
  if (!path)
    throw new UserError(
      'runs follow needs a path: an mlruns folder, an mlflow.db file, or a TensorBoard logdir',
    );
  if (extra !== undefined) throw new UserError(`unexpected argument "${extra}"`);
  const quiet = options.json === true;
  // The core follows (a logdir is tailed, not read again); this prints what each round brought.
  const first = await core.call('runs.follow', {
    path,
    ...(options.experiment ? { experiment: options.experiment } : {}),
  });
  let last = first;
  const seen = new Set<string>();
  const report = (now: FollowedSource, before: FollowedSource | null) => {
    const runs = now.runs_added - (before?.runs_added ?? 0);
    const points = now.metric_points - (before?.metric_points ?? 0);
    if (!quiet && (runs || points || !before))
      io.out(`${runs} run(s) added, ${points} new metric points`);
    for (const w of now.warnings)
      if (!seen.has(w) && seen.add(w) && !quiet) io.err(`benchtop: warning: ${w}`);
    if (!quiet && now.error && now.error !== before?.error)
      io.err(`benchtop: warning: the last check failed (trying again): ${now.error}`);
  };
  report(first, null);
  if (!quiet) io.out(`following ${first.path}; Ctrl-C stops`);
  const unsubscribe = core.events.subscribe((event) => {
    if (event.type !== 'runs.follow.changed') return;
    const now = event.following.find((f) => f.followId === first.followId);
    if (!now) return;
    report(now, last);
    last = now;
  });
  try {
    await io.interrupted();
  } finally {
    unsubscribe();
    await core.call('runs.unfollow', { followId: first.followId }).catch(() => undefined);
  }
  if (quiet) {
    const { followId: _, ...totals } = last;
    io.out(JSON.stringify(totals));
  }
  return 0;
}
