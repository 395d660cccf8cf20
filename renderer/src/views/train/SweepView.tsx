import { useMutation, useQueryClient } from '@tanstack/react-query';
import { StatusBadge } from '../../components/StatusBadge.js';
import { useClient } from '../../data/connection.js';
import { hrefOf } from '../../data/route.js';
import { trainingKeys, useSweep } from '../../data/trainingQueries.js';
import { formatNumber, formatTime } from '../../lib/format.js';
import { NotFound } from '../NotFound.js';

const VARIED = [
  'lr',
  'hidden',
  'epochs',
  'batch_size',
  'dropout',
  'l1',
  'l2',
  'optimizer',
  'activation',
];

/** A sweep's trials as a table, its best run marked and one click away. */
export function SweepView({ id }: { id: number }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const sweep = useSweep(id);
  const cancel = useMutation({
    mutationFn: () => client.call('sweeps.cancel', { id }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: trainingKeys.sweep(id) }),
  });
  if (sweep.isPending) return <div className="view muted">Loading…</div>;
  if (sweep.isError) return <NotFound what={`Sweep ${id}`} />;
  const s = sweep.data;
  const shown = VARIED.filter((k) => new Set(s.runs.map((r) => String(r.params[k]))).size > 1);
  const done = s.runs.filter((r) => r.status !== 'queued' && r.status !== 'running').length;

  return (
    <div className="view">
      <header className="view-header">
        <p className="eyebrow">Sweep #{s.id}</p>
        <div className="title-row">
          <h1>{s.name}</h1>
          <StatusBadge status={s.status} />
          {s.status === 'running' && (
            <button
              type="button"
              className="button"
              disabled={cancel.isPending}
              onClick={() => cancel.mutate()}
            >
              Cancel
            </button>
          )}
          {s.best_run_id !== null && (
            <a className="button primary" href={hrefOf({ view: 'run', id: s.best_run_id })}>
              Open best run
            </a>
          )}
        </div>
        <dl className="facts">
          <div>
            <dt>Model</dt>
            <dd>{s.model}</dd>
          </div>
          <div>
            <dt>Target</dt>
            <dd>{s.target}</dd>
          </div>
          <div>
            <dt>Best by</dt>
            <dd>
              {s.metric} ({s.goal === 'max' ? 'higher' : 'lower'} is better)
            </dd>
          </div>
          <div>
            <dt>Trials</dt>
            <dd>
              {done} of {s.runs.length} done
            </dd>
          </div>
          <div>
            <dt>Started</dt>
            <dd>{formatTime(s.created_at)}</dd>
          </div>
        </dl>
      </header>
      <section className="panel">
        <table className="data-table" aria-label="Sweep runs">
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Status</th>
              {shown.map((k) => (
                <th key={k} scope="col">
                  {k}
                </th>
              ))}
              <th scope="col" className="num">
                {s.metric}
              </th>
            </tr>
          </thead>
          <tbody>
            {s.runs.map((r) => (
              <tr key={r.id} className={r.id === s.best_run_id ? 'best-row' : undefined}>
                <td>
                  <a href={hrefOf({ view: 'run', id: r.id })}>{r.name}</a>
                  {r.id === s.best_run_id && <span className="best-badge">best</span>}
                </td>
                <td>
                  <StatusBadge status={r.status} />
                </td>
                {shown.map((k) => (
                  <td key={k}>{String(r.params[k] ?? '—')}</td>
                ))}
                <td className="num">
                  {r.metrics[s.metric] === undefined ? '—' : formatNumber(r.metrics[s.metric]!)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
