import { formatNumber } from '../../lib/format.js';
import type { XAxis } from '../../../../shared/api/runRecords.js';
/** Pure geometry for the compare charts: scales and SVG paths. */

export interface Scale {
  (v: number): number;
  domain: [number, number];
  invert(px: number): number;
}

export function linearScale(domain: [number, number], range: [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  const f = ((v: number) => r0 + (v - d0) * k) as Scale;
  f.domain = domain;
  f.invert = (px: number) => (k === 0 ? d0 : d0 + (px - r0) / k);
  return f;
}

/** A log10 scale; values ≤ 0 have no place on it and map to NaN (the path skips them). */
export function logScale(domain: [number, number], range: [number, number]): Scale {
  const lo = Math.log10(Math.max(domain[0], Number.MIN_VALUE));
  const hi = Math.log10(Math.max(domain[1], Number.MIN_VALUE));
  const inner = linearScale([lo, hi], range);
  const f = ((v: number) => (v > 0 ? inner(Math.log10(v)) : Number.NaN)) as Scale;
  f.domain = domain;
  f.invert = (px: number) => 10 ** inner.invert(px);
  return f;
}

const fmt = (n: number) => (Math.round(n * 10) / 10).toString();

/** `M x y L x y …`; a non-finite point breaks the line (a new M after it). One command per drawn point. */
export function linePath(
  xs: readonly number[],
  ys: readonly number[],
  sx: Scale,
  sy: Scale,
): string {
  let d = '';
  let pen = false;
  for (let i = 0; i < xs.length; i++) {
    const px = sx(xs[i]!);
    const py = sy(ys[i]!);
    if (!Number.isFinite(px) || !Number.isFinite(py)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${fmt(px)} ${fmt(py)}`;
    pen = true;
  }
  return d;
}

/**
 * Points with no drawn neighbour (a series of one point, or one between gaps): a line path draws
 * nothing for them, so the chart marks each with a dot. Pixel positions.
 */
export function isolatedPoints(
  xs: readonly number[],
  ys: readonly number[],
  sx: Scale,
  sy: Scale,
): [number, number][] {
  const at = (i: number): [number, number] | null => {
    if (i < 0 || i >= xs.length) return null;
    const p: [number, number] = [sx(xs[i]!), sy(ys[i]!)];
    return Number.isFinite(p[0]) && Number.isFinite(p[1]) ? p : null;
  };
  const out: [number, number][] = [];
  for (let i = 0; i < xs.length; i++) {
    const p = at(i);
    if (p && !at(i - 1) && !at(i + 1)) out.push(p);
  }
  return out;
}

/** The filled band between lo and hi (the min/max envelope of downsampled buckets). */
export function bandPath(
  xs: readonly number[],
  lo: readonly number[],
  hi: readonly number[],
  sx: Scale,
  sy: Scale,
): string {
  const top: string[] = [];
  const bottom: string[] = [];
  for (let i = 0; i < xs.length; i++) {
    const px = sx(xs[i]!);
    const a = sy(hi[i]!);
    const b = sy(lo[i]!);
    if (!Number.isFinite(px) || !Number.isFinite(a) || !Number.isFinite(b)) continue;
    top.push(`${fmt(px)} ${fmt(a)}`);
    bottom.push(`${fmt(px)} ${fmt(b)}`);
  }
  if (top.length < 2) return '';
  return `M${top.join('L')}L${bottom.reverse().join('L')}Z`;
}

/** Index of the x nearest to `x` in sorted xs (binary search). */
export function nearestIndex(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  if (hi < 0) return -1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && Math.abs(xs[lo - 1]! - x) <= Math.abs(xs[lo]! - x) ? lo - 1 : lo;
}

/** Positive values whose largest is at least 100× the smallest: a linear axis would crush all but the top decade. */
export const spansDecades = (lo: number, hi: number): boolean => lo > 0 && hi / lo >= 100;

/** How a parallel-coordinates axis places its values. */
export type AxisKind = 'log' | 'linear' | 'category' | 'constant';

/** Numbers spanning decades on a log axis, other numbers linear, text by category; one value (or none) is constant. */
export function axisKind(values: readonly unknown[]): AxisKind {
  const present = values.filter((v) => v !== undefined && v !== null);
  if (new Set(present.map((v) => String(v))).size <= 1) return 'constant';
  if (!present.every((v) => typeof v === 'number')) return 'category';
  const numbers = present as number[];
  return spansDecades(Math.min(...numbers), Math.max(...numbers)) ? 'log' : 'linear';
}

/** Point times are milliseconds since the epoch (MLflow's timestamps, Benchtop's jobs). */
export function formatX(x: number, axis: XAxis): string {
  if (axis === 'time') return new Date(x).toISOString().slice(11, 19);
  if (axis === 'relative') {
    const v = x / 1000;
    if (Math.abs(v) < 120) return `${formatNumber(v)}s`;
    const m = Math.floor(v / 60);
    const sec = Math.round(v - m * 60);
    return m < 120 ? `${m}m${sec ? `${sec}s` : ''}` : `${formatNumber(v / 3600)}h`;
  }
  return formatNumber(x);
}
