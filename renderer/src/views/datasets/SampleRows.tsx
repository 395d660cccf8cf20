import { useQuery } from '@tanstack/react-query';
import { useClient } from '../../data/connection.js';
import { formatNumber } from '../../lib/format.js';
import { messageOf } from '../../lib/messageOf.js';

const SAMPLE_ROWS = 20;

/** The version's first rows, in a panel whose heading says how many; the table scrolls when wide. */
export function SampleRows({ id, total }: { id: number; total: number }) {
  const client = useClient();
  const rows = useQuery({
    queryKey: ['datasets.rows', id, SAMPLE_ROWS],
    queryFn: () => client.call('datasets.rows', { id, limit: SAMPLE_ROWS }),
  });
  return (
    <section className="panel" aria-labelledby="sample-heading">
      <h2 id="sample-heading">
        Sample rows{' '}
        <span className="muted sample-count">
          · the first {formatNumber(Math.min(SAMPLE_ROWS, total))} of {formatNumber(total)}
        </span>
      </h2>
      {rows.isPending ? (
        <p className="muted">Loading…</p>
      ) : rows.isError ? (
        <p className="form-error">{messageOf(rows.error)}</p>
      ) : (
        <div
          className="table-scroll sample-scroll"
          tabIndex={0}
          aria-label="Sample rows, scrollable"
        >
          <table className="data-table sample-table" aria-label="Sample rows">
            <thead>
              <tr>
                {rows.data.columns.map((c) => (
                  <th key={c} scope="col" className="mono">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.data.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((cell, j) => (
                    <td key={j} className={cell === '' ? 'muted' : undefined}>
                      {cell === '' ? '—' : cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
