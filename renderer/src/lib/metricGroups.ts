import { isCurveKind, metricKind } from '../../../shared/metricNames.js';

/** One chart: a metric and its `val_` twin, e.g. `loss` with `val_loss`. */
export interface MetricGroup<T extends { key: string } = { key: string }> {
  /** The shared base name, e.g. `loss` for `loss` and `val_loss`. */
  name: string;
  series: T[];
}

const PREFERRED_ORDER = ['loss', 'accuracy'];

/** What a metric Benchtop logs about its own jobs measures, shown beside its key. */
export const METRIC_ABOUT: Readonly<Record<string, string>> = {
  'system/process_cpu_percentage': 'CPU of the training process, % of one core',
  'system/process_rss_megabytes': 'resident memory of the training process, MB',
};

const baseName = (key: string): string => key.replace(/^val_/, '');

/** One chart per metric: a training series and its `val_` twin share a chart; loss, then accuracy first, system/* last. */
export function groupMetrics<T extends { key: string }>(series: readonly T[]): MetricGroup<T>[] {
  const groups = new Map<string, T[]>();
  for (const s of series) {
    const name = baseName(s.key);
    groups.set(name, [...(groups.get(name) ?? []), s]);
  }
  // The job's own CPU and memory come after everything the model learned.
  const rank = (name: string): number => {
    const at = PREFERRED_ORDER.indexOf(name);
    if (at >= 0) return at;
    return name.startsWith('system/') ? PREFERRED_ORDER.length + 1 : PREFERRED_ORDER.length;
  };
  return [...groups.entries()]
    .map(([name, members]) => ({
      name,
      series: members.sort(
        (a, b) => Number(a.key !== name) - Number(b.key !== name) || a.key.localeCompare(b.key),
      ),
    }))
    .sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}

/** A panel of a run's charts: every key under one prefix (`train/…`), or every key without one. */
export interface MetricPanel {
  /** The prefix before the first `/`; '' for keys without one. */
  prefix: string;
  charts: { name: string; keys: string[] }[];
  /**
   * Keys named as one number (`test_*`, `cv_*_mean`: Benchtop's held-out scores, read in the
   * Final metrics table), charted only when the run logged them at more than one step.
   */
  maybeCurves: string[];
}

const prefixOf = (key: string): string => {
  const at = key.indexOf('/');
  return at > 0 ? key.slice(0, at) : '';
};

/** Panels in reading order: keys without a prefix, train, val, the rest by name, system last. */
const PANEL_RANK = (prefix: string): number =>
  prefix === '' ? 0 : prefix === 'train' ? 1 : prefix === 'val' ? 2 : prefix === 'system' ? 4 : 3;

const byNumberAware = new Intl.Collator('en', { numeric: true }).compare;

/**
 * A run's metric keys as panels of charts, grouped by prefix (`train/loss` → `train`). Keys
 * without a prefix keep Benchtop's naming (docs/metrics.md): `loss` and `val_loss` share a chart.
 */
export function metricPanels(keys: Iterable<string>): MetricPanel[] {
  const byPrefix = new Map<string, string[]>();
  for (const key of new Set(keys)) {
    const prefix = prefixOf(key);
    byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), key]);
  }
  return [...byPrefix.entries()]
    .sort(([a], [b]) => PANEL_RANK(a) - PANEL_RANK(b) || byNumberAware(a, b))
    .map(([prefix, members]) => {
      if (prefix !== '') {
        const sorted = members.sort(byNumberAware);
        return { prefix, charts: sorted.map((k) => ({ name: k, keys: [k] })), maybeCurves: [] };
      }
      const curves = members.filter((k) => isCurveKind(metricKind(k)));
      const points = members.filter((k) => !isCurveKind(metricKind(k))).sort(byNumberAware);
      return {
        prefix,
        charts: groupMetrics(curves.map((key) => ({ key }))).map((g) => ({
          name: g.name,
          keys: g.series.map((s) => s.key),
        })),
        maybeCurves: points,
      };
    });
}
