import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot, openCore, resolveDataDir, type CoreHandle } from '../core/core.js';
import { isUserError, oneLine } from '../core/userError.js';
import type { Io } from './cliTypes.js';
import { COMMANDS, STANDALONE_COMMANDS } from './commands.js';
import { parseCli, USAGE } from './parseCli.js';

const EXIT_USAGE = 2;
const EXIT_INTERNAL = 70;

/** The `benchtop` command. Returns the exit code; errors become one line on stderr, never a stack. */
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
    const standalone = STANDALONE_COMMANDS[command];
    if (standalone) return await standalone(resolveDataDir(options['data-dir']), args, options, io);
    const run = COMMANDS[command];
    if (!run) {
      io.err(`benchtop: unknown command "${command}"; see benchtop --help`);
      return EXIT_USAGE;
    }
    core = openCore({ dataDir: resolveDataDir(options['data-dir']) });
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
