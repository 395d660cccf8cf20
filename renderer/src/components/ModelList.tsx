import { useModels } from '../data/registryQueries.js';
import { hrefOf } from '../data/route.js';

/** Registered models in the sidebar, each with its number of versions. */
export function ModelList({ selected }: { selected: string | null }) {
  const models = useModels();
  const items = models.data ?? [];
  return (
    <section className="sidebar-section" aria-labelledby="models-heading">
      <h2 id="models-heading" className="sidebar-heading">
        Models <span className="count">{models.data?.length ?? ''}</span>
      </h2>
      {models.isSuccess && items.length === 0 && (
        <p className="sidebar-note">Register a finished run to start a model.</p>
      )}
      <ul className="sidebar-list" aria-label="Models">
        {items.map((m) => (
          <li key={m.name}>
            <a
              className="sidebar-item"
              href={hrefOf({ view: 'model', name: m.name, a: null, b: null })}
              aria-current={m.name === selected ? 'page' : undefined}
            >
              <span className="sidebar-item-name">{m.name}</span>
              <span className="sidebar-item-meta">
                {m.versions.length} version{m.versions.length === 1 ? '' : 's'}
                {m.versions.some((v) => v.aliases.includes('champion')) &&
                  ` · champion v${m.versions.find((v) => v.aliases.includes('champion'))!.version}`}
              </span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
