import type { ModelVersion } from '../../shared/api/registry.js';
import { UserError } from '../core/userError.js';
import type { Command, Io } from './cliTypes.js';
import type { CliOptions } from './parseCli.js';
import { formatNumber, formatTable } from './printTable.js';

/** The pinned JSON of a version. */
const pinned = (v: ModelVersion) => ({
  id: v.id,
  model: v.model,
  version: v.version,
  run_id: v.run_id,
  parent_id: v.parent_id,
  dataset_id: v.dataset_id,
  aliases: v.aliases,
  stage: v.stage,
  note: v.note,
  metrics: v.metrics,
  created_at: v.created_at,
});

const describe = (v: ModelVersion) =>
  `${v.model} v${v.version} (id ${v.id}) from run ${v.run_id ?? '—'}${v.parent_id ? `, parent ${v.parent_id}` : ''}; stage ${v.stage}` +
  (v.aliases.length ? `; aliases ${v.aliases.join(', ')}` : '');

function integer(options: CliOptions, name: 'run' | 'parent' | 'version', required: true): number;
function integer(
  options: CliOptions,
  name: 'run' | 'parent' | 'version',
  required: false,
): number | undefined;
function integer(
  options: CliOptions,
  name: 'run' | 'parent' | 'version',
  required: boolean,
): number | undefined {
  const raw = options[name];
  if (raw === undefined) {
    if (required) throw new UserError(`--${name} is required`);
    return undefined;
  }
  if (!/^\d+$/.test(raw)) throw new UserError(`--${name} must be a whole number, got "${raw}"`);
  return Number(raw);
}
const modelName = (options: CliOptions): string => {
  if (!options.model) throw new UserError('--model NAME is required');
  return options.model;
};
const print = (io: Io, options: CliOptions, json: unknown, human: string) =>
  io.out(options.json ? JSON.stringify(json, null, 2) : human);
const noExtra = (args: string[]) => {
  if (args.length) throw new UserError(`unexpected argument "${args[0]}"`);
};

export const registerCommand: Command = async (core, args, options, io) => {
  noExtra(args);
  if (!options.name) throw new UserError('register needs --name NAME');
  const parentId = integer(options, 'parent', false);
  const v = await core.call('registry.register', {
    runId: integer(options, 'run', true),
    name: options.name,
    ...(parentId !== undefined ? { parentId } : {}),
    note: options.note ?? '',
  });
  print(io, options, pinned(v), `registered ${describe(v)}`);
  return 0;
};

export const modelsCommand: Command = async (core, args, options, io) => {
  const [sub, ...rest] = args;
  if (sub === 'export') {
    noExtra(rest);
    if (!options.out) throw new UserError('models export needs --out FILE');
    const result = await core.call('registry.export', {
      model: modelName(options),
      version: integer(options, 'version', true),
      out: options.out,
    });
    print(
      io,
      options,
      result,
      `wrote ${result.path} (${result.files} files, ${formatNumber(result.bytes)} bytes)`,
    );
    return 0;
  }
  if (sub === 'import') {
    const [file, extra] = rest;
    if (!file) throw new UserError('models import needs a FILE');
    noExtra(extra ? [extra] : []);
    const { version, existing } = await core.call('registry.import', { path: file });
    print(
      io,
      options,
      { ...pinned(version), existing },
      `${existing ? 'already imported as' : 'imported'} ${describe(version)}`,
    );
    return 0;
  }
  if (sub !== undefined)
    throw new UserError(`unknown models subcommand "${sub}"; use export or import`);
  const models = await core.call('registry.models', {});
  const human = formatTable(
    ['model', 'version', 'id', 'run', 'parent', 'stage', 'aliases'],
    models.flatMap((m) =>
      m.versions.map((v) => [
        m.name,
        String(v.version),
        String(v.id),
        String(v.run_id ?? '—'),
        String(v.parent_id ?? ''),
        v.stage,
        v.aliases.join(', '),
      ]),
    ),
  );
  print(
    io,
    options,
    models.map((m) => ({ name: m.name, versions: m.versions.map(pinned) })),
    human,
  );
  return 0;
};

export const aliasCommand: Command = async (core, args, options, io) => {
  noExtra(args);
  if ((options.set === undefined) === (options.unset === undefined))
    throw new UserError('alias needs exactly one of --set ALIAS or --unset ALIAS');
  const v = await core.call('registry.alias', {
    model: modelName(options),
    version: integer(options, 'version', true),
    ...(options.set !== undefined ? { set: options.set } : { unset: options.unset! }),
    reason: options.reason ?? '',
  });
  print(io, options, pinned(v), describe(v));
  return 0;
};

export const stageCommand: Command = async (core, args, options, io) => {
  noExtra(args);
  if (!options.to) throw new UserError('stage needs --to STAGE');
  const v = await core.call('registry.stage', {
    model: modelName(options),
    version: integer(options, 'version', true),
    to: options.to as never,
    reason: options.reason ?? '',
  });
  print(io, options, pinned(v), describe(v));
  return 0;
};
