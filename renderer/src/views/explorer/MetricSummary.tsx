import type { Comparison } from '../../../../shared/api/runRecords.js';
import { byKind, metricKind } from '../../../../shared/metricNames.js';
import { formatNumber } from '../../lib/format.js';
import { runColor } from './runColors.js';

/** A test-split (or cross-validation) metric is one number; a curve has a last, min, max and best step. */
const isSingle = (m: string) => metricKind(m) === 'test' || metricKind(m) === 'cv';
const CURVE = ['last', 'min', 'max', 'best step'];

/** The test split's metrics first (one number each), then last, min, max and best step of every curve, per run. */
export function MetricSummary({
  comparison,
  ids,
  names,
}: {
  comparison: Comparison;
  ids: number[];
  names: ReadonlyMap<number, string>;
}) {
  const metrics = byKind(Object.keys(comparison.metrics));
  return (
    <section className="panel compare-panel" aria-labelledby="metric-summary-heading">
      <h2 id="metric-summary-heading">Metric summary</h2>
      {/* Focusable: a keyboard can scroll a table wider than the panel. */}
      <div className="scroll-x" tabIndex={0} role="region" aria-label="Metric summary, scrollable">
        <table className="diff-table metric-summary" aria-label="Metric summary">
          <thead>
            <tr>
              <th scope="col">run</th>
              {metrics.map((m) => (
                <th key={m} scope="col" colSpan={isSingle(m) ? 1 : 4}>
                  {m}
                </th>
              ))}
            </tr>
            <tr className="sub-head">
              <th />
              {metrics.map((m) =>
                (isSingle(m)
                  ? [metricKind(m) === 'test' ? 'test split' : 'cross-val.']
                  : CURVE
                ).map((s) => <th key={`${m}-${s}`}>{s}</th>),
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
                    (isSingle(m) ? [s.last] : [s.last, s.min, s.max, s.best_step]).map((v, i) => (
                      <td key={`${m}-${i}`} className="num">
                        {formatNumber(v)}
                      </td>
                    ))
                  ) : (
                    <td key={m} colSpan={isSingle(m) ? 1 : 4} />
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
