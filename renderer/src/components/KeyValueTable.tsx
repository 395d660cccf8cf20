import { Fragment, type ReactNode } from 'react';

interface KeyValueTableProps {
  label: string;
  /** name, value and, optionally, the group the row belongs to (a heading row starts each group). */
  rows: ReadonlyArray<readonly [string, ReactNode, string?]>;
  empty?: string;
}

/** Two columns of name → value, e.g. a run's params or final metrics. */
export function KeyValueTable({ label, rows, empty = 'None' }: KeyValueTableProps) {
  if (rows.length === 0) return <p className="muted">{empty}</p>;
  return (
    <table className="kv-table" aria-label={label}>
      <tbody>
        {rows.map(([name, value, group], i) => (
          <Fragment key={name}>
            {group !== undefined && group !== rows[i - 1]?.[2] && (
              <tr className="kv-group">
                <th scope="rowgroup" colSpan={2}>
                  {group}
                </th>
              </tr>
            )}
            <tr>
              <th scope="row">{name}</th>
              <td>{value}</td>
            </tr>
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}
