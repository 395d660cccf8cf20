import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { seriesColor } from '../../../shared/palette.js';
import type { MetricGroup } from '../lib/metricGroups.js';
import { chartRows, METRIC_ABOUT } from '../lib/metricGroups.js';
import { formatNumber } from '../lib/format.js';

/** One metric over steps (epochs): the training series and its validation twin, every point drawn. */
export function MetricChart({
  group,
  stepLabel = 'epoch',
}: {
  group: MetricGroup;
  stepLabel?: 'epoch' | 'step';
}) {
  const rows = chartRows(group.series);
  return (
    <figure className="chart-card" data-testid="metric-chart" data-metric={group.name}>
      {/* A path-like key (system/…, train/…) is shown as logged; a plain one reads as words. */}
      <figcaption
        className={group.name.includes('/') ? 'chart-title chart-title-key' : 'chart-title'}
      >
        {group.name.includes('/') ? group.name : group.name.replace(/_/g, ' ')}
        {METRIC_ABOUT[group.name] && (
          <span className="chart-about"> · {METRIC_ABOUT[group.name]}</span>
        )}
      </figcaption>
      <div className="chart-body">
        <ResponsiveContainer width="100%" height={240}>
          <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid stroke="#e7e9ee" vertical={false} />
            <XAxis
              dataKey="step"
              type="number"
              domain={['dataMin', 'dataMax']}
              allowDecimals={false}
              tick={{ fontSize: 11, fill: '#6b7280' }}
              tickLine={false}
              axisLine={{ stroke: '#d1d5db' }}
              label={{ value: stepLabel, position: 'insideBottomRight', offset: -2, fontSize: 11 }}
            />
            <YAxis
              width={52}
              domain={['auto', 'auto']}
              tickFormatter={formatNumber}
              tick={{ fontSize: 11, fill: '#6b7280' }}
              tickLine={false}
              axisLine={false}
            />
            <Tooltip
              formatter={(value) => (typeof value === 'number' ? formatNumber(value) : value)}
              labelFormatter={(step) => `${stepLabel} ${String(step)}`}
            />
            <Legend iconType="plainline" wrapperStyle={{ fontSize: 12 }} />
            {group.series.map((series, i) => (
              <Line
                key={series.key}
                dataKey={series.key}
                name={series.key}
                type="linear"
                stroke={seriesColor(i)}
                strokeWidth={2}
                strokeDasharray={series.key.startsWith('val_') ? '5 3' : undefined}
                dot={false}
                connectNulls
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
