import { useState } from 'react';
import type { ExplorerRun } from '../../../../shared/api/runRecords.js';
import { formatNumber } from '../../lib/format.js';
import { RunsLegend } from './ChartLegend.js';
import { axisKind, linearScale, logScale } from './chartGeometry.js';
import type { ChartGroup } from './groupLines.js';
import { useElementWidth } from './useElementWidth.js';

const HEIGHT = 260;
const PAD = { top: 24, bottom: 24, side: 48 };
/** More axes than this crowd the chart: the first ones draw. */
const MAX_AXES = 9;

interface Axis {
  label: string;
  get: (r: ExplorerRun) => unknown;
}

/**
 * One axis per param that varies plus the chosen metric; each run a line across them. Params
 * spanning decades (a learning rate) get a log axis; params with one value are hidden unless asked.
 */
export function ParallelCoordinates({
  runs,
  params,
  metric,
  names,
  colorOf,
  groups,
}: {
  runs: ExplorerRun[];
  params: string[];
  metric: string;
  names: ReadonlyMap<number, string>;
  /** A run's colour: its own, or its group's while grouped. */
  colorOf: (id: number) => string;
  groups: readonly ChartGroup[] | null;
}) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const [showConstant, setShowConstant] = useState(false);
  const paramAxes = params.map((p) => {
    const get = (r: ExplorerRun) => r.params[p];
    return { label: p, get, kind: axisKind(runs.map(get)) };
  });
  const constant = paramAxes.filter((a) => a.kind === 'constant').length;
  const metricAxis: Axis = { label: metric, get: (r) => r.metrics[metric] };
  const axes = [
    ...paramAxes.filter((a) => showConstant || a.kind !== 'constant').slice(0, MAX_AXES - 1),
    { ...metricAxis, kind: axisKind(runs.map(metricAxis.get)) },
  ];
  const inner = HEIGHT - PAD.top - PAD.bottom;
  const step = axes.length > 1 ? (Math.max(width, 300) - 2 * PAD.side) / (axes.length - 1) : 0;
  const scaled = axes.map((a) => {
    const values = runs.map(a.get);
    const numeric =
      a.kind === 'log' ||
      a.kind === 'linear' ||
      (a.kind === 'constant' && values.some((v) => typeof v === 'number'));
    if (numeric) {
      const numbers = values.filter((v): v is number => typeof v === 'number');
      const lo = numbers.length ? Math.min(...numbers) : 0;
      const hi = numbers.length ? Math.max(...numbers) : 1;
      const s =
        a.kind === 'log'
          ? logScale([lo, hi], [inner, 0])
          : linearScale([lo, hi === lo ? lo + 1 : hi], [inner, 0]);
      return {
        ...a,
        label: a.kind === 'log' ? `${a.label} (log)` : a.label,
        y: (v: unknown) => (typeof v === 'number' ? s(v) : Number.NaN),
        ticks: [lo, hi].map(formatNumber),
      };
    }
    // Text values spread evenly in sorted order.
    const cats = [
      ...new Set(values.filter((v) => v !== undefined && v !== null).map(String)),
    ].sort();
    const s = linearScale([0, Math.max(cats.length - 1, 1)], [inner, 0]);
    return {
      ...a,
      y: (v: unknown) => (v === undefined || v === null ? Number.NaN : s(cats.indexOf(String(v)))),
      ticks: [cats[0] ?? '', cats.at(-1) ?? ''],
    };
  });
  return (
    <figure className="pc-figure" aria-label="Parallel coordinates">
      {constant > 0 && (
        <p className="muted small pc-note">
          {constant} constant {constant === 1 ? 'param' : 'params'} hidden{' '}
          <button
            type="button"
            className="link-button"
            aria-label={showConstant ? 'Hide constant params' : 'Show constant params'}
            onClick={() => setShowConstant(!showConstant)}
          >
            {showConstant ? 'hide' : 'show'}
          </button>
        </p>
      )}
      <div ref={ref} className="chart-box">
        <svg
          width={Math.max(width, 300)}
          height={HEIGHT}
          role="img"
          aria-label={`Parallel coordinates of ${axes.length - 1} params and ${metric}`}
        >
          <g transform={`translate(${PAD.side},${PAD.top})`}>
            {runs.map((r) => {
              const pts = scaled
                .map((a, i) => [i * step, a.y(a.get(r))] as const)
                .filter(([, y]) => Number.isFinite(y));
              if (pts.length < 2) return null;
              return (
                <polyline
                  key={r.id}
                  className="pc-line"
                  points={pts.map(([x, y]) => `${x},${y}`).join(' ')}
                  stroke={colorOf(r.id)}
                />
              );
            })}
            {scaled.map((a, i) => (
              <g key={a.label} transform={`translate(${i * step},0)`} className="axes">
                <line className="axis" y2={inner} />
                <text y={-8} textAnchor="middle" className="pc-label">
                  {a.label}
                </text>
                <text y={inner + 14} textAnchor="middle">
                  {a.ticks[0]}
                </text>
                <text x={4} y={8} textAnchor="start">
                  {a.ticks[1]}
                </text>
              </g>
            ))}
          </g>
        </svg>
      </div>
      <RunsLegend ids={runs.map((r) => r.id)} names={names} groups={groups} />
    </figure>
  );
}
