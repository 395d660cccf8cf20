import type { Core } from '../core/core.js';
import { UserError } from '../core/userError.js';
import type { Io } from './commands.js';
import type { CliOptions } from './parseCli.js';

type Command = (core: Core, args: string[], options: CliOptions, io: Io) => Promise<number>;

/** `benchtop runs import PATH [--experiment NAME]`: an mlruns folder, an mlflow.db, or a TensorBoard logdir. */
export function withRunImport(runs: Command): Command {
  return async (core, args, options, io) => {
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
