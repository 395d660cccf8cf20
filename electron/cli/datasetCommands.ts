import type { DatasetDetails, DatasetDiff } from '../../shared/api/datasets.js';
import { ColumnType, type Dataset } from '../../shared/domain.js';
import { UserError } from '../core/userError.js';
import type { CliOptions } from './parseCli.js';
import { formatNumber, formatTable } from './printTable.js';
import type { Command, Io } from './cliTypes.js';
import { importRequestOf, splitTypeFlag } from './importFlags.js';

const print = (io: Io, options: CliOptions, json: unknown, human: string) =>
  io.out(options.json ? JSON.stringify(json, null, 2) : human);

/** `--type COLUMN=TYPE` (repeatable) → a map; a column named with "=" keeps everything before the last one. */
export function parseTypeFlags(raw: readonly string[] = []): Record<string, ColumnType> {
  const types: Record<string, ColumnType> = {};
  for (const item of raw) {
    const [column, name] = splitTypeFlag(item);
    const type = ColumnType.safeParse(name);
    if (!type.success)
      throw new UserError(
        `--type ${column}: the type must be one of ${ColumnType.options.join(', ')}, got "${name}"`,
      );
    types[column] = type.data;
  }
  return types;
}

const describeDataset = (d: Dataset) =>
  `${d.name} v${d.version} (id ${d.id}): ${d.rows} rows, ${d.columns.length} columns, ${d.hash.slice(0, 19)}…\n` +
  formatTable(
    ['column', 'type', 'missing'],
    d.columns.map((c) => [c.name, c.type, String(c.missing)]),
  );

export const importCommand: Command = async (core, args, options, io) => {
  const [file, extra] = args;
  if (!file) throw new UserError('import needs a FILE; see benchtop --help');
  if (extra) throw new UserError(`unexpected argument "${extra}"`);
  const dataset = await core.call('datasets.import', {
    path: file,
    ...(options.name ? { name: options.name } : {}),
    ...importRequestOf(options, () => parseTypeFlags(options.type)),
  });
  const notes = dataset.warnings.map((w) => `note: ${w}`);
  const status = dataset.existing
    ? `already imported: ${dataset.name} v${dataset.version} (id ${dataset.id})\n`
    : '';
  if (!options.json) for (const n of notes) io.err(n);
  print(io, options, dataset, status + describeDataset(dataset));
  return 0;
};

const describeDetails = (d: DatasetDetails) => {
  const rows = (d.profile?.columns ?? []).map((c) => [
    c.name,
    c.type,
    String(c.missing),
    String(c.distinct),
    c.stats
      ? `${formatNumber(c.stats.min)} … ${formatNumber(c.stats.max)}, mean ${formatNumber(c.stats.mean)}`
      : (c.top ?? [])
          .slice(0, 3)
          .map((t) => `${t.value} (${t.count})`)
          .join(', '),
  ]);
  return `${describeDataset(d).split('\n')[0]}\n${formatTable(['column', 'type', 'missing', 'distinct', 'summary'], rows)}`;
};

const describeDiff = (d: DatasetDiff) =>
  [
    `${d.from.name} v${d.from.version} → ${d.to.name} v${d.to.version}: rows ${d.from.rows} → ${d.to.rows}`,
    ...d.added.map((c) => `+ ${c.name} (${c.type})`),
    ...d.removed.map((c) => `- ${c.name} (${c.type})`),
    ...d.retyped.map((c) => `~ ${c.name}: ${c.from} → ${c.to}`),
    ...d.changed.flatMap((c) =>
      c.changes.map((s) => `  ${c.name}.${s.stat}: ${s.before ?? '—'} → ${s.after ?? '—'}`),
    ),
  ].join('\n');

const idArg = (raw: string | undefined, what: string): number => {
  if (raw === undefined || !/^\d+$/.test(raw))
    throw new UserError(
      `${what} needs a dataset ID, got ${raw === undefined ? 'nothing' : `"${raw}"`}`,
    );
  return Number(raw);
};

/** `datasets` lists; `datasets show ID` adds the profile; `datasets diff ID ID` compares two versions. */
export const datasetsCommand: Command = async (core, args, options, io) => {
  const [sub, a, b, extra] = args;
  if (sub === 'show') {
    if (b !== undefined) throw new UserError(`unexpected argument "${b}"`);
    const details = await core.call('datasets.show', { id: idArg(a, 'datasets show') });
    print(io, options, details, describeDetails(details));
    return 0;
  }
  if (sub === 'diff') {
    if (extra !== undefined) throw new UserError(`unexpected argument "${extra}"`);
    const diff = await core.call('datasets.diff', {
      from: idArg(a, 'datasets diff'),
      to: idArg(b, 'datasets diff'),
    });
    print(io, options, diff, describeDiff(diff));
    return 0;
  }
  if (sub !== undefined)
    throw new UserError(`unknown datasets subcommand "${sub}"; use show or diff`);
  const datasets = await core.call('datasets.list', {});
  const human = formatTable(
    ['id', 'name', 'version', 'parent', 'rows', 'columns', 'hash'],
    datasets.map((d) => [
      String(d.id),
      d.name,
      String(d.version),
      d.parent_id === null ? '' : String(d.parent_id),
      String(d.rows),
      String(d.columns.length),
      d.hash.slice(0, 19),
    ]),
  );
  print(io, options, datasets, human);
  return 0;
};
