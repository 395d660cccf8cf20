import { useState, type ReactNode } from 'react';
import { KeyValueTable } from '../../components/KeyValueTable.js';

/** Rows shown before "Show all": a run with a thousand keys opens on a screenful. */
const FIRST_ROWS = 100;

/** Each metric's latest value, grouped by kind; a long list shows its first rows until asked. */
export function FinalMetrics({
  rows,
  empty,
}: {
  rows: ReadonlyArray<readonly [string, ReactNode, string?]>;
  empty: string;
}) {
  const [all, setAll] = useState(false);
  const shown = all ? rows : rows.slice(0, FIRST_ROWS);
  return (
    <section className="panel" aria-labelledby="metrics-heading">
      <h2 id="metrics-heading">Final metrics</h2>
      <KeyValueTable label="Final metrics" rows={shown} empty={empty} />
      {shown.length < rows.length && (
        <button type="button" className="link-button" onClick={() => setAll(true)}>
          Show all {rows.length.toLocaleString('en-US')} metrics
        </button>
      )}
    </section>
  );
}
