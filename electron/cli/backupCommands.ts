import { restoreBackup } from '../core/core.js';
import { UserError } from '../core/userError.js';
import type { Command, Io, StandaloneCommand } from './cliTypes.js';
import type { CliOptions } from './parseCli.js';

const print = (io: Io, options: CliOptions, json: unknown, human: string) =>
  io.out(options.json ? JSON.stringify(json, null, 2) : human);

/** `benchtop backup --out FILE`: the database (online backup) and the data files in one archive. */
export const backupCommand: Command = async (core, args, options, io) => {
  if (args.length) throw new UserError(`unexpected argument "${args[0]}"`);
  if (!options.out) throw new UserError('backup needs --out FILE');
  const result = await core.call('backup.create', { out: options.out });
  const { runs, datasets, model_versions } = result.counts;
  print(
    io,
    options,
    result,
    `wrote ${result.path}: ${result.files} files, ${runs} runs, ${datasets} datasets, ${model_versions} model versions (${result.bytes} bytes)`,
  );
  return 0;
};

/** `benchtop restore FILE`: runs without opening the store, so the data directory stays empty until the archive checks out. */
export const restoreCommand: StandaloneCommand = async (dataDir, args, options, io) => {
  const [file, extra] = args;
  if (!file) throw new UserError('restore needs a backup file: benchtop restore FILE');
  if (extra !== undefined) throw new UserError(`unexpected argument "${extra}"`);
  const result = await restoreBackup(file, dataDir);
  const { runs, datasets, model_versions } = result.counts;
  print(
    io,
    options,
    result,
    `restored ${result.files} files into ${result.dataDir}: ${runs} runs, ${datasets} datasets, ${model_versions} model versions`,
  );
  return 0;
};
