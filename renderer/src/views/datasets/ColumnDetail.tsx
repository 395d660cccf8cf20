import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { ColumnProfile } from '../../../../shared/api/datasets.js';
import { formatNumber } from '../../lib/format.js';
import { formatStat } from './formatStat.js';

const TICK = { fontSize: 11, fill: '#6b7280' };
const CHART_WIDTH = 560;

function bars(column: ColumnProfile): { label: string; count: number }[] {
  if (column.histogram) {
    const { edges, counts } = column.histogram;
    return counts.map((count, i) => ({
      label: `${formatStat(edges[i]!)} – ${formatStat(edges[i + 1]!)}`,
      count,
    }));
  }
  return (column.top ?? []).map((t) => ({ label: t.value, count: t.count }));
}

/** An opened column: its full histogram (or top values) with axes, and its statistics. */
export function ColumnDetail({ column }: { column: ColumnProfile }) {
  const data = bars(column);
  const s = column.stats;
  return (
    <div className="column-detail" data-testid="column-detail">
      {data.length > 0 ? (
        <figure className="column-detail-chart">
          <figcaption className="muted">
            {column.histogram
              ? `Histogram: rows per bin (${data.length} bins)`
              : `Most frequent values (top ${data.length} of ${formatNumber(column.distinct)})`}
          </figcaption>
          {/* A fixed size: inside a table cell a responsive chart measures a width of 0. */}
          <BarChart
            width={CHART_WIDTH}
            height={220}
            data={data}
            margin={{ top: 8, right: 12, bottom: 4, left: 4 }}
          >
            <CartesianGrid stroke="#e7e9ee" vertical={false} />
            <XAxis
              dataKey="label"
              height={44}
              tick={TICK}
              tickLine={false}
              interval="preserveStartEnd"
              label={{
                value: column.histogram ? column.name : 'value',
                position: 'insideBottom',
                offset: 0,
                fontSize: 11,
                fill: '#6b7280',
              }}
            />
            <YAxis
              width={48}
              tick={TICK}
              tickLine={false}
              axisLine={false}
              allowDecimals={false}
              tickFormatter={formatNumber}
              label={{
                value: 'rows',
                angle: -90,
                position: 'insideLeft',
                fontSize: 11,
                fill: '#6b7280',
              }}
            />
            <Tooltip formatter={(v) => (typeof v === 'number' ? formatNumber(v) : v)} />
            <Bar
              dataKey="count"
              name="rows"
              className="column-detail-bar"
              isAnimationActive={false}
            />
          </BarChart>
        </figure>
      ) : (
        <p className="muted">No values to draw: every row of this column is empty.</p>
      )}
      {s && (
        <dl className="facts column-stats" aria-label={`Statistics of ${column.name}`}>
          {(
            [
              ['mean', s.mean],
              ['std', s.std],
              ['min', s.min],
              ['p5', s.p5],
              ['p25', s.p25],
              ['median', s.p50],
              ['p75', s.p75],
              ['p95', s.p95],
              ['max', s.max],
            ] as const
          ).map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{formatStat(value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
