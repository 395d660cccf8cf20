import type { ImportOptions } from '../../shared/api/datasets.js';
import { UserError } from '../core/userError.js';
import type { CliOptions } from './parseCli.js';

// `benchtop import`'s flags, read without the contract's schemas: main.ts reads them to start the
// import's job before the core (and zod) have loaded; datasetCommands.ts for the call itself.

const DELIMITERS: Record<string, ',' | ';' | '\t' | '|'> = {
  ',': ',',
  ';': ';',
  '|': '|',
  '\t': '\t',
  '\\t': '\t',
  tab: '\t',
};

export function delimiterFlag(raw: string | undefined): ',' | ';' | '\t' | '|' | undefined {
  if (raw === undefined) return undefined;
  const d = DELIMITERS[raw];
  if (!d) throw new UserError(`--delimiter must be one of , ; | or tab, got "${raw}"`);
  return d;
}

/** `--type COLUMN=TYPE` → [column, type]; a column named with "=" keeps everything before the last one. */
export function splitTypeFlag(item: string): [string, string] {
  const at = item.lastIndexOf('=');
  if (at <= 0) throw new UserError(`--type must look like COLUMN=TYPE, got "${item}"`);
  return [item.slice(0, at), item.slice(at + 1)];
}

/** The import options the flags ask for; `types` reads the --type flags (checked, or only split). */
export function importRequestOf(
  options: CliOptions,
  types: () => ImportOptions['types'],
): Omit<ImportOptions, 'importId'> {
  const delimiter = delimiterFlag(options.delimiter);
  return {
    types: types(),
    ...(delimiter ? { delimiter } : {}),
    noHeader: options['no-header'] === true,
    skipBadLines: options['skip-bad-lines'] === true,
  };
}
