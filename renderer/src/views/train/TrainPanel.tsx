import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactElement } from 'react';
import type { Dataset, ModelKind } from '../../../../shared/domain.js';
import { modelsFor } from '../../../../shared/trainingRules.js';
import { FormField } from '../../components/FormField.js';
import { useClient } from '../../data/connection.js';
import { keys } from '../../data/queries.js';
import { navigate } from '../../data/route.js';
import { messageOf } from '../../lib/messageOf.js';
import {
  changeField,
  effectiveTask,
  initialValues,
  validateTrainForm,
  visibleFields,
  type TrainField,
  type TrainFormErrors,
  type TrainFormValues,
  type TrainRequest,
} from '../../lib/train/trainFormModel.js';

const MODEL_NAMES: Record<ModelKind, string> = {
  logistic: 'Logistic regression',
  linear: 'Linear regression',
  mlp: 'MLP (neural network)',
};

/** The Train dialog: target, task, model and its hyperparameters → a run in the background job queue. */
export function TrainPanel({ dataset }: { dataset: Dataset }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<TrainFormValues>(() =>
    initialValues(dataset.columns, dataset.rows),
  );
  const [errors, setErrors] = useState<TrainFormErrors>({});
  const task = effectiveTask(values, dataset.columns);
  const shown = visibleFields(values.model, task);

  const train = useMutation({
    mutationFn: (request: TrainRequest) =>
      client.call('jobs.train', { datasetId: dataset.id, ...request }),
    onSuccess: async ({ runId }) => {
      await queryClient.invalidateQueries({ queryKey: keys.runs });
      navigate({ view: 'run', id: runId });
    },
  });

  const set = (field: TrainField) => (value: string) => {
    setValues((old) => changeField(old, field, value, dataset.columns));
    setErrors((old) => ({ ...old, [field]: undefined }));
    train.reset(); // a server refusal was about the old values
  };

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const result = validateTrainForm(values, dataset.columns);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    train.mutate(result.request);
  };

  const number = (field: TrainField, label: string, step = 'any') =>
    shown.has(field) && (
      <FormField id={`train-${field}`} label={label} error={errors[field]}>
        <input
          type="number"
          inputMode="decimal"
          step={step}
          value={values[field]}
          onChange={(e) => set(field)(e.currentTarget.value)}
        />
      </FormField>
    );
  const choice = (
    field: TrainField,
    label: string,
    options: readonly (readonly [string, string])[],
  ): ReactElement | false =>
    shown.has(field) && (
      <FormField id={`train-${field}`} label={label} error={errors[field]}>
        <select value={values[field]} onChange={(e) => set(field)(e.currentTarget.value)}>
          {options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </FormField>
    );

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
      <FormField id="train-task" label="Task" error={errors.task}>
        <select value={values.task} onChange={(e) => set('task')(e.currentTarget.value)}>
          <option value="auto">
            {task && values.task === 'auto' ? `Automatic (${task})` : 'Automatic'}
          </option>
          <option value="binary">Binary classification</option>
          <option value="multiclass">Multiclass classification</option>
          <option value="regression">Regression</option>
        </select>
      </FormField>
      <FormField id="train-model" label="Model" error={errors.model}>
        <select value={values.model} onChange={(e) => set('model')(e.currentTarget.value)}>
          {(task ? modelsFor(task) : (['logistic', 'linear', 'mlp'] as const)).map((m) => (
            <option key={m} value={m}>
              {MODEL_NAMES[m]}
            </option>
          ))}
        </select>
      </FormField>
      {shown.has('hidden') && (
        <FormField id="train-hidden" label="Hidden layers" error={errors.hidden}>
          <input
            type="text"
            placeholder="64,32"
            value={values.hidden}
            onChange={(e) => set('hidden')(e.currentTarget.value)}
          />
        </FormField>
      )}
      {choice('activation', 'Activation', [
        ['relu', 'ReLU'],
        ['tanh', 'tanh'],
        ['sigmoid', 'sigmoid'],
        ['elu', 'ELU'],
      ])}
      {number('dropout', 'Dropout')}
      {number('epochs', 'Epochs', '1')}
      {number('lr', 'Learning rate')}
      {number('batch_size', 'Batch size', '1')}
      {choice('optimizer', 'Optimizer', [
        ['adam', 'Adam'],
        ['sgd', 'SGD'],
        ['rmsprop', 'RMSprop'],
      ])}
      {number('l1', 'L1 penalty')}
      {number('l2', 'L2 penalty')}
      {number('patience', 'Early stopping patience', '1')}
      {choice('class_weight', 'Class weights', [
        ['none', 'None'],
        ['balanced', 'Balanced'],
      ])}
      {number('test_size', 'Test size')}
      {number('cv_folds', 'Cross-validation folds', '1')}
      <div className="form-actions">
        <span className="form-note">
          {MODEL_NAMES[values.model]} · {task ?? 'pick a target'} · patience 0 turns early stopping
          off
        </span>
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
