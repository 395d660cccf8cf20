import { useQuery } from '@tanstack/react-query';
import { useClient } from '../data/connection.js';
import { useDatasets } from '../data/queries.js';
import { formatBytes, formatNumber, formatTime, shortHash } from '../lib/format.js';
import { ColumnsTable } from './ColumnsTable.js';
import { DatasetHistory } from './datasets/DatasetHistory.js';
import { SampleRows } from './datasets/SampleRows.js';
import { NotFound } from './NotFound.js';
import { SweepPanel } from './train/SweepPanel.js';
import { TrainPanel } from './train/TrainPanel.js';

/** A dataset version: what it holds and the form to train on it. */
export function DatasetView({ id }: { id: number }) {
  const client = useClient();
  const datasets = useDatasets();
  const details = useQuery({
    queryKey: ['datasets.show', id],
    queryFn: () => client.call('datasets.show', { id }),
  });
  if (datasets.isPending) return <div className="view muted">Loading…</div>;
  const dataset = datasets.data?.find((d) => d.id === id);
  if (!dataset) return <NotFound what={`Dataset ${id}`} />;

  return (
    <div className="view">
      <header className="view-header">
        <p className="eyebrow">Dataset</p>
        <h1>{dataset.name}</h1>
        <dl className="facts">
          <div>
            <dt>Version</dt>
            <dd>v{dataset.version}</dd>
          </div>
          <div>
            <dt>Rows</dt>
            <dd>{formatNumber(dataset.rows)}</dd>
          </div>
          <div>
            <dt>Columns</dt>
            <dd>{dataset.columns.length}</dd>
          </div>
          <div>
            <dt>Hash</dt>
            <dd className="mono" title={dataset.hash}>
              {shortHash(dataset.hash)}
            </dd>
          </div>
          <div>
            <dt>File</dt>
            <dd>
              {dataset.file_name} ({formatBytes(dataset.bytes)})
            </dd>
          </div>
          <div>
            <dt>Imported</dt>
            <dd>{formatTime(dataset.created_at)}</dd>
          </div>
        </dl>
      </header>
      <div className="dataset-body">
        <section className="panel train-panel" aria-labelledby="train-heading">
          <h2 id="train-heading">Train a model</h2>
          <TrainPanel key={dataset.id} dataset={dataset} />
        </section>
        <section className="panel" aria-labelledby="sweep-heading">
          <h2 id="sweep-heading">Sweep hyperparameters</h2>
          <SweepPanel key={dataset.id} dataset={dataset} />
        </section>
        <section className="panel" aria-labelledby="columns-heading">
          <h2 id="columns-heading">Columns</h2>
          {details.data?.profile?.warnings.map((w) => (
            <p key={w} className="import-warning">
              {w}
            </p>
          ))}
          <ColumnsTable
            key={dataset.id}
            columns={dataset.columns}
            profile={details.data?.profile?.columns ?? null}
            rows={dataset.rows}
          />
        </section>
        <SampleRows id={dataset.id} total={dataset.rows} />
        <DatasetHistory key={dataset.id} dataset={dataset} />
      </div>
    </div>
  );
}
