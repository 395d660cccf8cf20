import { useDatasets } from '../data/queries.js';
import { hrefOf } from '../data/route.js';
import { formatNumber } from '../lib/format.js';

export function DatasetList({ selectedId }: { selectedId: number | null }) {
  const datasets = useDatasets();
  const items = [...(datasets.data ?? [])].sort((a, b) => b.id - a.id);
  return (
    <section className="sidebar-section" aria-labelledby="datasets-heading">
      <h2 id="datasets-heading" className="sidebar-heading">
        Datasets <span className="count">{datasets.data?.length ?? ''}</span>
      </h2>
      {datasets.isError && <p className="sidebar-note">Could not load datasets.</p>}
      {datasets.isSuccess && items.length === 0 && (
        <p className="sidebar-note">Drop a CSV anywhere to add one.</p>
      )}
      <ul className="sidebar-list" aria-label="Datasets">
        {items.map((dataset) => (
          <li key={dataset.id}>
            <a
              className="sidebar-item"
              href={hrefOf({ view: 'dataset', id: dataset.id })}
              aria-current={dataset.id === selectedId ? 'page' : undefined}
            >
              <span className="sidebar-item-name">{dataset.name}</span>
              <span className="sidebar-item-meta">
                v{dataset.version} · {formatNumber(dataset.rows)} rows
              </span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
