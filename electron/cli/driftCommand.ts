import {
  CategoricalDriftTest,
  NumericDriftTest,
  type DriftReport,
} from '../../shared/api/drift.js';
import { UserError } from '../core/userError.js';
import type { Command } from './cliTypes.js';
import { resolveData } from './resolveData.js';
import type { CliOptions } from './parseCli.js';
import { formatNumber, formatTable } from './printTable.js';

const EXIT_DRIFT = 1;

function numberOption(options: CliOptions, name: 'threshold' | 'drift-share'): number | undefined {
  const raw = options[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value))
    throw new UserError(`--${name} must be a number, got "${raw}"`);
  return value;
}

function choice<T extends string>(
  schema: { options: readonly T[] },
  raw: string | undefined,
  flag: string,
): T | undefined {
  if (raw === undefined) return undefined;
  if (!(schema.options as readonly string[]).includes(raw))
    throw new UserError(`${flag} must be one of ${schema.options.join(', ')}; got "${raw}"`);
  return raw as T;
}

/** The pinned JSON: the report's figures with the column fields the CLI promises (the overlay bins stay in the app). */
const forJson = (r: DriftReport) => ({
  ...r,
  columns: r.columns.map(({ distribution: _d, ...column }) => column),
});

const forPeople = (r: DriftReport) =>
  `${r.dataset_drift ? 'DRIFT' : 'no drift'}: ${r.drifted_columns} of ${r.tested_columns} columns drifted ` +
  `(share ${formatNumber(r.drift_share)}, threshold ${formatNumber(r.drift_share_threshold)}); ` +
  `reference ${r.reference_rows} rows, current ${r.current_rows} rows\n` +
  formatTable(
    ['column', 'kind', 'test', 'statistic', 'p_value', 'threshold', 'drifted', 'note'],
    r.columns.map((c) => [
      c.column,
      c.kind,
      c.test ?? '—',
      formatNumber(c.statistic ?? undefined),
      formatNumber(c.p_value ?? undefined),
      formatNumber(c.threshold ?? undefined),
      c.drifted ? 'yes' : 'no',
      c.note ?? '',
    ]),
  );

/** `benchtop drift --reference A --current B …`: exit 1 with --fail-on-drift when the dataset drifts. */
export const driftCommand: Command = async (core, args, options, io) => {
  if (args.length) throw new UserError(`unexpected argument "${args[0]}"`);
  if (options.model !== undefined && options.reference !== undefined)
    throw new UserError('give --reference or --model, not both');
  if (!options.reference && options.model === undefined)
    throw new UserError('drift needs --reference FILE_OR_DATASET_ID or --model NAME');
  if (!options.current) throw new UserError('drift needs --current FILE_OR_DATASET_ID');
  const numericTest = choice(NumericDriftTest, options['numeric-test'], '--numeric-test');
  const categoricalTest = choice(
    CategoricalDriftTest,
    options['categorical-test'],
    '--categorical-test',
  );
  const threshold = numberOption(options, 'threshold');
  const driftShare = numberOption(options, 'drift-share');
  const columns = options.columns
    ?.split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  const reference = options.reference
    ? { referenceId: await resolveData(core, options.reference) }
    : { model: options.model! };
  const currentId = await resolveData(core, options.current);
  const report = await core.call('drift.check', {
    ...reference,
    currentId,
    ...(numericTest ? { numericTest } : {}),
    ...(categoricalTest ? { categoricalTest } : {}),
    ...(threshold !== undefined ? { threshold } : {}),
    ...(driftShare !== undefined ? { driftShare } : {}),
    ...(columns?.length ? { columns } : {}),
  });
  io.out(options.json ? JSON.stringify(forJson(report), null, 2) : forPeople(report));
  return options['fail-on-drift'] && report.dataset_drift ? EXIT_DRIFT : 0;
};
