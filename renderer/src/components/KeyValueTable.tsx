import type { ReactNode } from 'react';

interface KeyValueTableProps {
  label: string;
  rows: ReadonlyArray<readonly [string, ReactNode]>;
  empty?: string;
}

/** Two columns of name → value, e.g. a run's params or final metrics. */
export function KeyValueTable({ label, rows, empty = 'None' }: KeyValueTableProps) {
  if (rows.length === 0) return <p className="muted">{empty}</p>;
  return (
    <table className="kv-table" aria-label={label}>
      <tbody>
        {rows.map(([name, value]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
