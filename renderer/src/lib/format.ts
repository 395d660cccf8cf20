import type { Run } from '../../../shared/domain.js';
import { runHeadline } from '../../../shared/metricNames.js';

/** `sha256:0123456789ab…` → `0123456789ab`. */
export const shortHash = (hash: string): string => hash.replace(/^sha256:/, '').slice(0, 12);

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return Number(value.toPrecision(4)).toString();
}

/**
 * `mean ± std` as measurements are written: the std to two significant digits and the mean to
 * the same decimal place (0.73 ± 0.036 → "0.730 ± 0.036"). Outside plain decimals' range (or a
 * zero std) each is written as formatNumber writes it.
 */
export function formatMeanStd(mean: number, std: number): string {
  if (!Number.isFinite(mean) || !Number.isFinite(std) || std <= 0) {
    return `${formatNumber(mean)} ± ${formatNumber(std)}`;
  }
  const decimals = 1 - Math.floor(Math.log10(std));
  if (decimals > 12 || Math.abs(mean) >= 1e15) {
    return `${formatNumber(mean)} ± ${formatNumber(std)}`;
  }
  const places = Math.max(0, decimals);
  const fixed = (v: number) =>
    places === 0
      ? Math.round(v).toLocaleString('en-US')
      : v.toLocaleString('en-US', { minimumFractionDigits: places, maximumFractionDigits: places });
  // Two significant digits of a std ≥ 100 end in zeros before the point: 1234 → "1,200".
  const roundedStd = places === 0 ? Number(std.toPrecision(2)) : std;
  const roundedMean = places === 0 ? Math.round(mean / 10 ** -decimals) * 10 ** -decimals : mean;
  return `${fixed(roundedMean)} ± ${fixed(roundedStd)}`;
}

export const formatPercent = (fraction: number): string => `${(fraction * 100).toFixed(1)}%`;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function formatTime(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

const KIND_SHORT = { test: 'test ', validation: 'val ', training: 'train ' } as const;

/**
 * The one number a run is known by in lists: its accuracy, else its loss; the test split's where
 * the run has one, else the last epoch's validation, else training value; `label` says which.
 */
export function headlineMetric(run: Run): { label: string; text: string; title: string } | null {
  const h = runHeadline(run.metrics);
  if (!h) return null;
  const short = h.metric === 'accuracy' ? 'acc' : 'loss';
  return {
    label: `${KIND_SHORT[h.kind]}${short}`,
    text: h.metric === 'accuracy' ? formatPercent(h.value) : formatNumber(h.value),
    title: `${h.key}: ${h.kind === 'test' ? 'the held-out test split' : `the last epoch (${h.kind})`}`,
  };
}
