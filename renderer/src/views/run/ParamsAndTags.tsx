import { useId, useMemo, useState } from 'react';
import { expandedText, isLong, matchRows } from './runFacts.js';

interface Row {
  name: string;
  text: string;
}

/**
 * A run's params and tags under one filter box (names and values), each long value (a JSON
 * config) folded to its first line with a control that unfolds it, indented.
 */
export function ParamsAndTags({
  params,
  tags,
}: {
  params: readonly Row[];
  /** Undefined while they load. */
  tags: readonly Row[] | undefined;
}) {
  const [query, setQuery] = useState('');
  const shownParams = useMemo(() => matchRows(params, query), [params, query]);
  const shownTags = useMemo(() => (tags ? matchRows(tags, query) : undefined), [tags, query]);
  const total = params.length + (tags?.length ?? 0);
  const shown = shownParams.length + (shownTags?.length ?? 0);
  return (
    <section className="panel params-tags" aria-labelledby="params-heading">
      <div className="panel-head">
        <h2 id="params-heading">Parameters and tags</h2>
        <input
          type="search"
          className="params-filter"
          aria-label="Filter params and tags"
          placeholder="Filter params and tags"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        {query.trim() && (
          <span className="muted small" role="status">
            {shown.toLocaleString('en-US')} of {total.toLocaleString('en-US')} match
          </span>
        )}
      </div>
      <h3 className="kv-caption">
        Parameters <span className="muted small">({params.length.toLocaleString('en-US')})</span>
      </h3>
      <ValueTable
        label="Parameters"
        rows={shownParams}
        empty={params.length === 0 ? 'No parameters were logged.' : 'No parameter matches.'}
      />
      <h3 className="kv-caption">
        Tags <span className="muted small">({(tags?.length ?? 0).toLocaleString('en-US')})</span>
      </h3>
      {shownTags === undefined ? (
        <p className="muted">Loading…</p>
      ) : (
        <ValueTable
          label="Tags"
          rows={shownTags}
          empty={tags?.length === 0 ? 'No tags.' : 'No tag matches.'}
        />
      )}
    </section>
  );
}

function ValueTable({
  label,
  rows,
  empty,
}: {
  label: string;
  rows: readonly Row[];
  empty: string;
}) {
  if (rows.length === 0) return <p className="muted">{empty}</p>;
  return (
    <table className="kv-table" aria-label={label}>
      <tbody>
        {rows.map((row) => (
          <tr key={row.name}>
            <th scope="row">{row.name}</th>
            <td>{isLong(row.text) ? <LongValue name={row.name} text={row.text} /> : row.text}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function LongValue({ name, text }: { name: string; text: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const firstLine = text.split('\n', 1)[0]!;
  return (
    <div className="long-value">
      <button
        type="button"
        className="link-button"
        aria-expanded={open}
        aria-controls={id}
        aria-label={`${open ? 'Collapse' : 'Expand'} ${name}`}
        onClick={() => setOpen((o) => !o)}
      >
        {open ? 'Collapse' : `Expand (${text.length.toLocaleString('en-US')} characters)`}
      </button>
      {open ? (
        <pre id={id} className="long-value-full">
          {expandedText(text)}
        </pre>
      ) : (
        <span id={id} className="long-value-preview" title={text.slice(0, 500)}>
          {firstLine.slice(0, 80)}…
        </span>
      )}
    </div>
  );
}
