import type { Column, ModelKind, Task } from './domain.js';

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
