import type { Comparison } from '../../../../shared/api/runRecords.js';
import { formatNumber } from '../../lib/format.js';
import { runColor } from './runColors.js';

/** Last, min, max and best step of every metric, per run. */
export function MetricSummary({
  comparison,
  ids,
  names,
}: {
  comparison: Comparison;
  ids: number[];
  names: ReadonlyMap<number, string>;
}) {
  const metrics = Object.keys(comparison.metrics).sort();
  return (
    <section className="panel compare-panel" aria-labelledby="metric-summary-heading">
      <h2 id="metric-summary-heading">Metric summary</h2>
      <div className="scroll-x">
        <table className="diff-table" aria-label="Metric summary">
          <thead>
            <tr>
              <th scope="col">run</th>
              {metrics.map((m) => (
                <th key={m} scope="col" colSpan={4}>
                  {m}
                </th>
              ))}
            </tr>
            <tr className="sub-head">
              <th />
              {metrics.map((m) =>
                ['last', 'min', 'max', 'best step'].map((s) => <th key={`${m}-${s}`}>{s}</th>),
              )}
            </tr>
          </thead>
          <tbody>
            {ids.map((id) => (
              <tr key={id}>
                <th scope="row">
                  <span className="swatch" style={{ background: runColor(id) }} />
                  {names.get(id) ?? id}
                </th>
                {metrics.map((m) => {
                  const s = comparison.metrics[m]?.[id];
                  return s ? (
                    [s.last, s.min, s.max, s.best_step].map((v, i) => (
                      <td key={`${m}-${i}`} className="num">
                        {formatNumber(v)}
                      </td>
                    ))
                  ) : (
                    <td key={m} colSpan={4} />
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
