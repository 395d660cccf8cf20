import type { Column } from '../../../shared/domain.js';
import { formatNumber } from '../lib/format.js';

/** A dataset's schema: each column's inferred type, missing and distinct counts. */
export function ColumnsTable({ columns }: { columns: readonly Column[] }) {
  return (
    <table className="data-table" aria-label="Columns">
      <thead>
        <tr>
          <th scope="col">Column</th>
          <th scope="col">Type</th>
          <th scope="col" className="num">
            Missing
          </th>
          <th scope="col" className="num">
            Distinct
          </th>
        </tr>
      </thead>
      <tbody>
        {columns.map((column) => (
          <tr key={column.name}>
            <td className="mono">{column.name}</td>
            <td>
              <span className={`type-tag type-${column.type}`}>{column.type}</span>
            </td>
            <td className="num">{formatNumber(column.missing)}</td>
            <td className="num">{formatNumber(column.distinct)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
