import { UserError } from '../core/userError.js';
import type { Command, Io } from './cliTypes.js';
import type { CliOptions } from './parseCli.js';
import { formatTable } from './printTable.js';

const print = (io: Io, options: CliOptions, json: unknown, human: string) =>
  io.out(options.json ? JSON.stringify(json, null, 2) : human);

/** `benchtop export experiments --experiment NAME[,NAME...] --out FILE`: runs, their files and datasets in one archive. */
export const exportExperimentsCommand: Command = async (core, args, options, io) => {
  if (args.length) throw new UserError(`unexpected argument "${args[0]}"`);
  if (!options.experiment)
    throw new UserError('export experiments needs --experiment NAME[,NAME...]');
  if (!options.out) throw new UserError('--out FILE is required');
  const result = await core.call('experiments.exportTo', {
    experiments: options.experiment.split(','),
    out: options.out,
  });
  const { experiments, runs, datasets } = result.counts;
  print(
    io,
    options,
    result,
    `wrote ${result.path}: ${experiments} experiments, ${runs} runs, ${datasets} datasets, ${result.files} files (${result.bytes} bytes)`,
  );
  return 0;
};

/** `benchtop experiments` lists them; `benchtop experiments import FILE` adds an archive's runs not already here. */
export const experimentsCommand: Command = async (core, args, options, io) => {
  const [sub, file, extra] = args;
  if (sub === undefined) {
    const list = await core.call('experiments.list', {});
    print(
      io,
      options,
      list,
      list.length
        ? formatTable(
            ['name', 'runs', 'created'],
            list.map((e) => [e.name, String(e.runs), e.created_at]),
          )
        : 'no experiments yet',
    );
    return 0;
  }
  if (sub !== 'import')
    throw new UserError(
      `unknown experiments command "${sub}"; use: benchtop experiments [import FILE]`,
    );
  if (!file)
    throw new UserError('experiments import needs an archive: benchtop experiments import FILE');
  if (extra !== undefined) throw new UserError(`unexpected argument "${extra}"`);
  const r = await core.call('experiments.importFrom', { path: file });
  print(
    io,
    options,
    r,
    `imported ${r.runs_added} runs (${r.runs_skipped} already here), ${r.experiments_added} new experiments, ${r.datasets_added} new dataset versions (${r.datasets_reused} already here)`,
  );
  return 0;
};
