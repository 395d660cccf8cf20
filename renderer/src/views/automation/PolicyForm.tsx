import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import {
  formatEvery,
  parseEvery,
  TRIGGERS,
  type Policy,
  type PolicyTrigger,
} from '../../../../shared/api/automation.js';
import { FormField } from '../../components/FormField.js';
import { automationKeys } from '../../data/automationQueries.js';
import { useClient } from '../../data/connection.js';
import { useModels } from '../../data/registryQueries.js';
import { messageOf } from '../../lib/messageOf.js';
import {
  joinStrategy,
  splitStrategy,
  STRATEGY_CHOICES,
  type StrategyChoice,
} from './strategyChoice.js';

interface Values {
  model: string;
  watchDir: string;
  dataset: string;
  every: string;
  trigger: PolicyTrigger;
  metric: string;
  margin: string;
  threshold: string;
  strategy: StrategyChoice;
  windowK: string;
  autoPromote: boolean;
}

const valuesOf = (p: Policy | null, model: string): Values => ({
  model: p?.model ?? model,
  watchDir: p?.watch_dir ?? '',
  dataset: p?.dataset ?? '',
  every: p?.every_seconds ? formatEvery(p.every_seconds) : '',
  trigger: p?.trigger ?? 'drift',
  metric: p?.metric ?? '',
  margin: String(p?.margin ?? 0),
  threshold: p?.threshold === null || p?.threshold === undefined ? '' : String(p.threshold),
  strategy: splitStrategy(p?.strategy ?? 'reference+new').choice,
  windowK: splitStrategy(p?.strategy ?? 'reference+new').k,
  autoPromote: p?.auto_promote ?? false,
});

/** Checks what the page can check; the core checks the rest (the model, the folder, the metric) and says why. */
function settingsOf(v: Values): { settings?: object; error?: [keyof Values, string] } {
  const everySeconds = v.every.trim() ? parseEvery(v.every) : null;
  if (v.every.trim() && everySeconds === null)
    return { error: ['every', 'A duration such as 30m, 1h or 2d'] };
  const margin = Number(v.margin);
  if (v.margin.trim() === '' || !Number.isFinite(margin) || margin < 0)
    return { error: ['margin', 'A number, 0 or more'] };
  const threshold = v.threshold.trim() ? Number(v.threshold) : null;
  if (threshold !== null && !Number.isFinite(threshold))
    return { error: ['threshold', 'A number'] };
  const { strategy, error } = joinStrategy(v.strategy, v.windowK);
  if (error) return { error: ['windowK', error] };
  return {
    settings: {
      watchDir: v.watchDir.trim() || null,
      dataset: v.dataset.trim() || null,
      everySeconds,
      trigger: v.trigger,
      metric: v.metric.trim() || null,
      margin,
      threshold,
      strategy,
      autoPromote: v.autoPromote,
    },
  };
}

/** Creates a policy for a registered model, or edits one (everything but its model). */
export function PolicyForm({ editing, onDone }: { editing: Policy | null; onDone: () => void }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const models = useModels();
  const [values, setValues] = useState<Values>(() =>
    valuesOf(editing, models.data?.[0]?.name ?? ''),
  );
  const [fieldError, setFieldError] = useState<[keyof Values, string] | null>(null);
  // The models may load after the form opens: until one is picked, the first is meant.
  const model = values.model || (models.data?.[0]?.name ?? '');
  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const save = useMutation({
    mutationFn: (settings: object) =>
      editing
        ? client.call('automation.updatePolicy', { id: editing.id, ...settings })
        : client.call('automation.createPolicy', { model, ...settings }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: automationKeys.policies });
      onDone();
    },
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const { settings, error } = settingsOf(values);
    setFieldError(error ?? null);
    if (settings) save.mutate(settings);
  };
  const errorOf = (key: keyof Values) => (fieldError?.[0] === key ? fieldError[1] : undefined);

  return (
    <form
      className="train-form policy-form"
      noValidate
      onSubmit={submit}
      aria-label={editing ? `Edit policy ${editing.id}` : 'New policy'}
    >
      <FormField id="policy-model" label="Model" error={undefined}>
        <select
          value={model}
          disabled={editing !== null}
          onChange={(e) => set('model', e.currentTarget.value)}
        >
          {model === '' && <option value="">no registered model yet</option>}
          {models.data?.map((m) => (
            <option key={m.name} value={m.name}>
              {m.name}
            </option>
          ))}
        </select>
      </FormField>
      <FormField
        id="policy-watch"
        label="Watch folder (new files become dataset versions)"
        error={undefined}
      >
        <input
          value={values.watchDir}
          placeholder="/path/to/incoming"
          onChange={(e) => set('watchDir', e.currentTarget.value)}
        />
      </FormField>
      <FormField id="policy-dataset" label="Dataset name" error={undefined}>
        <input
          value={values.dataset}
          placeholder="the champion's dataset"
          onChange={(e) => set('dataset', e.currentTarget.value)}
        />
      </FormField>
      <FormField id="policy-every" label="Check every" error={errorOf('every')}>
        <input
          value={values.every}
          placeholder="each poll (e.g. 15m, 1h)"
          onChange={(e) => set('every', e.currentTarget.value)}
        />
      </FormField>
      <FormField id="policy-trigger" label="Trigger" error={undefined}>
        <select
          value={values.trigger}
          onChange={(e) => set('trigger', e.currentTarget.value as PolicyTrigger)}
        >
          {TRIGGERS.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </FormField>
      <FormField id="policy-strategy" label="Data strategy" error={undefined}>
        <select
          value={values.strategy}
          onChange={(e) => set('strategy', e.currentTarget.value as StrategyChoice)}
        >
          {STRATEGY_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </FormField>
      {values.strategy === 'window' && (
        <FormField id="policy-window" label="Versions in the window (K)" error={errorOf('windowK')}>
          <input
            value={values.windowK}
            inputMode="numeric"
            onChange={(e) => set('windowK', e.currentTarget.value)}
          />
        </FormField>
      )}
      <FormField id="policy-metric" label="Metric" error={undefined}>
        <input
          value={values.metric}
          placeholder="f1_macro / rmse"
          onChange={(e) => set('metric', e.currentTarget.value)}
        />
      </FormField>
      <FormField id="policy-margin" label="Margin" error={errorOf('margin')}>
        <input
          value={values.margin}
          inputMode="decimal"
          onChange={(e) => set('margin', e.currentTarget.value)}
        />
      </FormField>
      {values.trigger === 'decay' && (
        <FormField id="policy-threshold" label="Decay threshold" error={errorOf('threshold')}>
          <input
            value={values.threshold}
            inputMode="decimal"
            onChange={(e) => set('threshold', e.currentTarget.value)}
          />
        </FormField>
      )}
      <label className="checkbox-field">
        <input
          type="checkbox"
          checked={values.autoPromote}
          onChange={(e) => set('autoPromote', e.currentTarget.checked)}
        />{' '}
        Promote automatically when better by the margin (else wait for approval)
      </label>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={save.isPending || model === ''}>
          {editing ? 'Save policy' : 'Create policy'}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        {save.isError && (
          <p className="form-error" role="alert">
            {messageOf(save.error)}
          </p>
        )}
      </div>
    </form>
  );
}
