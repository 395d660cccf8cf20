/**
 * One name, one meaning (docs/metrics.md). A run's numbers are of three kinds, told apart by name:
 * - training curves, per epoch, under their Keras names: `loss`, `accuracy`, …;
 * - validation curves, per epoch: `val_loss`, `val_accuracy`, … (scripts' `val/…`, `validation/…`, `valid_…` too);
 * - the held-out test split, scored once after training: `test_accuracy`, `test_f1_macro`, …
 *   (and cross-validation's `cv_<name>_mean` / `cv_<name>_std`), one point at the final step.
 * A run's `metrics` are each key's latest value, so all three kinds sit side by side under their
 * own names. A headline number is the test split's where the run has one, and says so.
 * `system/*` keys are not about the model: the machine's or a job's CPU and memory (Benchtop's
 * jobs log `system/process_*` per epoch; MLflow logs the machine's on its own schedule).
 */

export const TEST_PREFIX = 'test_';
export const VAL_PREFIX = 'val_';
const CV = /^cv_.+_(mean|std)$/;

const SYSTEM_PREFIX = 'system/';
/** Validation keys as Benchtop, Keras and Lightning write them (`val_`) and as scripts do (`val/`, `validation/`, `valid_`). */
const VALIDATION = /^(val|valid|validation)[_/]/;

export type MetricKind = 'test' | 'cv' | 'validation' | 'training' | 'system';

export function metricKind(name: string): MetricKind {
  if (name.startsWith(SYSTEM_PREFIX)) return 'system';
  if (name.startsWith(TEST_PREFIX)) return 'test';
  if (CV.test(name)) return 'cv';
  if (VALIDATION.test(name)) return 'validation';
  return 'training';
}

/** Kinds logged every epoch (a chart), as against the test split's and cross-validation's one number. */
export const isCurveKind = (kind: MetricKind): boolean =>
  kind === 'training' || kind === 'validation' || kind === 'system';

/** A run's metrics without its job's `system/*` ones: what the model scored, which a seed reproduces. */
export const modelMetrics = (metrics: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(metrics).filter(([k]) => metricKind(k) !== 'system'));

/** How each kind is named in tables and labels. */
export const KIND_LABEL: Record<MetricKind, string> = {
  test: 'test split',
  cv: 'cross-validation',
  validation: 'validation (last epoch)',
  training: 'training (last epoch)',
  system: 'system (last value)',
};

/** `accuracy` → `test_accuracy`; a name that is already a test name stays. */
export const testName = (name: string): string =>
  name.startsWith(TEST_PREFIX) ? name : `${TEST_PREFIX}${name}`;

/** `test_accuracy` → `accuracy`: the name an evaluation on a labelled file reports it under. */
export const evaluationName = (name: string): string =>
  name.startsWith(TEST_PREFIX) ? name.slice(TEST_PREFIX.length) : name;

/**
 * A training job's test-split evaluation (scorer names: `accuracy`, `f1_macro`, `rmse`, plus
 * `cv_*` summaries) as the metric names a run stores it under.
 */
export function testMetrics(evaluation: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(evaluation))
    out[CV.test(name) ? name : testName(name)] = value;
  return out;
}

/** The test-split value of metric `name` (`accuracy` or `test_accuracy`), or undefined. */
export const testValue = (metrics: Record<string, number>, name: string): number | undefined =>
  metrics[testName(name)];

export interface Headline {
  /** The stored metric name the value came from. */
  key: string;
  value: number;
  /** Where the number was measured: `test` split, `validation` or `training` (last epoch). */
  kind: 'test' | 'validation' | 'training';
}

/**
 * The number a run is known by for metric `name` (`accuracy`, `test_f1_macro`, …): the test
 * split's when the run has it, else the last epoch's validation value, else the training value.
 */
export function headlineOf(metrics: Record<string, number>, name: string): Headline | null {
  const base = evaluationName(name);
  const candidates: [string, Headline['kind']][] = [
    [testName(base), 'test'],
    [`${VAL_PREFIX}${base}`, 'validation'],
    [base, 'training'],
  ];
  for (const [key, kind] of candidates) {
    const value = metrics[key];
    if (value !== undefined) return { key, value, kind };
  }
  return null;
}

/** The metric a run is known by in lists: accuracy where it has one, else loss (test first). */
export function runHeadline(
  metrics: Record<string, number>,
): (Headline & { metric: 'accuracy' | 'loss' }) | null {
  for (const metric of ['accuracy', 'loss'] as const) {
    const h = headlineOf(metrics, metric);
    if (h) return { ...h, metric };
  }
  return null;
}

/** Metric names sorted by kind (test, cv, validation, training, system), then by name. */
export function byKind(names: Iterable<string>): string[] {
  const order: MetricKind[] = ['test', 'cv', 'validation', 'training', 'system'];
  return [...names].sort(
    (a, b) => order.indexOf(metricKind(a)) - order.indexOf(metricKind(b)) || a.localeCompare(b),
  );
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        prev[j]! + 1,
        row[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The known keys closest to `wanted`, best first: keys that contain it or that it contains
 * (`f1_macro` → `test_f1_macro`) before keys a few edits away. At most `n`.
 */
export function closestKeys(wanted: string, known: Iterable<string>, n = 3): string[] {
  const w = wanted.toLowerCase();
  const scored = [...new Set(known)].map((key) => {
    const k = key.toLowerCase();
    const distance = editDistance(w, k);
    const related = k.includes(w) || w.includes(k) || evaluationName(k) === evaluationName(w);
    return { key, score: related ? distance - 100 : distance };
  });
  const limit = Math.max(2, Math.floor(w.length / 3));
  return scored
    .filter((s) => s.score < 0 || s.score <= limit)
    .sort((a, b) => a.score - b.score || a.key.localeCompare(b.key))
    .slice(0, n)
    .map((s) => s.key);
}

/** The warning for a metric no run has: names the closest keys, or some that exist. */
export function unknownMetricWarning(wanted: string, known: readonly string[]): string {
  const close = closestKeys(wanted, known);
  if (close.length)
    return `no run has metric "${wanted}"; did you mean ${close.map((k) => `metrics.${k}`).join(', ')}?`;
  if (!known.length) return `no run has metric "${wanted}"; no run has any metrics yet`;
  const some = byKind(known).slice(0, 8);
  return `no run has metric "${wanted}"; metrics that exist: ${some.join(', ')}${known.length > some.length ? ', …' : ''}`;
}
