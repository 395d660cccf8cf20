import type { ModelKind, Task, TrainParams } from '../../../../shared/domain.js';
import { UserError } from '../../userError.js';

/** Checks that the model kind and the monitored metric fit the task; the message says what would. */
export function checkModelChoice(
  kind: ModelKind,
  task: Task,
  params: Pick<TrainParams, 'patience' | 'monitor'>,
): void {
  const regression = task === 'regression';
  if (kind === 'logistic' && regression) {
    throw new UserError(
      'model logistic needs a classification target; use --model linear or mlp for regression',
    );
  }
  if (kind === 'linear' && !regression) {
    throw new UserError(
      `model linear is for regression, but this target is ${task}; use --model logistic or mlp`,
    );
  }
  if (params.patience > 0) {
    if (regression && params.monitor === 'val_accuracy') {
      throw new UserError(
        'monitor: val_accuracy is not reported for regression; use val_loss or val_rmse',
      );
    }
    if (!regression && params.monitor === 'val_rmse') {
      throw new UserError(
        'monitor: val_rmse is reported for regression only; use val_loss or val_accuracy',
      );
    }
  }
}

/** The params a run records: the common ones for every model, the rest only where the model uses them. */
export function recordedParams(
  kind: ModelKind,
  params: TrainParams,
): Record<string, string | number> {
  const { hidden, activation, dropout, patience, monitor, class_weight, cv_folds, ...common } =
    params;
  const out: Record<string, string | number> = { ...common };
  if (kind === 'mlp') Object.assign(out, { hidden, activation, dropout });
  if (patience > 0) Object.assign(out, { patience, monitor });
  if (class_weight !== 'none') out.class_weight = class_weight;
  if (cv_folds > 0) out.cv_folds = cv_folds;
  return out;
}
