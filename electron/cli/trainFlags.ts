import { ModelKind, Task, TrainParams, type ParamValue } from '../../shared/domain.js';
import { SweepKey, type SweepRange } from '../../shared/api/sweeps.js';
import { UserError } from '../core/userError.js';
import type { CliOptions } from './parseCli.js';

type ParamKey = keyof TrainParams;
const PARAM_KEYS = Object.keys(TrainParams.shape) as ParamKey[];
const NUMBER_FLAGS = {
  epochs: 'epochs',
  lr: 'lr',
  seed: 'seed',
  'batch-size': 'batch_size',
  'val-fraction': 'val_fraction',
  'test-size': 'test_size',
} as const;
const STRING_FLAGS = { hidden: 'hidden', optimizer: 'optimizer' } as const;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

const asNumber = (flag: string, raw: string): number => {
  if (!NUMBER.test(raw.trim())) throw new UserError(`${flag} must be a number, got "${raw}"`);
  return Number(raw);
};
/** A --param/--grid value: a number when it reads as one, else the text. `hidden` stays text (64 is a layer). */
const asValue = (key: string, raw: string): ParamValue =>
  key !== 'hidden' && NUMBER.test(raw.trim()) ? Number(raw) : raw.trim();

/** KEY=VALUE with KEY a hyperparameter (hyphens or underscores). */
function splitKeyValue(flag: string, item: string): [ParamKey, string] {
  const eq = item.indexOf('=');
  if (eq <= 0) throw new UserError(`${flag} needs KEY=VALUE, got "${item}"`);
  const key = item.slice(0, eq).trim().replaceAll('-', '_');
  if (!(PARAM_KEYS as string[]).includes(key))
    throw new UserError(`unknown parameter "${key}" in ${flag}; known: ${PARAM_KEYS.join(', ')}`);
  return [key as ParamKey, item.slice(eq + 1)];
}

/** Which flag set a param, for messages that name what the user typed. */
const flagOf = (key: string, fromParam: Set<string>): string =>
  fromParam.has(key)
    ? `--param ${key}`
    : `--${Object.entries({ ...NUMBER_FLAGS, ...STRING_FLAGS }).find(([, k]) => k === key)?.[0] ?? key}`;

/** Every hyperparameter flag, validated with the contract's schema; a bad value names its flag. */
export function paramsFromFlags(options: CliOptions): Partial<TrainParams> {
  const raw: Record<string, ParamValue> = {};
  for (const [flag, key] of Object.entries(NUMBER_FLAGS)) {
    const value = options[flag as keyof typeof NUMBER_FLAGS];
    if (value !== undefined) raw[key] = asNumber(`--${flag}`, value);
  }
  for (const [flag, key] of Object.entries(STRING_FLAGS)) {
    const value = options[flag as keyof typeof STRING_FLAGS];
    if (value !== undefined) raw[key] = value;
  }
  const fromParam = new Set<string>();
  for (const item of options.param ?? []) {
    const [key, value] = splitKeyValue('--param', item);
    raw[key] = asValue(key, value);
    fromParam.add(key);
  }
  const parsed = TrainParams.partial().safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue?.path[0] ?? '');
    throw new UserError(
      `${flagOf(key, fromParam)}: ${issue?.code === 'invalid_type' ? `must be a ${issue.expected}` : issue?.message}`,
    );
  }
  // Only what was given: the core fills in defaults, so a run records exactly what its flags said.
  return Object.fromEntries(
    Object.keys(raw).map((k) => [k, parsed.data[k as ParamKey]]),
  ) as Partial<TrainParams>;
}

export function modelFlag(options: CliOptions, fallback: ModelKind): ModelKind {
  if (options.model === undefined) return fallback;
  const model = ModelKind.safeParse(options.model);
  if (!model.success)
    throw new UserError(
      `unknown model "${options.model}"; available: ${ModelKind.options.join(', ')}`,
    );
  return model.data;
}

export function taskFlag(options: CliOptions): Task | undefined {
  if (options.task === undefined) return undefined;
  const task = Task.safeParse(options.task);
  if (!task.success)
    throw new UserError(`--task must be ${Task.options.join(', ')}; got "${options.task}"`);
  return task.data;
}

const sweepKey = (flag: string, item: string): [SweepKey, string] => {
  const [key, value] = splitKeyValue(flag, item);
  const parsed = SweepKey.safeParse(key);
  if (!parsed.success)
    throw new UserError(`${flag} cannot vary "${key}"; it can vary ${SweepKey.options.join(', ')}`);
  return [parsed.data, value];
};

/** --grid KEY=V1,V2 …: each key's values. Layer sizes hold commas, so hidden's choices are split on '/': hidden=64/32,16. */
export function gridFlags(items: readonly string[]): Partial<Record<SweepKey, ParamValue[]>> {
  const grid: Partial<Record<SweepKey, ParamValue[]>> = {};
  for (const item of items) {
    const [key, values] = sweepKey('--grid', item);
    const parts = values.split(key === 'hidden' ? '/' : ',').filter((v) => v.trim() !== '');
    if (parts.length === 0) throw new UserError(`--grid ${key} needs at least one value`);
    grid[key] = [...(grid[key] ?? []), ...parts.map((v) => asValue(key, v))];
  }
  return grid;
}

/** --range KEY=LOW:HIGH[:log]. */
export function rangeFlags(items: readonly string[]): Partial<Record<SweepKey, SweepRange>> {
  const ranges: Partial<Record<SweepKey, SweepRange>> = {};
  for (const item of items) {
    const [key, spec] = sweepKey('--range', item);
    const [low, high, scale, extra] = spec.split(':');
    if (
      low === undefined ||
      high === undefined ||
      extra !== undefined ||
      (scale !== undefined && scale !== 'log')
    ) {
      throw new UserError(`--range needs KEY=LOW:HIGH or KEY=LOW:HIGH:log, got "${item}"`);
    }
    const range = {
      low: asNumber(`--range ${key}`, low),
      high: asNumber(`--range ${key}`, high),
      log: scale === 'log',
    };
    if (!(range.low < range.high)) throw new UserError(`--range ${key}: LOW must be below HIGH`);
    if (range.log && range.low <= 0)
      throw new UserError(`--range ${key}: a log range needs LOW above 0`);
    ranges[key] = range;
  }
  return ranges;
}
