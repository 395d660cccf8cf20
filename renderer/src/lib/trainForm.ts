import { api } from '../../../shared/api.js';
import { TrainParams, type Column } from '../../../shared/domain.js';

export interface TrainFormValues {
  target: string;
  epochs: string;
  lr: string;
}

export type TrainFormErrors = Partial<Record<keyof TrainFormValues, string>>;

export type TrainFormResult =
  | { ok: true; target: string; params: { epochs: number; lr: number } }
  | { ok: false; errors: TrainFormErrors };

const NumericParams = TrainParams.pick({ epochs: true, lr: true });

/** The last categorical or boolean column (the usual place for a label), else the last column. */
export function defaultTarget(columns: readonly Column[]): string {
  const labels = columns.filter((c) => c.type === 'categorical' || c.type === 'boolean');
  return (labels.at(-1) ?? columns.at(-1))?.name ?? '';
}

/** The form's starting values; the numbers are the contract's defaults (TrainParams). */
export function initialValues(columns: readonly Column[]): TrainFormValues {
  const defaults = TrainParams.parse({});
  return {
    target: defaultTarget(columns),
    epochs: String(defaults.epochs),
    lr: String(defaults.lr),
  };
}

const toNumber = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

/** Validates with the contract's own schemas so the form and the server agree on every message. */
export function validateTrainForm(values: TrainFormValues): TrainFormResult {
  const errors: TrainFormErrors = {};
  const target = api['jobs.train'].input.shape.target.safeParse(values.target);
  if (!target.success) errors.target = target.error.issues[0]?.message ?? 'pick a target column';

  const epochs = toNumber(values.epochs);
  const lr = toNumber(values.lr);
  if (Number.isNaN(epochs)) errors.epochs = 'epochs must be a number';
  if (Number.isNaN(lr)) errors.lr = 'learning rate must be a number';
  const params = NumericParams.safeParse({ epochs, lr });
  if (!params.success) {
    for (const issue of params.error.issues) {
      const field = issue.path[0];
      if ((field === 'epochs' || field === 'lr') && !errors[field]) errors[field] = issue.message;
    }
  }
  if (!params.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, target: values.target, params: params.data };
}
