import type { ExplorerRun } from '../../../../shared/api/runRecords.js';
import { stats } from '../../../../shared/groupBands.js';
import { byKind } from '../../../../shared/metricNames.js';
import { formatMeanStd, formatNumber } from '../../lib/format.js';
import type { ChartGroup } from './groupLines.js';

/** `mean ± std` of values (the mean alone for one); empty for none. */
export function meanStdText(values: readonly number[]): string {
  const s = stats(values);
  if (!s) return '';
  return s.std === null ? formatNumber(s.mean) : formatMeanStd(s.mean, s.std);
}

/**
 * The metric summary of grouped runs: one row per group, each metric as the mean ± 1 sample std
 * (n − 1) of its runs' `metrics` value (each key's latest value, as every view shows it).
 */
export function GroupSummary({
  groups,
  runs,
}: {
  groups: readonly ChartGroup[];
  runs: readonly ExplorerRun[];
}) {
  const byId = new Map(runs.map((r) => [r.id, r]));
  const metrics = byKind(new Set(runs.flatMap((r) => Object.keys(r.metrics))));
  return (
    <section className="panel compare-panel" aria-labelledby="metric-summary-heading">
      <h2 id="metric-summary-heading">Metric summary by group</h2>
      <p className="muted small">
        Each run’s latest value of each metric; per group their mean ± 1 std (sample, n−1).
      </p>
      <div className="scroll-x" tabIndex={0} role="region" aria-label="Metric summary, scrollable">
        <table className="diff-table metric-summary" aria-label="Metric summary">
          <thead>
            <tr>
              <th scope="col">group</th>
              <th scope="col">runs</th>
              {metrics.map((m) => (
                <th key={m} scope="col">
                  {m}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => {
              const members = g.ids.flatMap((id) => byId.get(id) ?? []);
              return (
                <tr key={g.label}>
                  <th scope="row">
                    <span className="swatch" style={{ background: g.color }} />
                    {g.label}
                  </th>
                  <td className="num">{members.length}</td>
                  {metrics.map((m) => {
                    const values = members.flatMap((r) => r.metrics[m] ?? []);
                    return (
                      <td
                        key={m}
                        className="num"
                        data-metric={m}
                        title={`${m}: mean ± 1 std over ${values.length} of ${members.length} runs`}
                      >
                        {meanStdText(values)}
                        {values.length > 0 && values.length < members.length && (
                          <span className="muted"> (n={values.length})</span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
