import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { Dataset } from '../../../../shared/domain.js';
import { testName } from '../../../../shared/metricNames.js';
import {
  defaultTarget,
  inferTask,
  modelsFor,
  testMetricsFor,
} from '../../../../shared/trainingRules.js';
import { FormField } from '../../components/FormField.js';
import { useClient } from '../../data/connection.js';
import { keys } from '../../data/queries.js';
import { navigate } from '../../data/route.js';
import { trainingKeys, useJobs } from '../../data/trainingQueries.js';
import { messageOf } from '../../lib/messageOf.js';
import {
  initialSweepValues,
  validateSweepForm,
  type SweepField,
  type SweepFormErrors,
  type SweepFormValues,
  type SweepRequest,
} from '../../lib/train/sweepFormModel.js';

/** The sweep builder: grid or random search over the learning rate (and MLP layers), best run by a metric. */
export function SweepBuilder({ dataset }: { dataset: Dataset }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState(() => defaultTarget(dataset.columns, dataset.rows));
  const column = dataset.columns.find((c) => c.name === target);
  const task = column ? inferTask(column) : null;
  const [values, setValues] = useState<SweepFormValues>(() => initialSweepValues(task));
  const [errors, setErrors] = useState<SweepFormErrors>({});
  const limit = useJobs(false).data?.limit;

  const sweep = useMutation({
    mutationFn: (request: SweepRequest) =>
      client.call('sweeps.create', { datasetId: dataset.id, target, ...request }),
    onSuccess: async ({ id }) => {
      await queryClient.invalidateQueries({ queryKey: keys.runs });
      await queryClient.invalidateQueries({ queryKey: trainingKeys.sweeps });
      navigate({ view: 'sweep', id });
    },
  });

  const set =
    <F extends SweepField>(field: F) =>
    (value: SweepFormValues[F]) => {
      setValues((old) => ({ ...old, [field]: value }));
      setErrors((old) => ({ ...old, [field]: undefined }));
      sweep.reset();
    };
  const changeTarget = (name: string) => {
    setTarget(name);
    const c = dataset.columns.find((x) => x.name === name);
    setValues(initialSweepValues(c ? inferTask(c) : null));
    setErrors({});
    sweep.reset();
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateSweepForm(values, task);
    if (!result.ok) return setErrors(result.errors);
    setErrors({});
    sweep.mutate(result.request);
  };

  const text = (
    field: 'epochs' | 'lrs' | 'lrLow' | 'lrHigh' | 'trials' | 'hidden',
    label: string,
  ) => (
    <FormField id={`sweep-${field}`} label={label} error={errors[field]}>
      <input
        type="text"
        value={values[field]}
        onChange={(e) => set(field)(e.currentTarget.value)}
      />
    </FormField>
  );

  return (
    <form className="train-form" noValidate onSubmit={submit} aria-label="Sweep">
      <FormField id="sweep-target" label="Sweep target" error={undefined}>
        <select value={target} onChange={(e) => changeTarget(e.currentTarget.value)}>
          {dataset.columns.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name} ({c.type})
            </option>
          ))}
        </select>
      </FormField>
      <FormField id="sweep-model" label="Sweep model" error={errors.model}>
        <select
          value={values.model}
          onChange={(e) => set('model')(e.currentTarget.value as SweepFormValues['model'])}
        >
          {modelsFor(task ?? 'binary').map((m) => (
            <option key={m} value={m}>
              {testName(m)}
            </option>
          ))}
        </select>
      </FormField>
      <FormField id="sweep-search" label="Search" error={undefined}>
        <select
          value={values.search}
          onChange={(e) => set('search')(e.currentTarget.value as 'grid' | 'random')}
        >
          <option value="grid">Grid</option>
          <option value="random">Random (log-uniform learning rate)</option>
        </select>
      </FormField>
      {values.search === 'grid' ? (
        text('lrs', 'Learning rates')
      ) : (
        <>
          {text('trials', 'Trials')}
          {text('lrLow', 'Learning rate from')}
          {text('lrHigh', 'Learning rate to')}
        </>
      )}
      {values.model === 'mlp' && values.search === 'grid' && text('hidden', 'Hidden layer choices')}
      {text('epochs', 'Epochs per trial')}
      <FormField id="sweep-metric" label="Best by" error={errors.metric}>
        <select value={values.metric} onChange={(e) => set('metric')(e.currentTarget.value)}>
          {testMetricsFor(task ?? 'binary').map((m) => (
            <option key={m} value={m}>
              {testName(m)}
            </option>
          ))}
        </select>
      </FormField>
      <FormField id="sweep-halving" label="Successive halving" error={undefined}>
        <input
          type="checkbox"
          className="checkbox"
          checked={values.halving}
          onChange={(e) => set('halving')(e.currentTarget.checked)}
        />
      </FormField>
      <div className="form-actions">
        <span className="form-note" data-testid="sweep-parallel">
          {limit === undefined
            ? 'Trials run in parallel up to the job queue’s limit'
            : `Trials run ${limit} at a time here (this machine's job limit; BENCHTOP_MAX_JOBS sets it), the rest wait their turn`}
        </span>
        <button type="submit" className="button primary" disabled={sweep.isPending}>
          {sweep.isPending ? 'Starting…' : 'Start sweep'}
        </button>
      </div>
      {sweep.isError && (
        <p className="form-error" role="alert" title={messageOf(sweep.error)}>
          {messageOf(sweep.error)}
        </p>
      )}
    </form>
  );
}
