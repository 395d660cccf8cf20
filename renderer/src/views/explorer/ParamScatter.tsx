import type { ExplorerRun } from '../../../../shared/api/runRecords.js';
import { niceTicks } from '../../../../shared/seriesMath.js';
import { formatNumber } from '../../lib/format.js';
import { RunsLegend } from './ChartLegend.js';
import { linearScale, logScale, spansDecades } from './chartGeometry.js';
import type { ChartGroup } from './groupLines.js';
import { useElementWidth } from './useElementWidth.js';

const HEIGHT = 260;
const M = { top: 10, right: 16, bottom: 42, left: 68 };
const INSET = 8;

/** Any numeric param against any metric, one dot per run; a log x when the param spans decades. */
export function ParamScatter({
  runs,
  param,
  metric,
  names,
  colorOf,
  groups,
}: {
  runs: ExplorerRun[];
  param: string;
  metric: string;
  names: ReadonlyMap<number, string>;
  /** A run's colour: its own, or its group's while grouped. */
  colorOf: (id: number) => string;
  groups: readonly ChartGroup[] | null;
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
  const logX = spansDecades(x0, x1);
  // Inset by a dot's width: the extreme runs sit inside the plot, not on its axes.
  const xRange: [number, number] = [INSET, plotWidth - INSET];
  const sx = logX ? logScale([x0, x1], xRange) : linearScale([x0, x1 === x0 ? x0 + 1 : x1], xRange);
  const sy = linearScale([y0, y1 === y0 ? y0 + 1 : y1], [inner - INSET, INSET]);
  const xTicks = logX ? decades(x0, x1) : niceTicks(x0, x1, 5);
  return (
    <figure className="pc-figure" aria-label={`Scatter of ${param} against ${metric}`}>
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
            <text className="axis-label" x={plotWidth / 2} y={inner + 34} textAnchor="middle">
              {param}
              {logX ? ' (log)' : ''}
            </text>
            <text
              className="axis-label"
              transform={`translate(${-M.left + 14},${inner / 2}) rotate(-90)`}
              textAnchor="middle"
            >
              {metric}
            </text>
            {points.map((p) => (
              <circle
                key={p.id}
                cx={sx(p.x)}
                cy={sy(p.y)}
                r={4}
                fill={colorOf(p.id)}
                className="dot"
              >
                <title>{`${p.name}: ${param} ${formatNumber(p.x)}, ${metric} ${formatNumber(p.y)}`}</title>
              </circle>
            ))}
          </g>
        </svg>
      </div>
      <RunsLegend ids={points.map((p) => p.id)} names={names} groups={groups} />
    </figure>
  );
}

/** The powers of ten from lo to hi: a log axis's ticks. */
function decades(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.ceil(Math.log10(lo) - 1e-9); 10 ** e <= hi * (1 + 1e-9); e++) out.push(10 ** e);
  return out.length > 1 ? out : [lo, hi];
}
