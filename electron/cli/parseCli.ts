import { parseArgs } from 'node:util';
import { UserError } from '../core/userError.js';

export const USAGE = `Benchtop — local-first MLOps: import data, train, track and compare runs.

Usage: benchtop [--data-dir DIR] COMMAND [options]

Commands:
  import FILE [--name NAME]      import a CSV/TSV file as a new dataset version
  datasets                       list datasets
  train --data FILE_OR_DATASET_ID --target COLUMN
        [--model logistic] [--epochs N] [--lr X] [--seed S] [--batch-size N]
        [--val-fraction F] [--experiment NAME]
                                 train a model and wait for the run to end
  runs                           list runs with their params and final metrics
  serve [--port N]               serve the app at http://127.0.0.1:PORT (0 picks a free port)

Options:
  --data-dir DIR   where data lives (default: $BENCHTOP_HOME, else the OS's app-data folder)
  --json           print exactly one JSON document on stdout
  -h, --help       show this help
  -v, --version    show the version

Exit codes: 0 success, 1 the run failed, 2 bad input or usage, 70 internal fault.`;

const OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  name: { type: 'string' },
  data: { type: 'string' },
  target: { type: 'string' },
  model: { type: 'string' },
  epochs: { type: 'string' },
  lr: { type: 'string' },
  seed: { type: 'string' },
  'batch-size': { type: 'string' },
  'val-fraction': { type: 'string' },
  experiment: { type: 'string' },
  port: { type: 'string' },
} as const;

export type CliOptions = ReturnType<typeof parseCli>['options'];

/** Parses argv; unknown options and stray words are usage errors with a one-line message. */
export function parseCli(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    const code = (e as { code?: string }).code;
    const option = /'(-[^']*)'/.exec((e as Error).message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UserError(`unknown option ${option}; see benchtop --help`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UserError(`option ${option.split(' ')[0]} needs a value`);
    throw new UserError((e as Error).message);
  }
  const [command, ...args] = parsed.positionals;
  return { command, args, options: parsed.values };
}

/** A numeric flag: absent stays undefined, anything but a number is a usage error. */
export function numberFlag(options: CliOptions, name: 'epochs' | 'lr' | 'seed' | 'batch-size' | 'val-fraction' | 'port'): number | undefined {
  const raw = options[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) throw new UserError(`--${name} must be a number, got "${raw}"`);
  return value;
}
