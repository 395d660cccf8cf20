import type { ArtifactPreview } from '../../../../shared/api/artifactPreview.js';

type Table = Extract<ArtifactPreview, { kind: 'table' }>;

/** The first rows of a CSV, TSV or Parquet file (at most TABLE_PREVIEW_ROWS, so a plain table). */
export function TablePreview({ table }: { table: Table }) {
  const shown = table.rows.length;
  return (
    <div className="artifact-table">
      <p className="muted">
        {table.format.toUpperCase()}: {table.columns.length} columns,{' '}
        {table.total_rows === null
          ? `first ${shown} rows`
          : table.truncated
            ? `first ${shown} of ${table.total_rows} rows`
            : `${table.total_rows} rows`}
      </p>
      <div className="artifact-table-scroll">
        <table aria-label="Table preview">
          <thead>
            <tr>
              {table.columns.map((c, i) => (
                <th key={i} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, c) => (
                  <td key={c}>{cell === null ? '—' : String(cell)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
