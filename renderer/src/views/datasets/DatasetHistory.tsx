import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Dataset } from '../../../../shared/domain.js';
import { useClient } from '../../data/connection.js';
import { useDatasets } from '../../data/queries.js';
import { hrefOf } from '../../data/route.js';
import { formatNumber, formatTime, shortHash } from '../../lib/format.js';
import { VersionDiff } from './VersionDiff.js';

/** A version's lineage (every version of its name) and a diff against another version. */
export function DatasetHistory({ dataset }: { dataset: Dataset }) {
  const client = useClient();
  const datasets = useDatasets();
  const versions = (datasets.data ?? [])
    .filter((d) => d.name === dataset.name)
    .sort((a, b) => b.version - a.version);
  const [compareTo, setCompareTo] = useState<number | null>(dataset.parent_id);
  const other = versions.find((v) => v.id === compareTo && v.id !== dataset.id);

  const diff = useQuery({
    queryKey: ['datasets.diff', other?.id, dataset.id],
    queryFn: () => client.call('datasets.diff', { from: other!.id, to: dataset.id }),
    enabled: other !== undefined,
  });

  return (
    <section className="panel" aria-labelledby="versions-heading">
      <h2 id="versions-heading">Versions</h2>
      <ol className="lineage" aria-label="Versions">
        {versions.map((v) => (
          <li key={v.id} className={v.id === dataset.id ? 'current' : undefined}>
            <a
              href={hrefOf({ view: 'dataset', id: v.id })}
              aria-current={v.id === dataset.id ? 'page' : undefined}
            >
              v{v.version}
            </a>
            <span className="muted">
              {formatNumber(v.rows)} rows · {v.columns.length} columns ·{' '}
              <span className="mono">{shortHash(v.hash)}</span> · {formatTime(v.created_at)}
              {v.parent_id !== null &&
                ` · from v${versions.find((p) => p.id === v.parent_id)?.version ?? '?'}`}
            </span>
          </li>
        ))}
      </ol>
      {versions.length > 1 && (
        <label className="compare-pick">
          Compare with{' '}
          <select
            aria-label="Compare with version"
            value={other?.id ?? ''}
            onChange={(e) => setCompareTo(e.target.value ? Number(e.target.value) : null)}
          >
            <option value="">—</option>
            {versions
              .filter((v) => v.id !== dataset.id)
              .map((v) => (
                <option key={v.id} value={v.id}>
                  v{v.version}
                </option>
              ))}
          </select>
        </label>
      )}
      {diff.data && <VersionDiff diff={diff.data} />}
    </section>
  );
}
