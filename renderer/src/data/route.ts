import { useSyncExternalStore } from 'react';

/** What the main area shows, kept in the URL's hash so a reload lands on the same view. */
export type Route =
  { view: 'home' } | { view: 'dataset'; id: number } | { view: 'run'; id: number };

export function parseRoute(hash: string): Route {
  const match = /^#\/(datasets|runs)\/(\d+)$/.exec(hash);
  if (!match) return { view: 'home' };
  const id = Number(match[2]);
  return match[1] === 'datasets' ? { view: 'dataset', id } : { view: 'run', id };
}

export function hrefOf(route: Route): string {
  if (route.view === 'dataset') return `#/datasets/${route.id}`;
  if (route.view === 'run') return `#/runs/${route.id}`;
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
