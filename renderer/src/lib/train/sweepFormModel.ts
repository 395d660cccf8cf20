import type { ModelKind, ParamValue, Task } from '../../../../shared/domain.js';
import { SweepInput } from '../../../../shared/api/sweeps.js';
import { modelsFor, testMetricsFor } from '../../../../shared/trainingRules.js';

export interface SweepFormValues {
  model: ModelKind;
  search: 'grid' | 'random';
  metric: string;
  epochs: string;
  /** Grid: comma-separated learning rates; random: the log-uniform range low–high. */
  lrs: string;
  lrLow: string;
  lrHigh: string;
  trials: string;
  /** MLP: layer-size choices separated by '/', e.g. "32/64,32". */
  hidden: string;
  halving: boolean;
}
export type SweepField = keyof SweepFormValues;
export type SweepFormErrors = Partial<Record<SweepField, string>>;
export type SweepRequest = Omit<SweepInput, 'datasetId' | 'target'>;
type Request = SweepRequest;

export function initialSweepValues(task: Task | null): SweepFormValues {
  const t = task ?? 'binary';
  return {
    model: modelsFor(t).includes('mlp') ? 'mlp' : modelsFor(t)[0]!,
    search: 'grid',
    metric: testMetricsFor(t)[0]!,
    epochs: '20',
    lrs: '0.1, 0.01',
    lrLow: '0.0001',
    lrHigh: '0.1',
    trials: '8',
    hidden: '16/32,16',
    halving: false,
  };
}

const numbers = (text: string): number[] =>
  text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
    .map(Number);

/** Builds the sweeps.create request; the contract's schema has the last word on every value. */
export function validateSweepForm(
  values: SweepFormValues,
  task: Task | null,
): { ok: true; request: Request } | { ok: false; errors: SweepFormErrors } {
  const errors: SweepFormErrors = {};
  const epochs = Number(values.epochs);
  if (values.epochs.trim() === '' || !Number.isInteger(epochs) || epochs < 1)
    errors.epochs = 'epochs must be a whole number of at least 1';
  if (task && !testMetricsFor(task).includes(values.metric))
    errors.metric = `pick a ${task} metric`;
  const hidden = values.hidden
    .split('/')
    .map((h) => h.trim())
    .filter(Boolean);
  if (values.model === 'mlp' && hidden.some((h) => !/^\d+(\s*,\s*\d+)*$/.test(h)))
    errors.hidden = 'layer sizes like 64,32; choices separated by /';
  const grid: Partial<Record<'lr' | 'hidden', ParamValue[]>> = {};
  let random: Request['random'];
  if (values.search === 'grid') {
    const lrs = numbers(values.lrs);
    if (lrs.length === 0 || lrs.some((v) => !(v > 0 && v <= 10)))
      errors.lrs = 'learning rates between 0 and 10, separated by commas';
    grid.lr = lrs;
    if (values.model === 'mlp' && hidden.length) grid.hidden = hidden;
  } else {
    const trials = Number(values.trials);
    if (!Number.isInteger(trials) || trials < 1 || trials > 1000)
      errors.trials = 'trials must be a whole number from 1 to 1000';
    const low = Number(values.lrLow);
    const high = Number(values.lrHigh);
    if (!(low > 0 && high > low && high <= 10)) errors.lrLow = 'a range 0 < low < high ≤ 10';
    random = { trials, ranges: { lr: { low, high, log: true } } };
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const request: Request = {
    model: values.model,
    metric: values.metric,
    halving: values.halving,
    params: { epochs },
    ...(values.search === 'grid' ? { grid } : { random }),
  };
  const checked = SweepInput.safeParse({ datasetId: 0, target: 'x', ...request });
  if (!checked.success)
    return { ok: false, errors: { lrs: checked.error.issues[0]?.message ?? 'invalid sweep' } };
  return { ok: true, request };
}
