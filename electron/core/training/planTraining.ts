import type { Task } from '../../../shared/domain.js';
import type { StoredDataset } from '../store/datasetsRepo.js';
import { UserError } from '../userError.js';

const MAX_CLASSES = 100;

/** Checks a training request against the dataset's profile before anything is stored or started. */
export function planTraining(dataset: StoredDataset, target: string): { task: Task; features: string[] } {
  const column = dataset.columns.find((c) => c.name === target);
  if (!column) {
    const names = dataset.columns.map((c) => c.name).join(', ');
    throw new UserError(`no column "${target}" in dataset ${dataset.name} (columns: ${names})`);
  }
  if (column.distinct < 2) throw new UserError(`target "${target}" has fewer than two classes; nothing to learn`);
  if (column.type === 'numeric' && column.distinct > 20) {
    throw new UserError(
      `target "${target}" is numeric with ${column.distinct} distinct values; logistic regression needs a categorical target`,
    );
  }
  if (column.distinct > MAX_CLASSES) {
    throw new UserError(`target "${target}" has ${column.distinct} distinct values; at most ${MAX_CLASSES} classes are supported`);
  }
  const features = dataset.columns.filter((c) => c.type === 'numeric' && c.name !== target).map((c) => c.name);
  if (features.length === 0) {
    throw new UserError(
      `dataset ${dataset.name} has no numeric feature columns besides "${target}"; logistic regression needs at least one`,
    );
  }
  return { task: column.distinct === 2 ? 'binary' : 'multiclass', features };
}
