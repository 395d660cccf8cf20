import { TrainParams, type Column, type ModelKind, type Task } from './domain.js';

/** A numeric target with more distinct values than this is regression unless the task says otherwise. */
export const MAX_NUMERIC_CLASSES = 20;

/** Binary, multiclass or regression, from the target's profile (the form and the core agree). */
export function inferTask(column: Pick<Column, 'type' | 'distinct'>): Task {
  if (column.type === 'numeric' && column.distinct > MAX_NUMERIC_CLASSES) return 'regression';
  return column.distinct === 2 ? 'binary' : 'multiclass';
}

/** The model kinds that fit a task, the usual first choice first. */
export const modelsFor = (task: Task): ModelKind[] =>
  task === 'regression' ? ['linear', 'mlp'] : ['logistic', 'mlp'];

/**
 * Test metrics per task, in the scorer's names; a run stores each as `test_<name>`
 * (shared/metricNames.ts). The first is a sweep's default.
 */
export const testMetricsFor = (task: Task): string[] =>
  task === 'regression'
    ? ['rmse', 'mae', 'r2']
    : ['f1_macro', 'accuracy', 'precision_macro', 'recall_macro', 'log_loss', 'roc_auc'];

export type Optimizer = TrainParams['optimizer'];

/**
 * The learning rate a run gets when none is given. An MLP gets Keras' default for its optimizer
 * (Adam and RMSprop 0.001, SGD 0.01): at 0.1 Adam leaves an MLP on scikit-learn's digits at 30–41%
 * test accuracy, at 0.001 it reaches 97.5%. Logistic and linear models start from zero weights on a
 * convex loss, and 50 epochs at 0.001 leave them far short on small data (logistic on iris: 77%
 * against 97% at 0.1), so they keep 0.1 whatever the optimizer.
 */
export const DEFAULT_LR: Record<ModelKind, Record<Optimizer, number>> = {
  mlp: { adam: 0.001, sgd: 0.01, rmsprop: 0.001 },
  logistic: { adam: 0.1, sgd: 0.1, rmsprop: 0.1 },
  linear: { adam: 0.1, sgd: 0.1, rmsprop: 0.1 },
};

export const defaultLr = (model: ModelKind, optimizer: Optimizer): number =>
  DEFAULT_LR[model][optimizer];

/** Parses params (zod's defaults filled) and settles the learning rate: as given, else `defaultLr`. */
export function resolveTrainParams(model: ModelKind, raw: unknown): TrainParams {
  const params = TrainParams.parse(raw);
  return { ...params, lr: params.lr ?? defaultLr(model, params.optimizer) };
}

/** Column names that say "this is what to predict". */
const LABEL_NAME =
  /^(target|label|class|y|outcome)$|[_ -](target|label|class)$|^(target|label|class)[_ -]/i;
/** Column names of free text: never a target, whatever their cardinality. */
const TEXT_NAME = /^(notes?|comments?|description|desc|remarks?|text|message|summary|details?)$/i;
/** Column names of identifiers: id, uuid, customer_id, userId, row_number… */
const ID_NAME = /^(id|uuid|guid|key|index|idx|row|row_?(id|num|number))$|[_ -](id|uuid|key)$/i;
const CAMEL_ID = /[a-z](Id|ID|Uuid|UUID)$/;

type Profiled = Pick<Column, 'name' | 'type' | 'missing' | 'distinct'>;

/** Few enough values to be classes: categorical, boolean, or numeric with at most MAX_NUMERIC_CLASSES values. */
const lowCardinality = (c: Profiled): boolean =>
  c.type === 'boolean' ||
  c.type === 'categorical' ||
  (c.type === 'numeric' && c.distinct <= MAX_NUMERIC_CLASSES);

/**
 * Whether a column could be a target: not free text (the `text` type, a notes-like name, or strings
 * that are mostly distinct), not an identifier (an id-like name, or strings all distinct), not a date.
 */
export function targetCandidate(c: Profiled, rows: number): boolean {
  const present = Math.max(rows - c.missing, 0);
  if (c.type === 'text' || c.type === 'datetime') return false;
  if (TEXT_NAME.test(c.name) || ID_NAME.test(c.name) || CAMEL_ID.test(c.name)) return false;
  if (c.type === 'categorical' && present > 0) {
    if (c.distinct >= present && present >= 10) return false; // every value different: an id or a note
    if (c.distinct > MAX_NUMERIC_CLASSES && c.distinct > present / 2) return false; // mostly distinct: free text
  }
  return true;
}

/**
 * The column a person would pick to predict, or '' when none fits: a column named like a label
 * (target, label, class, y, outcome) — even with one value, so training says why it cannot learn —
 * else, among columns with two values or more, the last if it has few values, else the last
 * categorical or boolean one, else the last (a numeric one: regression). Free text, identifiers
 * and dates are never picked.
 */
export function defaultTarget(columns: readonly Profiled[], rows: number): string {
  const candidates = columns.filter((c) => targetCandidate(c, rows));
  const named = candidates.findLast((c) => LABEL_NAME.test(c.name));
  if (named) return named.name;
  const varied = candidates.filter((c) => c.distinct >= 2);
  const last = varied.at(-1);
  if (last && lowCardinality(last)) return last.name;
  const label = varied.findLast((c) => c.type === 'categorical' || c.type === 'boolean');
  return (label ?? last)?.name ?? '';
}
