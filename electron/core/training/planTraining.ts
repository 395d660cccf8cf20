import type { Column, ModelKind, Task, TrainParams } from '../../../shared/domain.js';
import type { StoredDataset } from '../store/datasetsRepo.js';
import { inferTask } from '../../../shared/trainingRules.js';
import { UserError } from '../userError.js';
import { checkModelChoice } from './models/modelChoice.js';
import type { FeatureColumn } from './preprocessing/fitPreprocess.js';
import type { DroppedColumn } from './preprocessing/preprocessSpec.js';
import { checkSplitSizes, counts } from './preprocessing/split.js';

const MAX_CLASSES = 100;

export interface TrainingPlan {
  task: Task;
  columns: FeatureColumn[];
  dropped: DroppedColumn[];
}

function checkTarget(column: Column, task: Task): void {
  const name = column.name;
  if (column.distinct === 0) throw new UserError(`target "${name}" has no values`);
  if (task === 'regression') {
    if (column.type !== 'numeric')
      throw new UserError(
        `target "${name}" is ${column.type}, not numeric; regression needs a numeric target`,
      );
    if (column.distinct < 2) throw new UserError(`target "${name}" is constant; nothing to learn`);
    return;
  }
  if (column.distinct < 2) {
    throw new UserError(
      column.type === 'numeric'
        ? `target "${name}" is constant; nothing to learn`
        : `target "${name}" has only one class; nothing to learn`,
    );
  }
  if (column.distinct > MAX_CLASSES) {
    throw new UserError(
      `target "${name}" has ${column.distinct} distinct values; at most ${MAX_CLASSES} classes are supported`,
    );
  }
  if (task === 'binary' && column.distinct !== 2) {
    throw new UserError(
      `target "${name}" has ${column.distinct} classes, not 2; use --task multiclass`,
    );
  }
}

/** Checks a training request against the dataset's profile before anything is stored or started. */
export function planTraining(
  dataset: StoredDataset,
  target: string,
  model: ModelKind,
  params: Pick<TrainParams, 'patience' | 'monitor' | 'test_size' | 'val_fraction'>,
  taskOverride?: Task,
): TrainingPlan {
  const column = dataset.columns.find((c) => c.name === target);
  if (!column) {
    const names = dataset.columns.map((c) => c.name).join(', ');
    throw new UserError(`no column "${target}" in dataset ${dataset.name} (columns: ${names})`);
  }
  const task = taskOverride ?? inferTask(column);
  checkTarget(column, task);
  checkModelChoice(model, task, params);

  const columns: FeatureColumn[] = [];
  const dropped: DroppedColumn[] = [];
  for (const c of dataset.columns) {
    if (c.name === target) continue;
    if (c.missing === dataset.rows) dropped.push({ name: c.name, reason: 'all values missing' });
    else if (c.type === 'text') dropped.push({ name: c.name, reason: 'free text' });
    else columns.push({ name: c.name, type: c.type });
  }
  if (columns.length === 0) {
    const why = dropped.map((d) => `${d.name}: ${d.reason}`).join('; ');
    throw new UserError(
      `dataset ${dataset.name} has no usable feature columns besides "${target}"${why ? ` (dropped: ${why})` : ''}`,
    );
  }
  const labelled = dataset.rows - column.missing;
  const split = { testSize: params.test_size, valFraction: params.val_fraction, seed: 0 };
  const sizes = counts(labelled, split);
  checkSplitSizes(labelled, { ...sizes, train: labelled - sizes.test - sizes.val }, split);
  return { task, columns, dropped };
}
