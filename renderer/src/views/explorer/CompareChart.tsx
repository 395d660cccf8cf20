import { useMemo, useRef, useState, type PointerEvent } from 'react';
import type { SeriesSlice, XAxis } from '../../../../shared/api/runRecords.js';
import { emaDebiased, robustRange } from '../../../../shared/seriesMath.js';
import { formatNumber } from '../../lib/format.js';
import { messageOf } from '../../lib/messageOf.js';
import { valueDomain } from './chartDomain.js';
import {
  bandPath,
  formatX,
  isolatedPoints,
  linearScale,
  linePath,
  logScale,
  nearestIndex,
  type Scale,
} from './chartGeometry.js';
import { seriesColor } from '../../../../shared/palette.js';
import type { BandKind } from '../../../../shared/groupBands.js';
import { Axes } from './ChartAxes.js';
import { ChartLegend, GroupLegend } from './ChartLegend.js';
import { groupLines, type ChartGroup, type GroupLine } from './groupLines.js';
import { runColor } from './runColors.js';
import { useElementWidth } from './useElementWidth.js';
import { useSeries } from './useSeries.js';

export interface ChartOptions {
  xAxis: XAxis;
  logY: boolean;
  smoothing: number;
  ignoreOutliers: boolean;
  envelope: boolean;
}

interface CompareChartProps extends ChartOptions {
  /** The chart's title; also the metric drawn unless `keys` names several. */
  metric: string;
  ids: number[];
  names: ReadonlyMap<number, string>;
  /** Metrics drawn together (a run's `loss` and `val_loss`); each gets its own colour, `val_*` dashed. */
  keys?: readonly string[];
  /** False until the chart is worth its request (scrolled into view). */
  enabled?: boolean;
  /** Runs grouped: each group draws one line, its members' mean, with a band (one metric only). */
  groups?: readonly ChartGroup[] | null;
  /** The groups' band: ±1 sample std, or min–max. */
  band?: BandKind;
}

const sliceId = (s: SeriesSlice) => `${s.runId}:${s.key}`;

const HEIGHT = 240;
const M = { top: 10, right: 14, bottom: 40, left: 68 };

/** One metric over the compared runs: drawn as SVG paths from main-side downsampled points. */
export function CompareChart({
  metric,
  ids,
  names,
  xAxis,
  logY,
  smoothing,
  ignoreOutliers,
  envelope,
  keys: wanted,
  enabled = true,
  groups = null,
  band = 'std',
}: CompareChartProps) {
  const keys = useMemo(() => (wanted ? [...wanted] : [metric]), [wanted, metric]);
  // One metric: a colour per run. Several metrics: a colour per metric, validation dashed.
  const byKey = keys.length > 1;
  const colorOf = (s: SeriesSlice) =>
    lineOf(s)?.group.color ??
    (byKey ? seriesColor(Math.max(0, keys.indexOf(s.key))) : runColor(s.runId));
  const dashOf = (s: SeriesSlice) => (byKey && s.key.startsWith('val_') ? '5 3' : undefined);
  const labelOf = (runId: number, key: string) => {
    const line = lineById.get(runId);
    if (line) return `${line.group.label} (n=${line.n})`;
    const name = names.get(runId) ?? `run-${runId}`;
    if (!byKey) return name;
    return ids.length > 1 ? `${name} · ${key}` : key;
  };
  const [boxRef, width] = useElementWidth<HTMLDivElement>();
  const plotWidth = Math.max(100, width - M.left - M.right);
  // ≤ 2× the pixel width per series; with many runs, 1× keeps the total drawable.
  const maxPoints = Math.round((ids.length <= 20 ? 2 : 1) * Math.ceil(plotWidth / 50) * 50);
  const [zoom, setZoom] = useState<{ axis: XAxis; min: number; max: number } | null>(null);
  const range = useMemo(
    () => (zoom && zoom.axis === xAxis ? { min: zoom.min, max: zoom.max } : null),
    [zoom, xAxis],
  );
  const series = useSeries({ ids, keys, xAxis, range, maxPoints, enabled });
  const slices = useMemo(() => series.data ?? [], [series.data]);
  // Grouped: one line per group (its members' mean, band as its envelope) instead of one per run.
  const lines = useMemo(
    () => (groups && !byKey ? groupLines(slices, groups, metric, xAxis, band) : null),
    [groups, byKey, slices, metric, xAxis, band],
  );
  // A few groups: cheaper to build each render than to memoise.
  const lineById = new Map<number, GroupLine>((lines ?? []).map((l) => [l.slice.runId, l]));
  const lineOf = (s: SeriesSlice) => lineById.get(s.runId);
  const shown = useMemo(() => lines?.map((l) => l.slice) ?? slices, [lines, slices]);
  const bands = envelope || lines !== null;
  const [brush, setBrush] = useState<{ from: number; to: number } | null>(null);
  const [hover, setHover] = useState<number | null>(null);
  const svgRef = useRef<SVGSVGElement>(null);

  const drawn = useMemo(
    () => shown.map((s) => ({ s, y: smoothing > 0 ? emaDebiased(s.y, smoothing) : s.y })),
    [shown, smoothing],
  );
  const { sx, sy } = useMemo(
    () => scales(drawn, range, logY, ignoreOutliers, bands, plotWidth),
    [drawn, range, logY, ignoreOutliers, bands, plotWidth],
  );
  /** A run's value; a group's mean ± 1 std at that x, as computed (before any smoothing). */
  const tipValue = (s: SeriesSlice, x: number, y: number) => {
    const line = lineOf(s);
    if (!line) return formatNumber(y);
    const i = line.band.x.indexOf(x);
    const sd = line.band.std[i];
    const mean = formatNumber(line.band.mean[i]!);
    return sd !== undefined && Number.isFinite(sd) ? `${mean} ± ${formatNumber(sd)}` : mean;
  };
  // ±Infinity and NaN are data (a diverged loss) but have no place on an axis: counted, not drawn.
  const notFinite = slices.reduce((n, s) => n + s.y.filter((y) => !Number.isFinite(y)).length, 0);
  const drawnPoints = slices.reduce((n, s) => n + s.x.length, 0) - notFinite;
  const totalPoints = slices.reduce((n, s) => n + s.total, 0);
  const downsampled = slices.some((s) => s.lo !== null);

  const pxOf = (e: PointerEvent) =>
    e.clientX - (svgRef.current?.getBoundingClientRect().left ?? 0) - M.left;
  const onDown = (e: PointerEvent<SVGSVGElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    setBrush({ from: pxOf(e), to: pxOf(e) });
  };
  const onMove = (e: PointerEvent<SVGSVGElement>) => {
    const px = pxOf(e);
    if (brush) setBrush({ ...brush, to: px });
    else setHover(px >= 0 && px <= plotWidth ? px : null);
  };
  const onUp = () => {
    if (brush && Math.abs(brush.to - brush.from) > 4) {
      const a = sx.invert(Math.max(0, Math.min(brush.from, brush.to)));
      const b = sx.invert(Math.min(plotWidth, Math.max(brush.from, brush.to)));
      setZoom({ axis: xAxis, min: a, max: b });
    }
    setBrush(null);
  };

  const hoverX = hover === null ? null : sx.invert(hover);
  const tip =
    hoverX === null
      ? []
      : drawn
          .map(({ s, y }) => {
            const i = nearestIndex(s.x, hoverX);
            return i < 0 ? null : { s, x: s.x[i]!, y: y[i]! };
          })
          .filter((t): t is { s: SeriesSlice; x: number; y: number } => t !== null)
          .sort((a, b) => b.y - a.y);

  return (
    <figure
      className="compare-chart panel"
      aria-label={`${metric} chart`}
      data-drawn-points={drawnPoints}
      data-total-points={totalPoints}
    >
      <figcaption className="chart-caption">
        <strong>{metric}</strong>
        <span className="muted small" data-testid="point-count">
          {series.isPending
            ? enabled
              ? 'Loading…'
              : 'Drawn when scrolled into view'
            : `Drawing ${drawnPoints.toLocaleString('en-US')} of ${totalPoints.toLocaleString('en-US')} points`}
          {notFinite > 0 && !series.isPending
            ? ` (${notFinite.toLocaleString('en-US')} not finite: ±Infinity or NaN)`
            : ''}
          {downsampled
            ? lines
              ? ' (runs downsampled: bucket means)'
              : ' (min/max per bucket)'
            : ''}
        </span>
        {lines && (
          <span className="muted small" data-testid="group-method">
            Each group: the mean of its runs{' '}
            {lines.every((l) => l.aligned) ? 'at each step' : 'per bucket of x'}, band{' '}
            {band === 'std' ? '±1 std (sample, n−1)' : 'min–max'}
          </span>
        )}
        {range && (
          <button type="button" className="link-button" onClick={() => setZoom(null)}>
            Reset zoom
          </button>
        )}
        {byKey && (
          <span className="chart-legend">
            {keys.map((k, i) => (
              <span key={k} className="legend-item">
                <svg width="18" height="8" aria-hidden="true">
                  <line
                    x1="0"
                    x2="18"
                    y1="4"
                    y2="4"
                    stroke={seriesColor(i)}
                    strokeWidth="2"
                    strokeDasharray={k.startsWith('val_') ? '5 3' : undefined}
                  />
                </svg>
                {k}
              </span>
            ))}
          </span>
        )}
      </figcaption>
      {series.isError && <p className="inline-error">{messageOf(series.error)}</p>}
      <div ref={boxRef} className="chart-box">
        <svg
          ref={svgRef}
          width={plotWidth + M.left + M.right}
          height={HEIGHT}
          role="img"
          aria-label={
            lines
              ? `${metric} for ${lines.length} groups of ${slices.length} runs`
              : `${metric} for ${slices.length} runs`
          }
          onPointerDown={onDown}
          onPointerMove={onMove}
          onPointerUp={onUp}
          onPointerLeave={() => setHover(null)}
          onDoubleClick={() => setZoom(null)}
        >
          <defs>
            <clipPath id={`clip-${metric}`}>
              <rect width={plotWidth} height={HEIGHT - M.top - M.bottom} />
            </clipPath>
          </defs>
          <g transform={`translate(${M.left},${M.top})`}>
            <Axes
              sx={sx}
              sy={sy}
              xAxis={xAxis}
              logY={logY}
              plotWidth={plotWidth}
              innerHeight={HEIGHT - M.top - M.bottom}
              left={M.left}
              metric={metric}
            />
            <g clipPath={`url(#clip-${metric})`}>
              {bands &&
                shown.map((s) =>
                  s.lo && s.hi ? (
                    <path
                      key={`band-${sliceId(s)}`}
                      className={lines ? 'envelope group-band' : 'envelope'}
                      d={bandPath(s.x, s.lo, s.hi, sx, sy)}
                      fill={colorOf(s)}
                    />
                  ) : null,
                )}
              {smoothing > 0 &&
                ids.length <= 10 &&
                shown.map((s) => (
                  <path
                    key={`raw-${sliceId(s)}`}
                    className="raw-line"
                    d={linePath(s.x, s.y, sx, sy)}
                    stroke={colorOf(s)}
                    strokeDasharray={dashOf(s)}
                  />
                ))}
              {drawn.map(({ s, y }) => (
                <path
                  key={sliceId(s)}
                  className={lineOf(s) ? 'series-line group-line' : 'series-line'}
                  data-run-id={lineOf(s) ? undefined : s.runId}
                  data-group={lineOf(s)?.group.label}
                  data-key={s.key}
                  d={linePath(s.x, y, sx, sy)}
                  stroke={colorOf(s)}
                  strokeDasharray={dashOf(s)}
                />
              ))}
              {/* A point with no neighbour draws no line: a dot shows it. */}
              {drawn.flatMap(({ s, y }) =>
                isolatedPoints(s.x, y, sx, sy).map(([cx, cy]) => (
                  <circle
                    key={`dot-${sliceId(s)}-${cx}`}
                    className="series-dot"
                    cx={cx}
                    cy={cy}
                    r={3}
                    fill={colorOf(s)}
                  />
                )),
              )}
            </g>
            {brush && (
              <rect
                className="brush"
                x={Math.min(brush.from, brush.to)}
                width={Math.abs(brush.to - brush.from)}
                height={HEIGHT - M.top - M.bottom}
              />
            )}
            {hover !== null && !brush && (
              <line className="hover-line" x1={hover} x2={hover} y2={HEIGHT - M.top - M.bottom} />
            )}
          </g>
        </svg>
        {hover !== null && tip.length > 0 && (
          <div
            className="chart-tip"
            style={{ left: Math.min(hover + M.left + 12, plotWidth - 150) }}
            role="tooltip"
          >
            <div className="muted small">
              {xAxis} {formatX(tip[0]!.x, xAxis)}
              {lines && ' · group mean ± 1 std'}
            </div>
            {tip.slice(0, 8).map((t) => (
              <div key={sliceId(t.s)} className="tip-row">
                <span className="swatch" style={{ background: colorOf(t.s) }} />
                {labelOf(t.s.runId, t.s.key)} <span className="num">{tipValue(t.s, t.x, t.y)}</span>
              </div>
            ))}
            {tip.length > 8 && <div className="muted small">and {tip.length - 8} more</div>}
          </div>
        )}
      </div>
      {/* Colours are runs' unless the chart draws several keys of one run (the run page). */}
      {lines ? (
        <GroupLegend
          items={lines.map((l) => ({ label: `${l.group.label} (n=${l.n})`, color: l.group.color }))}
        />
      ) : (
        !byKey && ids.length > 1 && <ChartLegend ids={slices.map((sl) => sl.runId)} names={names} />
      )}
    </figure>
  );
}

function scales(
  drawn: { s: SeriesSlice; y: number[] }[],
  range: { min: number; max: number } | null,
  logY: boolean,
  ignoreOutliers: boolean,
  envelope: boolean,
  plotWidth: number,
): { sx: Scale; sy: Scale } {
  let x0 = Infinity;
  let x1 = -Infinity;
  const ys: number[] = [];
  for (const { s, y } of drawn) {
    if (s.x.length) {
      x0 = Math.min(x0, s.x[0]!);
      x1 = Math.max(x1, s.x.at(-1)!);
    }
    for (const v of y) if (!logY || v > 0) ys.push(v);
    if (envelope && !ignoreOutliers && s.lo && s.hi) {
      for (const v of s.lo) if (!logY || v > 0) ys.push(v);
      for (const v of s.hi) ys.push(v);
    }
  }
  // One step (or a range of one) gets a span around it, so its point is drawn inside the plot.
  const xDomain = range ? valueDomain([range.min, range.max]) : valueDomain([x0, x1]);
  let yDomain = ignoreOutliers ? (robustRange(ys) ?? valueDomain(ys, logY)) : valueDomain(ys, logY);
  if (logY && yDomain[0] <= 0) yDomain = [valueDomain(ys, true)[0], Math.max(yDomain[1], 1e-12)];
  const innerHeight = HEIGHT - M.top - M.bottom;
  return {
    sx: linearScale(xDomain, [0, plotWidth]),
    sy: logY ? logScale(yDomain, [innerHeight, 0]) : linearScale(yDomain, [innerHeight, 0]),
  };
}
