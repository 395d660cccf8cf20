import type { ExplorerRun } from '../../../../shared/api/runRecords.js';
import { formatNumber } from '../../lib/format.js';
import { linearScale } from './chartGeometry.js';
import { runColor } from './runColors.js';
import { useElementWidth } from './useElementWidth.js';

const HEIGHT = 260;
const PAD = { top: 24, bottom: 24, side: 40 };

/** One axis per differing param plus the chosen metric; each run a line across them. */
export function ParallelCoordinates({
  runs,
  params,
  metric,
}: {
  runs: ExplorerRun[];
  params: string[];
  metric: string;
}) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const axes = [
    ...params.map((p) => ({ label: p, get: (r: ExplorerRun) => r.params[p] })),
    { label: metric, get: (r: ExplorerRun) => r.metrics[metric] },
  ];
  const inner = HEIGHT - PAD.top - PAD.bottom;
  const step = axes.length > 1 ? (Math.max(width, 300) - 2 * PAD.side) / (axes.length - 1) : 0;
  // Numbers on a linear axis; text values spread evenly in sorted order.
  const scaled = axes.map((a) => {
    const values = runs.map(a.get);
    const numbers = values.filter((v): v is number => typeof v === 'number');
    if (
      numbers.length === values.filter((v) => v !== undefined && v !== null).length &&
      numbers.length
    ) {
      const lo = Math.min(...numbers);
      const hi = Math.max(...numbers);
      const s = linearScale([lo, hi === lo ? lo + 1 : hi], [inner, 0]);
      return {
        ...a,
        y: (v: unknown) => (typeof v === 'number' ? s(v) : Number.NaN),
        ticks: [lo, hi].map(formatNumber),
      };
    }
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
    <div ref={ref} className="chart-box">
      <svg
        width={Math.max(width, 300)}
        height={HEIGHT}
        role="img"
        aria-label={`Parallel coordinates of ${params.length} params and ${metric}`}
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
                stroke={runColor(r.id)}
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
  );
}
