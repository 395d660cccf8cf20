import type { XAxis } from '../../../../shared/api/runRecords.js';
import { niceTicks } from '../../../../shared/seriesMath.js';
import { formatNumber } from '../../lib/format.js';
import { formatX, type Scale } from './chartGeometry.js';

const X_LABEL: Record<XAxis, string> = {
  step: 'step (epoch)',
  relative: 'time since start',
  time: 'wall time (UTC)',
};

/** A metric chart's grid, ticks and axis labels. */
export function Axes({
  sx,
  sy,
  xAxis,
  logY,
  plotWidth,
  innerHeight,
  left,
  metric,
}: {
  sx: Scale;
  sy: Scale;
  xAxis: XAxis;
  logY: boolean;
  plotWidth: number;
  innerHeight: number;
  /** The margin left of the plot, where the y label sits. */
  left: number;
  metric: string;
}) {
  const yTicks = logY ? logTicks(sy.domain) : niceTicks(sy.domain[0], sy.domain[1], 5);
  const xTicks = niceTicks(sx.domain[0], sx.domain[1], Math.max(2, Math.floor(plotWidth / 110)));
  return (
    <g className="axes">
      {yTicks.map((t) => (
        <g key={`y${t}`} transform={`translate(0,${sy(t)})`}>
          <line className="grid" x2={plotWidth} />
          <text x={-6} dy="0.32em" textAnchor="end">
            {formatNumber(t)}
          </text>
        </g>
      ))}
      <line className="axis" y1={innerHeight} y2={innerHeight} x2={plotWidth} />
      {xTicks.map((t) => (
        <text key={`x${t}`} x={sx(t)} y={innerHeight + 16} textAnchor="middle">
          {formatX(t, xAxis)}
        </text>
      ))}
      <text className="axis-label" x={plotWidth / 2} y={innerHeight + 32} textAnchor="middle">
        {X_LABEL[xAxis]}
      </text>
      <text
        className="axis-label"
        transform={`translate(${-left + 14},${innerHeight / 2}) rotate(-90)`}
        textAnchor="middle"
      >
        {metric}
        {logY ? ' (log)' : ''}
      </text>
    </g>
  );
}

function logTicks([lo, hi]: [number, number]): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    const v = 10 ** e;
    if (v >= lo && v <= hi) out.push(v);
  }
  return out.length ? out : [lo, hi];
}
