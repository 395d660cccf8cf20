import { useMemo, useSyncExternalStore } from 'react';
import { groupSpecFromQuery, groupSpecToQuery, type GroupSpec } from '../../../shared/runGroups.js';

/** What the main area shows, kept in the URL's hash so a reload lands on the same view. */
export type Route =
  | { view: 'home' }
  | { view: 'dataset'; id: number }
  | { view: 'run'; id: number }
  /** MLflow's client prints links to its UI's run pages (`#/experiments/<id>/runs/<run id>`): they lead to the run here. */
  | { view: 'mlflowRun'; runId: string }
  /**
   * The runs explorer; what it shows lives in the URL so a view can be bookmarked and reloaded.
   * An absent field is the default: no filter, no sort, the informative columns.
   */
  | ({ view: 'explorer' } & Partial<ExplorerState>)
  | { view: 'automation' }
  | { view: 'settings' }
  /** Runs side by side; with `group`, each group of them draws one line (mean and band). */
  | { view: 'compare'; ids: number[]; group?: GroupSpec }
  | { view: 'sweep'; id: number }
  /** A registered model's version tree; `a` is the selected version, `b` the one it is compared with. */
  | { view: 'model'; name: string; a: number | null; b: number | null }
  /** A drift check: a stored report, or the form with its reference and current chosen. */
  | { view: 'drift'; reportId: number | null; reference: number | null; current: number | null };

/** The explorer's query, sort (`-metrics.loss` form, first key first), chosen columns and grouping. */
export interface ExplorerState {
  filter: string;
  sort: string[];
  columns: string[];
  group: GroupSpec;
}

const COLUMN_ID = /^(params|metrics|tags)\.\S/;
const SORT_ID = /^-?((name|status|experiment|started_at)$|(params|metrics|tags)\.\S)/;

/**
 * `#/runs?q=…&sort=-metrics.loss&col=metrics.loss&col=params.lr`. A value that is not of its
 * form is left out, so a mangled link opens the explorer with its defaults instead of failing;
 * a lone empty `col=` is a choice of no columns. `group=params.lr&group=params.layers` groups by
 * those params, `group=*&group=-params.seed` by every param but seed; a mangled one, not at all.
 */
export function parseExplorer(hash: string): Route | null {
  const match = /^#\/runs(?:\?(.*))?$/.exec(hash);
  if (!match) return null;
  const query = new URLSearchParams(match[1] ?? '');
  const route: Route = { view: 'explorer' };
  const filter = query.get('q')?.trim();
  if (filter) route.filter = filter;
  const sort = query.getAll('sort').filter((s) => SORT_ID.test(s));
  if (sort.length) route.sort = [...new Set(sort)];
  const cols = query.getAll('col');
  const columns = cols.filter((c) => COLUMN_ID.test(c));
  if (columns.length) route.columns = [...new Set(columns)];
  else if (cols.length === 1 && cols[0] === '') route.columns = [];
  const group = groupSpecFromQuery(query.getAll('group'));
  if (group) route.group = group;
  return route;
}

/** `?group=…` after a path, or nothing. */
const groupQuery = (group: GroupSpec | undefined): string => {
  if (!group) return '';
  const query = new URLSearchParams();
  for (const g of groupSpecToQuery(group)) query.append('group', g);
  return `?${query.toString()}`;
};

function explorerHref(route: Partial<ExplorerState>): string {
  const query = new URLSearchParams();
  if (route.filter) query.set('q', route.filter);
  for (const s of route.sort ?? []) query.append('sort', s);
  if (route.columns?.length === 0) query.set('col', '');
  for (const c of route.columns ?? []) query.append('col', c);
  for (const g of route.group ? groupSpecToQuery(route.group) : []) query.append('group', g);
  return query.size ? `#/runs?${query.toString()}` : '#/runs';
}

function parseDrift(hash: string): Route | null {
  const match = /^#\/drift(?:\/(\d+))?(?:\?(.*))?$/.exec(hash);
  if (!match) return null;
  const query = new URLSearchParams(match[2] ?? '');
  const id = (name: string) =>
    /^\d+$/.test(query.get(name) ?? '') ? Number(query.get(name)) : null;
  return {
    view: 'drift',
    reportId: match[1] ? Number(match[1]) : null,
    reference: id('ref'),
    current: id('cur'),
  };
}

function parseModel(hash: string): Route | null {
  const match = /^#\/models\/([^?]+)(?:\?(.*))?$/.exec(hash);
  if (!match) return null;
  const query = new URLSearchParams(match[2] ?? '');
  const id = (name: string) =>
    /^\d+$/.test(query.get(name) ?? '') ? Number(query.get(name)) : null;
  let name: string;
  try {
    name = decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
  return { view: 'model', name, a: id('a'), b: id('b') };
}

export function parseRoute(hash: string): Route {
  const withQuery = parseDrift(hash) ?? parseModel(hash) ?? parseExplorer(hash);
  if (withQuery) return withQuery;
  if (hash === '#/automation') return { view: 'automation' };
  if (hash === '#/settings') return { view: 'settings' };
  const mlflowRun = /^#\/experiments\/\d+\/runs\/([0-9a-f]{32})$/.exec(hash);
  if (mlflowRun) return { view: 'mlflowRun', runId: mlflowRun[1]! };
  const compare = /^#\/compare\/(\d+(?:,\d+)*)(?:\?(.*))?$/.exec(hash);
  if (compare) {
    const ids = compare[1]!.split(',').map(Number);
    const group = groupSpecFromQuery(new URLSearchParams(compare[2] ?? '').getAll('group'));
    return group ? { view: 'compare', ids, group } : { view: 'compare', ids };
  }
  const sweep = /^#\/sweeps\/(\d+)$/.exec(hash);
  if (sweep) return { view: 'sweep', id: Number(sweep[1]) };
  const match = /^#\/(datasets|runs)\/(\d+)$/.exec(hash);
  if (!match) return { view: 'home' };
  const id = Number(match[2]);
  return match[1] === 'datasets' ? { view: 'dataset', id } : { view: 'run', id };
}

export function hrefOf(route: Route): string {
  if (route.view === 'dataset') return `#/datasets/${route.id}`;
  if (route.view === 'run') return `#/runs/${route.id}`;
  if (route.view === 'mlflowRun') return `#/experiments/0/runs/${route.runId}`;
  if (route.view === 'explorer') return explorerHref(route);
  if (route.view === 'automation') return '#/automation';
  if (route.view === 'settings') return '#/settings';
  if (route.view === 'compare') return `#/compare/${route.ids.join(',')}${groupQuery(route.group)}`;
  if (route.view === 'sweep') return `#/sweeps/${route.id}`;
  if (route.view === 'model') {
    const query = new URLSearchParams();
    if (route.a !== null) query.set('a', String(route.a));
    if (route.b !== null) query.set('b', String(route.b));
    return `#/models/${encodeURIComponent(route.name)}${query.size ? `?${query.toString()}` : ''}`;
  }
  if (route.view === 'drift') {
    if (route.reportId !== null) return `#/drift/${route.reportId}`;
    const query = new URLSearchParams();
    if (route.reference !== null) query.set('ref', String(route.reference));
    if (route.current !== null) query.set('cur', String(route.current));
    return query.size ? `#/drift?${query.toString()}` : '#/drift';
  }
  return '#/';
}

const listeners = new Set<() => void>();

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
  // Now, not at the later hashchange: a control that set the route (a checkbox, a select) shows
  // its new state in the same event, instead of reverting until the event comes.
  for (const onChange of listeners) onChange();
}

const subscribe = (onChange: () => void): (() => void) => {
  listeners.add(onChange);
  window.addEventListener('hashchange', onChange);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener('hashchange', onChange);
  };
};

const currentHash = (): string => window.location.hash;

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, currentHash);
  // One object per address: a view's memos keyed on its fields hold while the address does.
  return useMemo(() => parseRoute(hash), [hash]);
}
