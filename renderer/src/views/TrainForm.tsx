import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { Dataset } from '../../../shared/domain.js';
import { FormField } from '../components/FormField.js';
import { useClient } from '../data/connection.js';
import { keys } from '../data/queries.js';
import { navigate } from '../data/route.js';
import { messageOf } from '../lib/messageOf.js';
import {
  initialValues,
  validateTrainForm,
  type TrainFormErrors,
  type TrainFormValues,
} from '../lib/trainForm.js';

/** Target column, epochs and learning rate → a logistic-regression run in a background job. */
export function TrainForm({ dataset }: { dataset: Dataset }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<TrainFormValues>(() => initialValues(dataset.columns));
  const [errors, setErrors] = useState<TrainFormErrors>({});

  const train = useMutation({
    mutationFn: (input: { target: string; params: { epochs: number; lr: number } }) =>
      client.call('jobs.train', { datasetId: dataset.id, model: 'logistic', ...input }),
    onSuccess: async ({ runId }) => {
      await queryClient.invalidateQueries({ queryKey: keys.runs });
      navigate({ view: 'run', id: runId });
    },
  });

  const set = (field: keyof TrainFormValues) => (value: string) => {
    setValues((old) => ({ ...old, [field]: value }));
    setErrors((old) => ({ ...old, [field]: undefined }));
    train.reset(); // a server refusal was about the old values
  };

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const result = validateTrainForm(values);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    train.mutate({ target: result.target, params: result.params });
  };

  return (
    <form className="train-form" noValidate onSubmit={submit}>
      <FormField id="train-target" label="Target column" error={errors.target}>
        <select value={values.target} onChange={(e) => set('target')(e.currentTarget.value)}>
          <option value="">Choose a column…</option>
          {dataset.columns.map((column) => (
            <option key={column.name} value={column.name}>
              {column.name} ({column.type})
            </option>
          ))}
        </select>
      </FormField>
      <FormField id="train-epochs" label="Epochs" error={errors.epochs}>
        <input
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          value={values.epochs}
          onChange={(e) => set('epochs')(e.currentTarget.value)}
        />
      </FormField>
      <FormField id="train-lr" label="Learning rate" error={errors.lr}>
        <input
          type="number"
          inputMode="decimal"
          min={0}
          step="any"
          value={values.lr}
          onChange={(e) => set('lr')(e.currentTarget.value)}
        />
      </FormField>
      <div className="form-actions">
        <span className="form-note">Logistic regression · runs in the background</span>
        <button type="submit" className="button primary" disabled={train.isPending}>
          {train.isPending ? 'Starting…' : 'Train'}
        </button>
      </div>
      {train.isError && (
        <p className="form-error" role="alert" title={messageOf(train.error)}>
          {messageOf(train.error)}
        </p>
      )}
    </form>
  );
}
