import { useState, type FormEvent } from 'react';
import type { CategoricalDriftTest, NumericDriftTest } from '../../../../shared/api/drift.js';
import type { Dataset } from '../../../../shared/domain.js';
import { FormField } from '../../components/FormField.js';

export interface DriftFormValues {
  reference: number;
  current: number;
  numericTest: NumericDriftTest;
  categoricalTest: CategoricalDriftTest;
}

export interface DriftPick {
  reference: number | null;
  current: number | null;
}

interface DriftFormProps {
  datasets: readonly Dataset[];
  /** The chosen sides, kept by the view so a dropped file replaces only the current one. */
  pick: DriftPick;
  onPick: (pick: DriftPick) => void;
  checking: boolean;
  onCheck: (values: DriftFormValues) => void;
}

const NUMERIC: NumericDriftTest[] = ['auto', 'ks', 'wasserstein', 'psi', 'jensenshannon'];
const CATEGORICAL: CategoricalDriftTest[] = ['auto', 'chi2', 'jensenshannon', 'psi', 'ztest'];
const label = (d: Dataset) => `${d.name} v${d.version} (${d.rows} rows)`;

/** Reference and current datasets plus the tests to use; a new file dropped here becomes "current". */
export function DriftForm({ datasets, pick, onPick, checking, onCheck }: DriftFormProps) {
  const reference = String(pick.reference ?? '');
  const current = String(pick.current ?? '');
  const idOf = (v: string) => (v ? Number(v) : null);
  const setReference = (v: string) => onPick({ ...pick, reference: idOf(v) });
  const setCurrent = (v: string) => onPick({ ...pick, current: idOf(v) });
  const [numericTest, setNumericTest] = useState<NumericDriftTest>('auto');
  const [categoricalTest, setCategoricalTest] = useState<CategoricalDriftTest>('auto');
  const [errors, setErrors] = useState<{ reference?: string; current?: string }>({});

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = {
      reference: reference ? undefined : 'Choose the reference data',
      current: current ? undefined : 'Choose the current data',
    };
    setErrors(next);
    if (next.reference || next.current) return;
    onCheck({
      reference: Number(reference),
      current: Number(current),
      numericTest,
      categoricalTest,
    });
  };

  const datasetSelect = (value: string, set: (v: string) => void) => (
    <select value={value} onChange={(e) => set(e.currentTarget.value)}>
      <option value="">Choose a dataset…</option>
      {datasets.map((d) => (
        <option key={d.id} value={d.id}>
          {label(d)}
        </option>
      ))}
    </select>
  );

  return (
    <form className="train-form drift-form" noValidate onSubmit={submit}>
      <FormField id="drift-reference" label="Reference" error={errors.reference}>
        {datasetSelect(reference, setReference)}
      </FormField>
      <FormField id="drift-current" label="Current" error={errors.current}>
        {datasetSelect(current, setCurrent)}
      </FormField>
      <FormField id="drift-numeric-test" label="Numeric test" error={undefined}>
        <select
          value={numericTest}
          onChange={(e) => setNumericTest(e.currentTarget.value as NumericDriftTest)}
        >
          {NUMERIC.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </FormField>
      <FormField id="drift-categorical-test" label="Categorical test" error={undefined}>
        <select
          value={categoricalTest}
          onChange={(e) => setCategoricalTest(e.currentTarget.value as CategoricalDriftTest)}
        >
          {CATEGORICAL.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </FormField>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={checking}>
          {checking ? 'Checking…' : 'Check drift'}
        </button>
        <span className="form-note">Drop a CSV on this view to use it as the current data.</span>
      </div>
    </form>
  );
}
