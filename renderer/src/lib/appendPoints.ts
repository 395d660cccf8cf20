import type { MetricPoint, MetricSeries } from '../../../shared/domain.js';

/**
 * Merges freshly reported metric points into cached series without mutating them.
 * A step is unique per key: a repeated step replaces its value, an older one is inserted in order.
 */
export function appendPoints(
  series: MetricSeries[],
  points: readonly MetricPoint[],
): MetricSeries[] {
  if (points.length === 0) return series;
  const existing = new Map(series.map((s) => [s.key, s]));
  const changed = new Map<string, MetricSeries>();
  for (const point of points) {
    let target = changed.get(point.key);
    if (!target) {
      const old = existing.get(point.key);
      target = old
        ? { key: old.key, steps: [...old.steps], values: [...old.values], times: [...old.times] }
        : { key: point.key, steps: [], values: [], times: [] };
      changed.set(point.key, target);
    }
    insertPoint(target, point);
  }
  const merged = series.map((s) => changed.get(s.key) ?? s);
  for (const [key, s] of changed) if (!existing.has(key)) merged.push(s);
  return merged;
}

function insertPoint(series: MetricSeries, point: MetricPoint): void {
  const last = series.steps.at(-1);
  if (last === undefined || point.step > last) {
    series.steps.push(point.step);
    series.values.push(point.value);
    series.times.push(point.time);
    return;
  }
  const same = series.steps.indexOf(point.step);
  if (same >= 0) {
    series.values[same] = point.value;
    series.times[same] = point.time;
    return;
  }
  const at = series.steps.findIndex((step) => step > point.step);
  series.steps.splice(at, 0, point.step);
  series.values.splice(at, 0, point.value);
  series.times.splice(at, 0, point.time);
}
