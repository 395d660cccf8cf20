import { api } from '../../../../shared/api.js';
import { TrainParams, type Column, type ModelKind, type Task } from '../../../../shared/domain.js';
import {
  defaultLr,
  defaultTarget,
  inferTask,
  modelsFor,
  type Optimizer,
} from '../../../../shared/trainingRules.js';

/** Every field of the Train form as typed text; numbers are parsed on submit. */
export interface TrainFormValues {
  target: string;
  task: Task | 'auto';
  model: ModelKind;
  epochs: string;
  lr: string;
  batch_size: string;
  optimizer: string;
  test_size: string;
  hidden: string;
  activation: string;
  dropout: string;
  l1: string;
  l2: string;
  patience: string;
  class_weight: string;
  cv_folds: string;
}
export type TrainField = keyof TrainFormValues;
export type TrainFormErrors = Partial<Record<TrainField, string>>;

export interface TrainRequest {
  target: string;
  task?: Task;
  model: ModelKind;
  params: Partial<TrainParams>;
}
export type TrainFormResult =
  { ok: true; request: TrainRequest } | { ok: false; errors: TrainFormErrors };

const NUMERIC: readonly TrainField[] = [
  'epochs',
  'lr',
  'batch_size',
  'test_size',
  'dropout',
  'l1',
  'l2',
  'patience',
  'cv_folds',
];
const LABELS: Partial<Record<TrainField, string>> = {
  lr: 'learning rate',
  batch_size: 'batch size',
  test_size: 'test size',
  cv_folds: 'cross-validation folds',
};

/** The task the run will have: the override, else what the core infers from the target's profile. */
export function effectiveTask(
  values: Pick<TrainFormValues, 'target' | 'task'>,
  columns: readonly Column[],
): Task | null {
  if (values.task !== 'auto') return values.task;
  const column = columns.find((c) => c.name === values.target);
  return column ? inferTask(column) : null;
}

/** Which fields the form shows for a model and task. */
export function visibleFields(model: ModelKind, task: Task | null): Set<TrainField> {
  const fields = new Set<TrainField>([
    'epochs',
    'lr',
    'batch_size',
    'optimizer',
    'test_size',
    'l2',
    'patience',
    'cv_folds',
  ]);
  if (model === 'mlp') for (const f of ['hidden', 'activation', 'dropout'] as const) fields.add(f);
  if (model === 'linear') fields.add('l1');
  if (task !== 'regression') fields.add('class_weight');
  return fields;
}

/** A model that fits the task: the current one if it does, else the task's usual first choice. */
export function fittingModel(model: ModelKind, task: Task | null): ModelKind {
  if (!task) return model;
  const fits = modelsFor(task);
  return fits.includes(model) ? model : fits[0]!;
}

/** The form's starting values; the numbers are the contract's defaults (TrainParams). */
export function initialValues(columns: readonly Column[], rows: number): TrainFormValues {
  const d = TrainParams.parse({});
  const target = defaultTarget(columns, rows);
  const task = effectiveTask({ target, task: 'auto' }, columns);
  const model = fittingModel('logistic', task);
  return {
    target,
    task: 'auto',
    model,
    epochs: String(d.epochs),
    lr: String(defaultLr(model, d.optimizer)),
    batch_size: String(d.batch_size),
    optimizer: d.optimizer,
    test_size: String(d.test_size),
    hidden: d.hidden,
    activation: d.activation,
    dropout: String(d.dropout),
    l1: String(d.l1),
    l2: String(d.l2),
    patience: String(d.patience),
    class_weight: d.class_weight,
    cv_folds: String(d.cv_folds),
  };
}

const OPTIMIZERS: readonly string[] = TrainParams.shape.optimizer.unwrap().options;
/** The default learning rate for the form's model and optimizer; null when the optimizer text is not one. */
const lrDefaultOf = (values: Pick<TrainFormValues, 'model' | 'optimizer'>): string | null =>
  OPTIMIZERS.includes(values.optimizer)
    ? String(defaultLr(values.model, values.optimizer as Optimizer))
    : null;

/**
 * The form after one field changes. A new target or task may not suit the model (logistic cannot do
 * regression), so the model follows; and while the learning rate is still the default of the model
 * and optimizer, it follows them too (Adam 0.001 → SGD 0.01 for an MLP). A rate the user typed stays.
 */
export function changeField(
  old: TrainFormValues,
  field: TrainField,
  value: string,
  columns: readonly Column[],
): TrainFormValues {
  let next = { ...old, [field]: value };
  if (field === 'target' || field === 'task')
    next = { ...next, model: fittingModel(next.model, effectiveTask(next, columns)) };
  const oldDefault = lrDefaultOf(old);
  const newDefault = lrDefaultOf(next);
  if (field !== 'lr' && newDefault !== null && old.lr === oldDefault) next.lr = newDefault;
  return next;
}

const toNumber = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

/** Validates with the contract's own schemas so the form and the server agree on every message. */
export function validateTrainForm(
  values: TrainFormValues,
  columns: readonly Column[],
): TrainFormResult {
  const errors: TrainFormErrors = {};
  const target = api['jobs.train'].input.shape.target.safeParse(values.target);
  if (!target.success) errors.target = target.error.issues[0]?.message ?? 'pick a target column';
  const task = effectiveTask(values, columns);
  const fields = visibleFields(values.model, task);
  const raw: Record<string, string | number> = {};
  for (const field of fields) {
    if (NUMERIC.includes(field)) {
      const n = toNumber(values[field]);
      if (Number.isNaN(n)) errors[field] = `${LABELS[field] ?? field} must be a number`;
      else raw[field] = n;
    } else raw[field] = values[field];
  }
  const params = TrainParams.partial().safeParse(raw);
  if (!params.success) {
    for (const issue of params.error.issues) {
      const field = issue.path[0] as TrainField | undefined;
      if (field && !errors[field]) errors[field] = issue.message;
    }
  }
  if (!params.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    request: {
      target: values.target,
      model: values.model,
      // Only the fields shown: zod's partial() still fills defaults for the rest, which the core does anyway.
      params: Object.fromEntries(
        Object.entries(params.data).filter(([k]) => k in raw),
      ) as Partial<TrainParams>,
      ...(values.task !== 'auto' ? { task: values.task } : {}),
    },
  };
}
