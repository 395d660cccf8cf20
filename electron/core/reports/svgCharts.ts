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
}

const W = 440;
const H = 200;
const PAD = { left: 48, right: 10, top: 8, bottom: 22 };
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

/** A line chart as inline SVG: one polyline per series, axes labelled with min and max. */
export function lineChart(title: string, series: LineSeries[], xLabel = 'step'): string {
  const points = series.map(thin);
  const all = points.flat();
  if (!all.length) return '';
  const [x0, x1] = extent(all.map((p) => p[0]));
  const [y0, y1] = extent(all.map((p) => p[1]));
  const px = (x: number) => PAD.left + ((x - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
  const py = (y: number) => H - PAD.bottom - ((y - y0) / (y1 - y0)) * (H - PAD.top - PAD.bottom);
  const lines = points
    .map((pts, i) => {
      const coords = pts.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ');
      // A single point still shows, as a dot.
      if (pts.length === 1)
        return `<circle cx="${px(pts[0]![0]).toFixed(1)}" cy="${py(pts[0]![1]).toFixed(1)}" r="2.5" fill="${colorOf(i)}"/>`;
      return `<polyline fill="none" stroke="${colorOf(i)}" stroke-width="1.5" points="${coords}"/>`;
    })
    .join('');
  const axes = `<line x1="${PAD.left}" y1="${H - PAD.bottom}" x2="${W - PAD.right}" y2="${H - PAD.bottom}" stroke="#9aa3b2"/>
<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${H - PAD.bottom}" stroke="#9aa3b2"/>
<text x="${PAD.left - 4}" y="${PAD.top + 8}" text-anchor="end">${escapeHtml(formatValue(y1))}</text>
<text x="${PAD.left - 4}" y="${H - PAD.bottom}" text-anchor="end">${escapeHtml(formatValue(y0))}</text>
<text x="${PAD.left}" y="${H - 6}">${escapeHtml(formatValue(x0))}</text>
<text x="${W - PAD.right}" y="${H - 6}" text-anchor="end">${escapeHtml(formatValue(x1))} ${escapeHtml(xLabel)}</text>`;
  return `<figure><figcaption>${escapeHtml(title)}</figcaption>
<svg width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(title)}">${axes}${lines}</svg>
${legend(series.map((s) => s.label))}</figure>`;
}

export function legend(labels: string[]): string {
  return `<div class="legend">${labels.map((l, i) => `<span><span class="swatch" style="background:${colorOf(i)}"></span>${escapeHtml(l)}</span>`).join('')}</div>`;
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
