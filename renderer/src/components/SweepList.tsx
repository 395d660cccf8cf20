import { hrefOf } from '../data/route.js';
import { useSweeps } from '../data/trainingQueries.js';
import { StatusBadge } from './StatusBadge.js';

/** Sweeps in the sidebar, newest first; hidden until there is one. */
export function SweepList({ selectedId }: { selectedId: number | null }) {
  const sweeps = useSweeps();
  if (!sweeps.data?.length) return null;
  return (
    <section className="sidebar-section" aria-labelledby="sweeps-heading">
      <h2 id="sweeps-heading" className="sidebar-heading">
        Sweeps <span className="count">{sweeps.data.length}</span>
      </h2>
      <ul className="sidebar-list" aria-label="Sweeps">
        {sweeps.data.map((s) => (
          <li key={s.id}>
            <a
              className="sidebar-item"
              href={hrefOf({ view: 'sweep', id: s.id })}
              aria-current={s.id === selectedId ? 'page' : undefined}
            >
              <span className="sidebar-item-row">
                <span className="sidebar-item-name">{s.name}</span>
                <StatusBadge status={s.status} />
              </span>
              <span className="sidebar-item-meta">
                {s.target} · {s.model} · best by {s.metric}
              </span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
