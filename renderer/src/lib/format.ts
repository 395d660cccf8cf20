import type { Run } from '../../../shared/domain.js';

/** `sha256:0123456789ab…` → `0123456789ab`. */
export const shortHash = (hash: string): string => hash.replace(/^sha256:/, '').slice(0, 12);

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return Number(value.toPrecision(4)).toString();
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

/** The one number a run is known by in lists: its accuracy (validation first), else its loss. */
export function headlineMetric(run: Run): { label: string; text: string } | null {
  const { metrics } = run;
  const accuracy = metrics['val_accuracy'] ?? metrics['accuracy'];
  if (accuracy !== undefined) return { label: 'accuracy', text: formatPercent(accuracy) };
  const loss = metrics['val_loss'] ?? metrics['loss'];
  if (loss !== undefined) return { label: 'loss', text: formatNumber(loss) };
  return null;
}
