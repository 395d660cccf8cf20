import { useState } from 'react';
import type { Dataset } from '../../../../shared/domain.js';
import { SweepBuilder } from './SweepBuilder.js';

/** The sweep builder, opened on demand so the dataset view leads with the plain Train form. */
export function SweepPanel({ dataset }: { dataset: Dataset }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <div className="form-actions">
        <button type="button" className="button" onClick={() => setOpen(true)}>
          New sweep…
        </button>
        <span className="form-note">
          Grid or random search over hyperparameters; the best run is marked
        </span>
      </div>
    );
  }
  return <SweepBuilder dataset={dataset} />;
}
