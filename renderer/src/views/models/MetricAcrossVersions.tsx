import {
  CartesianGrid,
  LabelList,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ModelVersion } from '../../../../shared/api/registry.js';
import { KIND_LABEL, metricKind } from '../../../../shared/metricNames.js';
import { formatNumber } from '../../lib/format.js';
import { lineageOrder } from './lineageOrder.js';
import { versionAxisDomain } from './versionAxis.js';

/** One metric for every version, in lineage order (each branch read from its root). */
export function MetricAcrossVersions({
  versions,
  metric,
}: {
  versions: readonly ModelVersion[];
  metric: string;
}) {
  const rows = lineageOrder(versions).map((v) => ({
    version: `v${v.version}`,
    value: v.metrics[metric] ?? null,
  }));
  return (
    <figure className="chart-card" data-testid="metric-across-versions">
      <figcaption className="chart-title">
        <span className="mono">{metric}</span> across versions
        <span className="muted"> ({KIND_LABEL[metricKind(metric)]})</span>
      </figcaption>
      <div className="chart-body">
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={rows} margin={{ top: 16, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#e7e9ee" vertical={false} />
            {/* Room at both ends for the first and last version's value labels. */}
            <XAxis
              dataKey="version"
              padding={{ left: 28, right: 28 }}
              tick={{ fontSize: 11, fill: '#6b7280' }}
              tickLine={false}
            />
            <YAxis
              width={52}
              domain={versionAxisDomain(rows.map((r) => r.value))}
              tickFormatter={formatNumber}
              tick={{ fontSize: 11, fill: '#6b7280' }}
              tickLine={false}
              axisLine={false}
            />
            <Tooltip formatter={(v) => (typeof v === 'number' ? formatNumber(v) : v)} />
            <Line
              dataKey="value"
              name={metric}
              stroke="#2563eb"
              strokeWidth={2}
              connectNulls
              isAnimationActive={false}
            >
              {/* The values themselves, since an honest axis makes small differences look small. */}
              <LabelList
                dataKey="value"
                position="top"
                className="version-value"
                formatter={(v: unknown) => (typeof v === 'number' ? formatNumber(v) : '')}
                style={{ fontSize: 11, fill: 'var(--muted)' }}
              />
            </Line>
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
