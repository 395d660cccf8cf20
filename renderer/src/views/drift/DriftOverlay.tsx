import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { DriftColumnResult } from '../../../../shared/api/drift.js';
import { formatNumber } from '../../lib/format.js';

const percent = (v: number) => `${formatNumber(v * 100)}%`;

/** Reference and current distributions of one column side by side: shares per bin or category. */
export function DriftOverlay({ column }: { column: DriftColumnResult }) {
  const { labels, reference, current } = column.distribution;
  const rows = labels.map((label, i) => ({
    label,
    reference: reference[i] ?? 0,
    current: current[i] ?? 0,
  }));
  return (
    <figure
      className="chart-card drift-overlay"
      data-testid="drift-overlay"
      data-column={column.column}
    >
      <figcaption className="chart-title">
        <span className="mono">{column.column}</span>
        <span className={column.drifted ? 'drift-badge drifted' : 'drift-badge'}>
          {column.drifted ? 'drifted' : 'stable'}
        </span>
      </figcaption>
      <div className="chart-body">
        <ResponsiveContainer width="100%" height={170}>
          <BarChart
            data={rows}
            margin={{ top: 4, right: 8, bottom: 0, left: 0 }}
            barGap={0}
            barCategoryGap={column.kind === 'numeric' ? 1 : '20%'}
          >
            <CartesianGrid stroke="#e7e9ee" vertical={false} />
            <XAxis
              dataKey="label"
              tick={{ fontSize: 10, fill: '#6b7280' }}
              tickLine={false}
              interval="preserveStartEnd"
            />
            <YAxis
              width={44}
              tickFormatter={percent}
              tick={{ fontSize: 10, fill: '#6b7280' }}
              tickLine={false}
              axisLine={false}
            />
            <Tooltip formatter={(v) => (typeof v === 'number' ? percent(v) : v)} />
            <Legend wrapperStyle={{ fontSize: 11 }} />
            <Bar dataKey="reference" fill="#93c5fd" isAnimationActive={false} />
            <Bar dataKey="current" fill="#f97316" fillOpacity={0.75} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
