import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useState } from 'react';
import type { DriftSummary } from '../../../../shared/api/drift.js';
import { seriesColor } from '../../../../shared/palette.js';
import { hrefOf } from '../../data/route.js';
import { formatNumber, formatTime } from '../../lib/format.js';

const MAX_COLUMN_LINES = 8;

/** The share of drifted columns in every check against this reference's dataset, oldest first. */
export function DriftHistory({
  history,
  selectedId,
}: {
  history: readonly DriftSummary[];
  selectedId: number | null;
}) {
  const points = [...history]
    .reverse()
    .map((h) => ({ check: `#${h.id}`, share: h.drift_share, threshold: h.drift_share_threshold }));
  const threshold = history[0]?.drift_share_threshold;
  // Every column any check tested, for the picker; "all" draws the first eight at once.
  const every = [...new Set(history.flatMap((h) => Object.keys(h.statistics)))].sort((a, b) =>
    a.localeCompare(b),
  );
  const [picked, setPicked] = useState('');
  const column = every.includes(picked) ? picked : '';
  const columns = column ? [column] : every.slice(0, MAX_COLUMN_LINES);
  const statistics = [...history].reverse().map((h) => ({ check: `#${h.id}`, ...h.statistics }));
  return (
    <div className="drift-history">
      <figure className="chart-card" data-testid="drift-history">
        <figcaption className="chart-title">Share of drifted columns per check</figcaption>
        <div className="chart-body">
          <ResponsiveContainer width="100%" height={180}>
            <LineChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="#e7e9ee" vertical={false} />
              <XAxis dataKey="check" tick={{ fontSize: 11, fill: '#6b7280' }} tickLine={false} />
              <YAxis
                width={40}
                domain={[0, 1]}
                tick={{ fontSize: 11, fill: '#6b7280' }}
                tickLine={false}
                axisLine={false}
              />
              <Tooltip formatter={(v) => (typeof v === 'number' ? formatNumber(v) : v)} />
              {threshold !== undefined && (
                <ReferenceLine y={threshold} stroke="#dc2626" strokeDasharray="4 3" />
              )}
              <Line dataKey="share" stroke="#2563eb" strokeWidth={2} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <figure className="chart-card" data-testid="drift-column-history">
        <figcaption className="chart-title drift-history-title">
          <span>
            {column ? (
              <>
                Statistic of <span className="mono">{column}</span> per check
              </>
            ) : (
              'Each column’s statistic per check'
            )}
          </span>
          <label className="drift-history-pick">
            History of{' '}
            <select
              aria-label="History of"
              value={column}
              onChange={(e) => setPicked(e.currentTarget.value)}
            >
              <option value="">All columns</option>
              {every.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        </figcaption>
        {!column && every.length > MAX_COLUMN_LINES && (
          <p className="muted drift-history-note">
            Showing the first {MAX_COLUMN_LINES} of {every.length} columns; pick one to see its own
            history.
          </p>
        )}
        <div className="chart-body">
          <ResponsiveContainer width="100%" height={180}>
            <LineChart data={statistics} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="#e7e9ee" vertical={false} />
              <XAxis dataKey="check" tick={{ fontSize: 11, fill: '#6b7280' }} tickLine={false} />
              <YAxis
                width={44}
                tickFormatter={formatNumber}
                tick={{ fontSize: 11, fill: '#6b7280' }}
                tickLine={false}
                axisLine={false}
              />
              <Tooltip formatter={(v) => (typeof v === 'number' ? formatNumber(v) : v)} />
              <Legend wrapperStyle={{ fontSize: 11 }} />
              {columns.map((c, i) => (
                <Line
                  key={c}
                  dataKey={c}
                  stroke={seriesColor(i)}
                  strokeWidth={1.5}
                  dot={column !== ''}
                  connectNulls
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <ul className="drift-checks" aria-label="Past checks">
        {history.map((h) => (
          <li key={h.id}>
            <a
              href={hrefOf({ view: 'drift', reportId: h.id, reference: null, current: null })}
              aria-current={h.id === selectedId ? 'page' : undefined}
            >
              #{h.id} · {formatTime(h.created_at)} · {h.drifted_columns}/{h.tested_columns} drifted
              <span className={h.dataset_drift ? 'drift-badge drifted' : 'drift-badge'}>
                {h.dataset_drift ? 'drift' : 'no drift'}
              </span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
