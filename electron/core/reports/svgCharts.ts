import type { DriftDistribution } from '../../../shared/api/drift.js';
import { seriesColor } from '../../../shared/palette.js';
import { escapeHtml } from './escape.js';
import { formatValue } from './htmlPage.js';

/** The app's palette, so a report's charts look like the app's. */
export const colorOf = seriesColor;

export interface LineSeries {
  label: string;
  x: readonly number[];
  y: readonly number[];
  /** The series' colour; by default the palette's by position. Runs pass their own (by id, as the app does). */
  color?: string;
}

export interface LineChartOptions {
  xLabel?: string;
  yLabel?: string;
  /** Fixed axes (ROC and PR curves live in the unit square). */
  xDomain?: [number, number];
  yDomain?: [number, number];
  /** A dashed y = x line (a ROC curve's chance level). */
  diagonal?: boolean;
}

const W = 440;
const H = 200;
const PAD = { left: 48, right: 10, top: 8, bottom: 22 };
/** Wider than a 10px sans-serif character: tick labels are given room by their length. */
const CHAR_PX = 6;
/** Points per polyline; longer series are thinned evenly (keeping the last point). */
const MAX_POINTS = 400;

function thin(s: LineSeries): [number, number][] {
  const n = Math.min(s.x.length, s.y.length);
  const stride = Math.max(1, Math.ceil(n / MAX_POINTS));
  const out: [number, number][] = [];
  for (let i = 0; i < n; i += stride) out.push([s.x[i]!, s.y[i]!]);
  if (n > 0 && (n - 1) % stride !== 0) out.push([s.x[n - 1]!, s.y[n - 1]!]);
  return out.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
}

const extent = (values: number[]): [number, number] => {
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (!Number.isFinite(lo)) return [0, 1];
  if (lo === hi) {
    const pad = Math.abs(lo) * 0.05 || 0.5;
    [lo, hi] = [lo - pad, hi + pad];
  }
  return [lo, hi];
};

/** A line chart as inline SVG: one polyline per series, axes labelled with min and max and named. */
export function lineChart(
  title: string,
  series: LineSeries[],
  options: LineChartOptions | string = {},
): string {
  const {
    xLabel = 'step',
    yLabel,
    xDomain,
    yDomain,
    diagonal,
  } = typeof options === 'string' ? { xLabel: options } : options;
  const points = series.map(thin);
  const all = points.flat();
  if (!all.length) return '';
  const [x0, x1] = xDomain ?? extent(all.map((p) => p[0]));
  const [y0, y1] = yDomain ?? extent(all.map((p) => p[1]));
  const [top, bottom] = [formatValue(y1), formatValue(y0)];
  // The left margin fits the longest y label (and the axis title beside it): nothing is clipped.
  const titleRoom = yLabel ? 14 : 0;
  const left = Math.max(PAD.left, titleRoom + Math.max(top.length, bottom.length) * CHAR_PX + 8);
  const pad = { ...PAD, left, bottom: PAD.bottom + 12 };
  const px = (x: number) => pad.left + ((x - x0) / (x1 - x0)) * (W - pad.left - pad.right);
  const py = (y: number) => H - pad.bottom - ((y - y0) / (y1 - y0)) * (H - pad.top - pad.bottom);
  const colour = (s: LineSeries | undefined, i: number) => s?.color ?? colorOf(i);
  const lines = points
    .map((pts, i) => {
      const coords = pts.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ');
      // A single point still shows, as a dot.
      if (pts.length === 1)
        return `<circle cx="${px(pts[0]![0]).toFixed(1)}" cy="${py(pts[0]![1]).toFixed(1)}" r="2.5" fill="${colour(series[i], i)}"/>`;
      return `<polyline fill="none" stroke="${colour(series[i], i)}" stroke-width="1.5" points="${coords}"/>`;
    })
    .join('');
  const base = H - pad.bottom;
  const chance = diagonal
    ? `<line x1="${px(0).toFixed(1)}" y1="${py(0).toFixed(1)}" x2="${px(1).toFixed(1)}" y2="${py(1).toFixed(1)}" stroke="#9aa3b2" stroke-dasharray="4 3"/>`
    : '';
  const mid = (pad.top + base) / 2;
  const axes = `<line x1="${pad.left}" y1="${base}" x2="${W - pad.right}" y2="${base}" stroke="#9aa3b2"/>
<line x1="${pad.left}" y1="${pad.top}" x2="${pad.left}" y2="${base}" stroke="#9aa3b2"/>${chance}
<text x="${pad.left - 4}" y="${pad.top + 8}" text-anchor="end">${escapeHtml(top)}</text>
<text x="${pad.left - 4}" y="${base}" text-anchor="end">${escapeHtml(bottom)}</text>
<text x="${pad.left}" y="${base + 12}">${escapeHtml(formatValue(x0))}</text>
<text x="${W - pad.right}" y="${base + 12}" text-anchor="end">${escapeHtml(formatValue(x1))}</text>
<text x="${((pad.left + W - pad.right) / 2).toFixed(1)}" y="${H - 4}" text-anchor="middle" class="axis-title">${escapeHtml(xLabel)}</text>${
    yLabel
      ? `\n<text x="10" y="${mid.toFixed(1)}" text-anchor="middle" transform="rotate(-90 10 ${mid.toFixed(1)})" class="axis-title">${escapeHtml(yLabel)}</text>`
      : ''
  }`;
  return `<figure><figcaption>${escapeHtml(title)}</figcaption>
<svg width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(title)}">${axes}${lines}</svg>
${legend(
  series.map((s) => s.label),
  series.map((s, i) => colour(s, i)),
)}</figure>`;
}

export function legend(
  labels: string[],
  colors: string[] = labels.map((_, i) => colorOf(i)),
): string {
  return `<div class="legend">${labels.map((l, i) => `<span><span class="swatch" style="background:${colors[i] ?? colorOf(i)}"></span>${escapeHtml(l)}</span>`).join('')}</div>`;
}

const REF = '#64748b';
const CUR = '#ea580c';

/** Reference and current shares side by side per bin or category, as inline SVG bars. */
export function distributionBars(title: string, d: DriftDistribution): string {
  const n = d.labels.length;
  if (!n) return '';
  const width = Math.max(W, Math.min(900, n * 22 + PAD.left + PAD.right));
  const top = Math.max(...d.reference, ...d.current, 0) || 1;
  const band = (width - PAD.left - PAD.right) / n;
  const bar = Math.max(1, band * 0.4);
  const h = (v: number) => (v / top) * (H - PAD.top - PAD.bottom);
  const bars = d.labels
    .map((label, i) => {
      const x = PAD.left + i * band + band * 0.1;
      const r = d.reference[i] ?? 0;
      const c = d.current[i] ?? 0;
      const base = H - PAD.bottom;
      return `<g><title>${escapeHtml(label)}: reference ${escapeHtml(formatValue(r))}, current ${escapeHtml(formatValue(c))}</title>
<rect x="${x.toFixed(1)}" y="${(base - h(r)).toFixed(1)}" width="${bar.toFixed(1)}" height="${h(r).toFixed(1)}" fill="${REF}"/>
<rect x="${(x + bar).toFixed(1)}" y="${(base - h(c)).toFixed(1)}" width="${bar.toFixed(1)}" height="${h(c).toFixed(1)}" fill="${CUR}"/></g>`;
    })
    .join('');
  const first = d.labels[0]!;
  const last = d.labels[n - 1]!;
  const axes = `<line x1="${PAD.left}" y1="${H - PAD.bottom}" x2="${width - PAD.right}" y2="${H - PAD.bottom}" stroke="#9aa3b2"/>
<text x="${PAD.left - 4}" y="${PAD.top + 8}" text-anchor="end">${escapeHtml(formatValue(top))}</text>
<text x="${PAD.left - 4}" y="${H - PAD.bottom}" text-anchor="end">0</text>
<text x="${PAD.left}" y="${H - 6}">${escapeHtml(first.slice(0, 24))}</text>
<text x="${width - PAD.right}" y="${H - 6}" text-anchor="end">${escapeHtml(last.slice(0, 24))}</text>`;
  return `<figure><figcaption>${escapeHtml(title)}</figcaption>
<svg width="${width}" height="${H}" viewBox="0 0 ${width} ${H}" role="img" aria-label="${escapeHtml(title)}">${axes}${bars}</svg>
<div class="legend"><span><span class="swatch" style="background:${REF}"></span>reference</span><span><span class="swatch" style="background:${CUR}"></span>current</span></div></figure>`;
}
