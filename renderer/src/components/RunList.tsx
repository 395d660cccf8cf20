import { useState } from 'react';
import { useRuns } from '../data/queries.js';
import { hrefOf, useRoute } from '../data/route.js';
import { headlineMetric } from '../lib/format.js';
import { StatusBadge } from './StatusBadge.js';

const SIDEBAR_RUNS = 50;

export function RunList({ selectedId }: { selectedId: number | null }) {
  const runs = useRuns();
  // Back to the explorer as it was last left (query, sort, columns), not to its defaults.
  const route = useRoute();
  const [explorerHref, setExplorerHref] = useState(() => hrefOf({ view: 'explorer' }));
  const here = route.view === 'explorer' ? hrefOf(route) : null;
  if (here !== null && here !== explorerHref) setExplorerHref(here);
  // The newest runs only: with thousands, the explorer (virtualised) is the place to browse.
  const items = [...(runs.data ?? [])].sort((a, b) => b.id - a.id).slice(0, SIDEBAR_RUNS);
  return (
    <section className="sidebar-section" aria-labelledby="runs-heading">
      <h2 id="runs-heading" className="sidebar-heading">
        Runs <span className="count">{runs.data?.length ?? ''}</span>
      </h2>
      <a className="sidebar-link" href={explorerHref}>
        Explore and compare runs →
      </a>
      {runs.isError && <p className="sidebar-note">Could not load runs.</p>}
      {runs.isSuccess && items.length === 0 && (
        <p className="sidebar-note">Train a model on a dataset to start a run.</p>
      )}
      <ul className="sidebar-list" aria-label="Runs">
        {items.map((run) => {
          const headline = headlineMetric(run);
          return (
            <li key={run.id}>
              <a
                className="sidebar-item"
                href={hrefOf({ view: 'run', id: run.id })}
                aria-current={run.id === selectedId ? 'page' : undefined}
              >
                <span className="sidebar-item-row">
                  <span className="sidebar-item-name">{run.name}</span>
                  <StatusBadge status={run.status} />
                </span>
                <span className="sidebar-item-meta">
                  {run.model === null ? run.source : `${run.target} · ${run.model}`}
                  {headline && (
                    <span className="run-headline" title={headline.title}>
                      {headline.label} {headline.text}
                    </span>
                  )}
                </span>
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
