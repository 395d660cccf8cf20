import type { DatasetDiff } from '../../../../shared/api/datasets.js';
import { formatNumber } from '../../lib/format.js';

const show = (x: number | null) =>
  x === null ? '—' : Number.isInteger(x) ? formatNumber(x) : x.toPrecision(4);

/** What changed between two versions: rows, columns added, removed or retyped, statistics. */
export function VersionDiff({ diff }: { diff: DatasetDiff }) {
  const delta = diff.rows_delta;
  const nothing =
    !diff.added.length &&
    !diff.removed.length &&
    !diff.retyped.length &&
    !diff.changed.length &&
    delta === 0;
  return (
    <div className="version-diff" aria-label="Diff">
      <p>
        v{diff.from.version} → v{diff.to.version}: {formatNumber(diff.from.rows)} →{' '}
        {formatNumber(diff.to.rows)} rows ({delta >= 0 ? '+' : ''}
        {formatNumber(delta)})
      </p>
      {nothing && <p className="muted">No differences in schema or statistics.</p>}
      <ul className="diff-list">
        {diff.added.map((c) => (
          <li key={`+${c.name}`} className="diff-added">
            + <span className="mono">{c.name}</span> added ({c.type})
          </li>
        ))}
        {diff.removed.map((c) => (
          <li key={`-${c.name}`} className="diff-removed">
            − <span className="mono">{c.name}</span> removed ({c.type})
          </li>
        ))}
        {diff.retyped.map((c) => (
          <li key={`~${c.name}`} className="diff-retyped">
            ~ <span className="mono">{c.name}</span> {c.from} → {c.to}
          </li>
        ))}
      </ul>
      {diff.changed.length > 0 && (
        <table className="data-table" aria-label="Statistic changes">
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Statistic</th>
              <th scope="col" className="num">
                Before
              </th>
              <th scope="col" className="num">
                After
              </th>
            </tr>
          </thead>
          <tbody>
            {diff.changed.flatMap((c) =>
              c.changes.map((s) => (
                <tr key={`${c.name}.${s.stat}`}>
                  <td className="mono">{c.name}</td>
                  <td>{s.stat}</td>
                  <td className="num">{show(s.before)}</td>
                  <td className="num">{show(s.after)}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
    </div>
  );
}
