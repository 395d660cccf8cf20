import type { MetricSeries } from '../../../shared/domain.js';
import { isCurveKind, metricKind } from '../../../shared/metricNames.js';

export interface MetricGroup {
  /** The shared base name, e.g. `loss` for `loss` and `val_loss`. */
  name: string;
  series: MetricSeries[];
}

/** A series worth a chart: a curve (training, validation, system), or a test/cv metric logged at more than one step. */
export const isCurve = (s: Pick<MetricSeries, 'key' | 'steps'>): boolean => {
  return isCurveKind(metricKind(s.key)) || s.steps.length > 1;
};

const PREFERRED_ORDER = ['loss', 'accuracy'];

/** What a metric Benchtop logs about its own jobs measures, shown beside its key. */
export const METRIC_ABOUT: Readonly<Record<string, string>> = {
  'system/process_cpu_percentage': 'CPU of the training process, % of one core',
  'system/process_rss_megabytes': 'resident memory of the training process, MB',
};

const baseName = (key: string): string => key.replace(/^val_/, '');

/** One chart per metric: a training series and its `val_` twin share a chart; loss, then accuracy first, system/* last. */
export function groupMetrics(series: readonly MetricSeries[]): MetricGroup[] {
  const groups = new Map<string, MetricSeries[]>();
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

export type ChartRow = { step: number } & Record<string, number>;

/** Rows keyed by step, one column per series, for a Recharts LineChart. */
export function chartRows(series: readonly MetricSeries[]): ChartRow[] {
  const rows = new Map<number, ChartRow>();
  for (const s of series) {
    s.steps.forEach((step, i) => {
      const value = s.values[i];
      if (value === undefined) return;
      const row = rows.get(step) ?? ({ step } as ChartRow);
      row[s.key] = value;
      rows.set(step, row);
    });
  }
  return [...rows.values()].sort((a, b) => a.step - b.step);
}
