import type { ParamValue } from './domain.js';

/**
 * Runs grouped by a set of params: the params named (`only`), or every param but those named
 * (`except`: all but `seed` puts a config's seeds together). Runs whose chosen params are all
 * equal form one group; a run without a param holds a value of its own ("missing"), and values
 * keep their type (`1` and `"1"` differ).
 */
export type GroupSpec = { mode: 'only'; params: string[] } | { mode: 'except'; params: string[] };

export interface GroupedRun {
  id: number;
  params: Readonly<Record<string, ParamValue>>;
}

export interface RunGroup {
  key: string;
  /** The chosen params that differ between the groups, as `lr = 0.1, layers = 2`. */
  label: string;
  ids: number[];
}

/** The params a spec groups by, sorted, given every param name the runs have. */
export function groupParamKeys(spec: GroupSpec, allKeys: Iterable<string>): string[] {
  if (spec.mode === 'only') return [...new Set(spec.params)].sort();
  const left = new Set(spec.params);
  return [...new Set(allKeys)].filter((k) => !left.has(k)).sort();
}

/** Every param name the runs have. */
export function paramNames(runs: readonly GroupedRun[]): Set<string> {
  const keys = new Set<string>();
  for (const r of runs) for (const k in r.params) keys.add(k);
  return keys;
}

/** One string per distinct combination: `[v]` for a value (JSON keeps its type), `[]` for missing. */
export const groupKey = (params: Readonly<Record<string, ParamValue>>, keys: readonly string[]) =>
  JSON.stringify(keys.map((k) => (Object.hasOwn(params, k) ? [params[k]] : [])));

/** Missing as `—`; text that would read as another value (`"0.1"`, `"true"`) in quotes. */
const show = (v: ParamValue | undefined): string =>
  v === undefined
    ? '—'
    : typeof v === 'string' && /^(-?[\d.eE+-]+|true|false|null|—|)$/.test(v)
      ? JSON.stringify(v)
      : String(v);

/**
 * The runs' groups in order of each group's first run. Labels name the chosen params whose
 * values differ between these groups (the others are the same for every group, so say nothing);
 * a lone group is "all runs".
 */
export function groupRuns(runs: readonly GroupedRun[], spec: GroupSpec): RunGroup[] {
  const keys = groupParamKeys(spec, spec.mode === 'except' ? paramNames(runs) : []);
  const byKey = new Map<string, { first: GroupedRun; ids: number[] }>();
  for (const r of runs) {
    const key = groupKey(r.params, keys);
    const g = byKey.get(key);
    if (g) g.ids.push(r.id);
    else byKey.set(key, { first: r, ids: [r.id] });
  }
  const labelOf = groupLabeller(
    [...byKey.values()].map((g) => g.first.params),
    keys,
  );
  return [...byKey.entries()].map(([key, g]) => ({
    key,
    label: labelOf(g.first.params),
    ids: g.ids,
  }));
}

/**
 * Labels for groups given one member's params of each: the chosen params whose values differ
 * between the groups, `k = v` joined by commas; "all runs" when nothing differs.
 */
export function groupLabeller(
  members: readonly Readonly<Record<string, ParamValue>>[],
  keys: readonly string[],
): (params: Readonly<Record<string, ParamValue>>) => string {
  const varying = keys.filter((k) => {
    const seen = new Set(members.map((p) => groupKey(p, [k])));
    return seen.size > 1;
  });
  return (params) =>
    varying.length
      ? varying
          .map((k) => `${k} = ${show(Object.hasOwn(params, k) ? params[k] : undefined)}`)
          .join(', ')
      : 'all runs';
}

/** How a spec reads in a control: `lr, optimizer` or `every param except seed`. */
export function describeGroupSpec(spec: GroupSpec): string {
  if (spec.mode === 'only') return spec.params.join(', ');
  return spec.params.length ? `every param except ${spec.params.join(', ')}` : 'every param';
}

const PARAM = /^params\.(\S.*)$/;
const EXCLUDED = /^-params\.(\S.*)$/;

/**
 * The spec as URL values: `params.lr`, `params.optimizer` (only those), or `*` then
 * `-params.seed` (every param except seed).
 */
export function groupSpecToQuery(spec: GroupSpec): string[] {
  return spec.mode === 'only'
    ? spec.params.map((p) => `params.${p}`)
    : ['*', ...spec.params.map((p) => `-params.${p}`)];
}

/**
 * Back from URL values; null (ungrouped) for none, or when any value is not of its form or the
 * two forms are mixed: grouping by part of what a link meant would mislead.
 */
export function groupSpecFromQuery(values: readonly string[]): GroupSpec | null {
  if (!values.length) return null;
  const star = values.filter((v) => v === '*').length;
  if (star > 1) return null;
  if (star === 1) {
    if (values[0] !== '*') return null;
    const params: string[] = [];
    for (const v of values.slice(1)) {
      const m = EXCLUDED.exec(v);
      if (!m) return null;
      params.push(m[1]!);
    }
    return { mode: 'except', params: [...new Set(params)] };
  }
  const params: string[] = [];
  for (const v of values) {
    const m = PARAM.exec(v);
    if (!m) return null;
    params.push(m[1]!);
  }
  return { mode: 'only', params: [...new Set(params)] };
}
