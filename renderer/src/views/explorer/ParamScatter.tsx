import type { ExplorerRun } from '../../../../shared/api/runRecords.js';
import { niceTicks } from '../../../../shared/seriesMath.js';
import { formatNumber } from '../../lib/format.js';
import { linearScale, logScale } from './chartGeometry.js';
import { runColor } from './runColors.js';
import { useElementWidth } from './useElementWidth.js';

const HEIGHT = 260;
const M = { top: 10, right: 16, bottom: 30, left: 56 };

/** Any numeric param against any metric, one dot per run; a log x when the param spans decades. */
export function ParamScatter({
  runs,
  param,
  metric,
}: {
  runs: ExplorerRun[];
  param: string;
  metric: string;
}) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const points = runs.flatMap((r) => {
    const x = r.params[param];
    const y = r.metrics[metric];
    return typeof x === 'number' && typeof y === 'number' ? [{ id: r.id, name: r.name, x, y }] : [];
  });
  const plotWidth = Math.max(200, width - M.left - M.right);
  const inner = HEIGHT - M.top - M.bottom;
  if (points.length === 0)
    return (
      <p className="muted">
        No run has both a numeric {param} and {metric}.
      </p>
    );
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const logX = x0 > 0 && x1 / x0 > 100;
  const sx = logX
    ? logScale([x0, x1], [0, plotWidth])
    : linearScale([x0, x1 === x0 ? x0 + 1 : x1], [0, plotWidth]);
  const sy = linearScale([y0, y1 === y0 ? y0 + 1 : y1], [inner, 0]);
  const xTicks = logX ? [x0, Math.sqrt(x0 * x1), x1] : niceTicks(x0, x1, 5);
  return (
    <div ref={ref} className="chart-box">
      <svg
        width={plotWidth + M.left + M.right}
        height={HEIGHT}
        role="img"
        aria-label={`${param} against ${metric}`}
      >
        <g transform={`translate(${M.left},${M.top})`} className="axes">
          {niceTicks(y0, y1, 5).map((t) => (
            <g key={t} transform={`translate(0,${sy(t)})`}>
              <line className="grid" x2={plotWidth} />
              <text x={-6} dy="0.32em" textAnchor="end">
                {formatNumber(t)}
              </text>
            </g>
          ))}
          {xTicks.map((t) => (
            <text key={t} x={sx(t)} y={inner + 16} textAnchor="middle">
              {formatNumber(t)}
            </text>
          ))}
          <line className="axis" y1={inner} y2={inner} x2={plotWidth} />
          <text x={plotWidth} y={inner - 6} textAnchor="end" className="pc-label">
            {param}
            {logX ? ' (log)' : ''}
          </text>
          <text x={4} y={4} className="pc-label">
            {metric}
          </text>
          {points.map((p) => (
            <circle
              key={p.id}
              cx={sx(p.x)}
              cy={sy(p.y)}
              r={4}
              fill={runColor(p.id)}
              className="dot"
            >
              <title>{`${p.name}: ${param} ${formatNumber(p.x)}, ${metric} ${formatNumber(p.y)}`}</title>
            </circle>
          ))}
        </g>
      </svg>
    </div>
  );
}
