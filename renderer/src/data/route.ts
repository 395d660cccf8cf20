import { useSyncExternalStore } from 'react';

/** What the main area shows, kept in the URL's hash so a reload lands on the same view. */
export type Route =
  | { view: 'home' }
  | { view: 'dataset'; id: number }
  | { view: 'run'; id: number }
  /** MLflow's client prints links to its UI's run pages (`#/experiments/<id>/runs/<run id>`): they lead to the run here. */
  | { view: 'mlflowRun'; runId: string }
  | { view: 'explorer' }
  | { view: 'automation' }
  | { view: 'settings' }
  | { view: 'compare'; ids: number[] }
  | { view: 'sweep'; id: number }
  /** A registered model's version tree; `a` is the selected version, `b` the one it is compared with. */
  | { view: 'model'; name: string; a: number | null; b: number | null }
  /** A drift check: a stored report, or the form with its reference and current chosen. */
  | { view: 'drift'; reportId: number | null; reference: number | null; current: number | null };

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
  const drift = parseDrift(hash) ?? parseModel(hash);
  if (drift) return drift;
  if (hash === '#/runs') return { view: 'explorer' };
  if (hash === '#/automation') return { view: 'automation' };
  if (hash === '#/settings') return { view: 'settings' };
  const mlflowRun = /^#\/experiments\/\d+\/runs\/([0-9a-f]{32})$/.exec(hash);
  if (mlflowRun) return { view: 'mlflowRun', runId: mlflowRun[1]! };
  const compare = /^#\/compare\/(\d+(?:,\d+)*)$/.exec(hash);
  if (compare) return { view: 'compare', ids: compare[1]!.split(',').map(Number) };
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
  if (route.view === 'explorer') return '#/runs';
  if (route.view === 'automation') return '#/automation';
  if (route.view === 'settings') return '#/settings';
  if (route.view === 'compare') return `#/compare/${route.ids.join(',')}`;
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

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

const subscribe = (onChange: () => void): (() => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

const currentHash = (): string => window.location.hash;

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, currentHash);
  return parseRoute(hash);
}
