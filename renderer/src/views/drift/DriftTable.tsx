import type { DriftColumnResult } from '../../../../shared/api/drift.js';
import { formatNumber } from '../../lib/format.js';

const num = (v: number | null) =>
  v === null ? '—' : v !== 0 && Math.abs(v) < 1e-4 ? v.toExponential(2) : formatNumber(v);

/** Every column's result, most severe first (the order the report already has). */
export function DriftTable({ columns }: { columns: readonly DriftColumnResult[] }) {
  return (
    <table className="data-table drift-table" aria-label="Drift by column">
      <thead>
        <tr>
          <th>Column</th>
          <th>Kind</th>
          <th>Test</th>
          <th className="num">Statistic</th>
          <th className="num">p-value</th>
          <th className="num">Threshold</th>
          <th className="num">Effect size</th>
          <th className="num">Missing (ref / cur)</th>
          <th>Drift</th>
        </tr>
      </thead>
      <tbody>
        {columns.map((c) => (
          <tr key={c.column} className={c.drifted ? 'is-drifted' : undefined}>
            <td className="mono">
              {c.column}
              {c.note && <div className="drift-note">{c.note}</div>}
            </td>
            <td>{c.kind}</td>
            <td>{c.test ?? c.status}</td>
            <td className="num">{num(c.statistic)}</td>
            <td className="num">{num(c.p_value)}</td>
            <td className="num">{num(c.threshold)}</td>
            <td className="num" title={c.effect_size_name ?? undefined}>
              {num(c.effect_size)}
            </td>
            <td className="num">
              {c.reference_missing} / {c.current_missing}
            </td>
            <td>
              <span className={c.drifted ? 'drift-badge drifted' : 'drift-badge'}>
                {c.drifted ? 'drifted' : c.test === null ? '—' : 'stable'}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
