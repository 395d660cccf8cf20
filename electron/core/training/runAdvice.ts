import type { ModelKind, ParamValue, Task } from '../../../shared/domain.js';
import { defaultLr, type Optimizer } from '../../../shared/trainingRules.js';

/** What the job's error says when training stopped on a loss that is NaN or infinite. */
export const LOSS_NOT_FINITE = 'the loss became';

export const nonFiniteLossMessage = (epoch: number, loss: number): string =>
  `training stopped at epoch ${epoch}: ${LOSS_NOT_FINITE} ${Number.isNaN(loss) ? 'NaN' : 'infinite'}`;

/** A loss that ends this many times above its first epoch's has diverged. */
const GROWTH = 10;

export interface AdviceInput {
  model: ModelKind;
  task: Task;
  params: Record<string, ParamValue>;
  /** The training loss per epoch, in epoch order. */
  loss: readonly number[];
  error: string | null;
  /** evaluation.json: `classes` and `confusion` (classification) or `residuals` and `predictions` (regression). */
  evaluation: Record<string, unknown> | null;
}

const significant = (x: number): number => Number(x.toPrecision(2));
const percent = (share: number): string => `${Math.round(share * 100)}%`;

function diverged({ loss, error }: AdviceInput): boolean {
  if (error?.includes(LOSS_NOT_FINITE)) return true;
  if (loss.some((v) => !Number.isFinite(v))) return true;
  const first = loss[0];
  // Where it ends, not its worst epoch: a run that spiked and came back down has not diverged.
  const last = loss.at(-1);
  return first !== undefined && last !== undefined && first > 0 && last > GROWTH * first;
}

/** A lower learning rate to try: the model's default for its optimizer when the run's was above it, else a tenth. */
function lowerLr({ model, params }: AdviceInput): number | null {
  const lr = params.lr;
  if (typeof lr !== 'number' || !(lr > 0)) return null;
  const optimizer = params.optimizer;
  const fallback =
    optimizer === 'adam' || optimizer === 'sgd' || optimizer === 'rmsprop'
      ? defaultLr(model, optimizer as Optimizer)
      : null;
  return fallback !== null && lr > fallback ? fallback : significant(lr / 10);
}

const isMatrix = (m: unknown): m is number[][] =>
  Array.isArray(m) &&
  m.every((row) => Array.isArray(row) && row.every((v) => typeof v === 'number'));
const isNumbers = (a: unknown): a is number[] =>
  Array.isArray(a) && a.every((v) => typeof v === 'number');

/** Classification: the test accuracy against always answering the most frequent test class. */
function majorityAdvice({ evaluation, params }: AdviceInput): string | null {
  const confusion = evaluation?.confusion;
  const classes = evaluation?.classes;
  if (!isMatrix(confusion) || !Array.isArray(classes)) return null;
  const rowSums = confusion.map((row) => row.reduce((a, b) => a + b, 0));
  const total = rowSums.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const correct = confusion.reduce((a, row, i) => a + (row[i] ?? 0), 0);
  const top = rowSums.indexOf(Math.max(...rowSums));
  const share = rowSums[top]! / total;
  if (share >= 1 || correct > rowSums[top]!) return null;
  const hint =
    share >= 0.6 && params.class_weight !== 'balanced'
      ? 'try class_weight balanced, or more epochs'
      : 'try more epochs or a higher learning rate, or check that the features relate to the target';
  return `no better than always predicting '${String(classes[top])}' (${percent(share)} of the test rows) — ${hint}`;
}

/** Regression: R² ≤ 0 on the test split, i.e. no better than always predicting its mean. */
function meanAdvice({ evaluation }: AdviceInput): string | null {
  const residuals = evaluation?.residuals;
  const predictions = evaluation?.predictions;
  if (
    !isNumbers(residuals) ||
    !isNumbers(predictions) ||
    residuals.length < 2 ||
    residuals.length !== predictions.length
  )
    return null;
  const y = residuals.map((r, i) => r + predictions[i]!);
  const mean = y.reduce((a, b) => a + b, 0) / y.length;
  const sst = y.reduce((a, v) => a + (v - mean) ** 2, 0);
  const sse = residuals.reduce((a, r) => a + r * r, 0);
  if (!(sst > 0) || sse < sst) return null;
  return `no better than always predicting the mean (${significant(mean)}) — try more epochs or another learning rate, or check that the features relate to the target`;
}

/**
 * One line per problem a finished or failed training run shows, each with what to try: a loss that
 * diverged (NaN, infinite, or grown far above its start), or a test score no better than the
 * trivial answer. The run page and `benchtop train` print these same lines.
 */
export function runAdvice(input: AdviceInput): string[] {
  if (diverged(input)) {
    const lr = lowerLr(input);
    return [`loss diverged — try a lower learning rate${lr === null ? '' : ` (${lr})`}`];
  }
  const trivial = input.task === 'regression' ? meanAdvice(input) : majorityAdvice(input);
  return trivial ? [trivial] : [];
}
