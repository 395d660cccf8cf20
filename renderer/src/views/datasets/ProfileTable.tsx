import type { ColumnProfile, DatasetProfile } from '../../../../shared/api/datasets.js';
import { formatNumber } from '../../lib/format.js';

const fmt = (x: number) =>
  Number.isInteger(x)
    ? formatNumber(x)
    : Math.abs(x) >= 1e5 || Math.abs(x) < 1e-3
      ? x.toExponential(2)
      : x.toPrecision(4);

/** A tiny bar chart: a numeric column's histogram or a categorical column's top values. */
function Bars({ counts, label }: { counts: readonly number[]; label: string }) {
  const max = Math.max(1, ...counts);
  const width = 120;
  const bar = width / Math.max(1, counts.length);
  return (
    <svg className="mini-bars" width={width} height={28} role="img" aria-label={label}>
      {counts.map((c, i) => (
        <rect
          key={i}
          x={i * bar + 0.5}
          y={28 - (26 * c) / max}
          width={Math.max(1, bar - 1)}
          height={(26 * c) / max}
        />
      ))}
    </svg>
  );
}

function Summary({ column }: { column: ColumnProfile }) {
  if (column.stats) {
    const s = column.stats;
    return (
      <span className="profile-summary">
        {fmt(s.min)} … {fmt(s.max)} · mean {fmt(s.mean)} · std {fmt(s.std)} · p25/p50/p75{' '}
        {fmt(s.p25)}/{fmt(s.p50)}/{fmt(s.p75)}
      </span>
    );
  }
  return (
    <span className="profile-summary">
      {(column.top ?? []).slice(0, 3).map((t) => (
        <span key={t.value} className="top-value">
          {t.value} <span className="muted">({formatNumber(t.count)})</span>
        </span>
      ))}
    </span>
  );
}

/** A version's profile: per column missing, distinct, statistics and a small distribution. */
export function ProfileTable({ profile }: { profile: DatasetProfile }) {
  return (
    <table className="data-table profile-table" aria-label="Profile">
      <thead>
        <tr>
          <th scope="col">Column</th>
          <th scope="col">Type</th>
          <th scope="col" className="num">
            Missing
          </th>
          <th scope="col" className="num">
            Distinct
          </th>
          <th scope="col">Distribution</th>
          <th scope="col">Summary</th>
        </tr>
      </thead>
      <tbody>
        {profile.columns.map((c) => (
          <tr key={c.name}>
            <td className="mono">{c.name}</td>
            <td>
              <span className={`type-tag type-${c.type}`}>{c.type}</span>
            </td>
            <td className="num">{formatNumber(c.missing)}</td>
            <td className="num">
              {formatNumber(c.distinct)}
              {c.distinct_exact ? '' : ' ≈'}
            </td>
            <td>
              {c.histogram ? (
                <Bars counts={c.histogram.counts} label={`Histogram of ${c.name}`} />
              ) : c.top ? (
                <Bars counts={c.top.map((t) => t.count)} label={`Top values of ${c.name}`} />
              ) : null}
            </td>
            <td>
              <Summary column={c} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
