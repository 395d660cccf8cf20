import { useMutation } from '@tanstack/react-query';
import { useClient } from '../data/connection.js';
import { useSamples } from '../data/queries.js';
import { useOpenDataset } from '../data/useOpenDataset.js';
import { formatNumber } from '../lib/format.js';
import { messageOf } from '../lib/messageOf.js';

/** The bundled sample datasets, each one click away from its dataset view. */
export function SampleList({ onError }: { onError: (message: string) => void }) {
  const client = useClient();
  const samples = useSamples();
  const openDataset = useOpenDataset();
  const importSample = useMutation({
    mutationFn: (name: string) => client.call('datasets.importSample', { name }),
    onSuccess: openDataset,
    onError: (error, name) => onError(`Could not import sample ${name}: ${messageOf(error)}`),
  });

  if (samples.isPending) return <p className="muted">Loading samples…</p>;
  if (samples.isError) return <p className="muted">Samples are not available.</p>;
  return (
    <ul className="sample-list">
      {samples.data.map((sample) => (
        <li key={sample.name} className="sample-card">
          <div className="sample-card-text">
            <h3>{sample.name}</h3>
            <p className="sample-meta">
              {formatNumber(sample.rows)} rows · {sample.task} · target {sample.target}
            </p>
            <p className="sample-description">{sample.description}</p>
          </div>
          <button
            type="button"
            className="button"
            disabled={importSample.isPending}
            onClick={() => importSample.mutate(sample.name)}
          >
            {importSample.isPending && importSample.variables === sample.name
              ? 'Importing…'
              : `Import ${sample.name}`}
          </button>
        </li>
      ))}
    </ul>
  );
}
