import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { TABLE_MAX_ROWS, type ArtifactPreview } from '../../../../shared/api/artifactPreview.js';
import { useClient } from '../../data/connection.js';
import { formatNumber } from '../../lib/format.js';
import { messageOf } from '../../lib/messageOf.js';

type Table = Extract<ArtifactPreview, { kind: 'table' }>;
const ROW_HEIGHT = 23;
/** Ask for the next page when this few loaded rows are left below the view. */
const AHEAD = 100;

/**
 * A CSV, TSV or Parquet file's first rows (up to TABLE_MAX_ROWS), drawn virtualised: only the
 * rows in view are in the DOM, and the next page of 500 is fetched as the end comes near.
 */
export function TablePreview({
  runId,
  path,
  table,
}: {
  runId: number;
  path: string;
  table: Table;
}) {
  const client = useClient();
  const [rows, setRows] = useState(table.rows);
  const [next, setNext] = useState(table.next);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const items = virtual.getVirtualItems();
  const lastShown = items.at(-1)?.index ?? 0;

  // A page on its way is not cancelled by the re-render its own `busy` causes; only by unmount.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  useEffect(() => {
    if (next === null || busy || error !== null || lastShown < rows.length - AHEAD) return;
    setBusy(true);
    client
      .call('artifacts.tableRows', { runId, path, cursor: next, row: rows.length })
      .then((page) => {
        if (!mounted.current) return;
        setRows((old) => [...old, ...page.rows]);
        setNext(page.next);
      })
      .catch((e: unknown) => mounted.current && setError(messageOf(e)))
      .finally(() => mounted.current && setBusy(false));
  }, [client, runId, path, next, busy, error, lastShown, rows.length]);

  const shown = formatNumber(rows.length);
  const more = next !== null || table.truncated;
  const top = items[0]?.start ?? 0;
  const bottom = virtual.getTotalSize() - (items.at(-1)?.end ?? 0);
  return (
    <div className="artifact-table">
      <p className="muted" data-testid="table-rows">
        {table.format.toUpperCase()}: {table.columns.length} columns,{' '}
        {!more
          ? `${shown} rows`
          : table.total_rows === null
            ? `first ${shown} rows`
            : `first ${shown} of ${formatNumber(table.total_rows)} rows`}
        {more &&
          next === null &&
          rows.length >= TABLE_MAX_ROWS &&
          ' (download the file for the rest)'}
        {busy && ' · loading more…'}
      </p>
      <div className="artifact-table-scroll" ref={scroller} tabIndex={0}>
        <table aria-label="Table preview" aria-rowcount={rows.length + 1}>
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
            {top > 0 && <tr aria-hidden="true" style={{ height: top }} />}
            {items.map((item) => (
              <tr key={item.index} aria-rowindex={item.index + 2} style={{ height: ROW_HEIGHT }}>
                {rows[item.index]!.map((cell, c) => (
                  <td key={c}>{cell === null ? '—' : String(cell)}</td>
                ))}
              </tr>
            ))}
            {bottom > 0 && <tr aria-hidden="true" style={{ height: bottom }} />}
          </tbody>
        </table>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
