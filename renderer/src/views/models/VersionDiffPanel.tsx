import { useState } from 'react';
import { useVersionDiff } from '../../data/registryQueries.js';
import { formatNumber } from '../../lib/format.js';
import { messageOf } from '../../lib/messageOf.js';

const show = (v: unknown) =>
  v === null || v === undefined ? '—' : typeof v === 'number' ? formatNumber(v) : String(v);

/** Two versions side by side: params (differences marked), metrics, and the data they were trained on. */
export function VersionDiffPanel({
  a,
  b,
  labels,
}: {
  a: number;
  b: number;
  labels: [string, string];
}) {
  const diff = useVersionDiff(a, b);
  const [onlyDifferent, setOnlyDifferent] = useState(true);
  if (diff.isPending) return <p className="muted">Comparing…</p>;
  if (diff.isError) return <p className="form-error">{messageOf(diff.error)}</p>;
  const d = diff.data;
  const params = onlyDifferent ? d.params.filter((p) => !p.same) : d.params;
  return (
    <div className="version-diff" data-testid="version-diff">
      <div className="diff-grid">
        <div>
          <div className="diff-heading">
            <h3>Params</h3>
            <label className="inline-check">
              <input
                type="checkbox"
                checked={onlyDifferent}
                onChange={(e) => setOnlyDifferent(e.currentTarget.checked)}
              />{' '}
              only differences
            </label>
          </div>
          <table className="data-table" aria-label="Param differences">
            <thead>
              <tr>
                <th>param</th>
                <th className="num">{labels[0]}</th>
                <th className="num">{labels[1]}</th>
              </tr>
            </thead>
            <tbody>
              {params.map((p) => (
                <tr key={p.name} className={p.same ? undefined : 'is-different'}>
                  <td className="mono">{p.name}</td>
                  <td className="num">{show(p.a)}</td>
                  <td className="num">{show(p.b)}</td>
                </tr>
              ))}
              {params.length === 0 && (
                <tr>
                  <td colSpan={3} className="muted">
                    Same params.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        <div>
          <h3>Metrics</h3>
          <table className="data-table" aria-label="Metric differences">
            <thead>
              <tr>
                <th>metric</th>
                <th className="num">{labels[0]}</th>
                <th className="num">{labels[1]}</th>
              </tr>
            </thead>
            <tbody>
              {d.metrics.map((m) => (
                <tr key={m.name}>
                  <td className="mono">{m.name}</td>
                  <td className="num">{show(m.a)}</td>
                  <td className="num">{show(m.b)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Data</h3>
          <p>
            {show(d.dataset.a)} → {show(d.dataset.b)} {d.dataset.same ? '(same version)' : ''}
          </p>
          {d.dataset.columns_added.length > 0 && (
            <p>Columns added: {d.dataset.columns_added.join(', ')}</p>
          )}
          {d.dataset.columns_removed.length > 0 && (
            <p>Columns removed: {d.dataset.columns_removed.join(', ')}</p>
          )}
          {d.dataset.columns_retyped.map((c) => (
            <p key={c.name}>
              {c.name}: {c.from} → {c.to}
            </p>
          ))}
        </div>
      </div>
    </div>
  );
}
