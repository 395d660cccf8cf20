import { useQuery } from '@tanstack/react-query';
import { useClient } from '../../data/connection.js';
import { formatNumber } from '../../lib/format.js';
import { messageOf } from '../../lib/messageOf.js';

const SAMPLE_ROWS = 20;

/** The version's first rows as a table, scrolling sideways when the dataset is wide. */
export function SampleRows({ id }: { id: number }) {
  const client = useClient();
  const rows = useQuery({
    queryKey: ['datasets.rows', id, SAMPLE_ROWS],
    queryFn: () => client.call('datasets.rows', { id, limit: SAMPLE_ROWS }),
  });
  if (rows.isPending) return <p className="muted">Loading…</p>;
  if (rows.isError) return <p className="form-error">{messageOf(rows.error)}</p>;
  const { columns, total } = rows.data;
  return (
    <>
      <p className="muted sample-note">
        The first {formatNumber(rows.data.rows.length)} of {formatNumber(total)} rows.
      </p>
      <div className="table-scroll sample-scroll" tabIndex={0} aria-label="Sample rows, scrollable">
        <table className="data-table sample-table" aria-label="Sample rows">
          <thead>
            <tr>
              {columns.map((c) => (
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
    </>
  );
}
