import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportOptions } from '../../shared/api/datasets.js';
import type { CoreHandle } from '../core/core.js';
import { appRoot, discardHeadStart, importAhead, resolveDataDir } from '../core/beforeCore.js';
import { isUserError, oneLine } from '../core/userError.js';
import { cliJobPriority } from './cliJobPriority.js';
import type { Io } from './cliTypes.js';
import { importRequestOf, splitTypeFlag } from './importFlags.js';
import { parseCli, USAGE, type CliOptions } from './parseCli.js';

const EXIT_USAGE = 2;
const EXIT_INTERNAL = 70;

/**
 * The `benchtop` command. Returns the exit code; errors become one line on stderr, never a stack.
 * The core and the command table load only once a command needs them (`--version` and `--help`
 * never do); an import's job starts first, so it parses while they load.
 */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  let core: CoreHandle | undefined;
  try {
    if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
      io.out(JSON.parse(readFileSync(join(appRoot(), 'package.json'), 'utf8')).version);
      return 0;
    }
    const { command, args, options } = parseCli(argv);
    if (options.help || !command || command === 'help') {
      io.out(USAGE);
      return options.help || command === 'help' ? 0 : EXIT_USAGE;
    }
    const dataDir = resolveDataDir(options['data-dir']);
    cliJobPriority(command, process.env);
    if (command === 'import') startImportAhead(dataDir, args, options);
    const [{ openCore }, { COMMANDS, STANDALONE_COMMANDS }] = await Promise.all([
      import('../core/core.js'),
      import('./commands.js'),
    ]);
    const standalone = STANDALONE_COMMANDS[command];
    if (standalone) return await standalone(dataDir, args, options, io);
    const run = COMMANDS[command];
    if (!run) {
      io.err(`benchtop: unknown command "${command}"; see benchtop --help`);
      return EXIT_USAGE;
    }
    core = openCore({ dataDir });
    return await run(core, args, options, io);
  } catch (e) {
    if (isUserError(e)) {
      io.err(`benchtop: ${e.message}`);
      return EXIT_USAGE;
    }
    io.err(`benchtop: internal error: ${oneLine(e)}`);
    if (process.env.BENCHTOP_DEBUG) io.err(String((e as Error).stack));
    return EXIT_INTERNAL;
  } finally {
    await core?.close();
    await discardHeadStart(); // a job started ahead that the import did not adopt (bad flags, errors)
  }
}

/** The job `benchtop import FILE …` will ask for, started before the core loads; a guess the core checks. */
function startImportAhead(dataDir: string, args: string[], options: CliOptions): void {
  const [file, extra] = args;
  if (file === undefined || extra !== undefined) return;
  try {
    // Split, not checked: a type the contract refuses fails the command, and the guess is discarded.
    const types = () =>
      Object.fromEntries((options.type ?? []).map(splitTypeFlag)) as ImportOptions['types'];
    importAhead(dataDir, file, importRequestOf(options, types));
  } catch {
    // a bad flag: the command reports it, with nothing started
  }
}

function processIo(): Io {
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    interrupted: () =>
      new Promise((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      }),
  };
}
