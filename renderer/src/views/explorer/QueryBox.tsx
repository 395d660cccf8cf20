import { useState, type FormEvent } from 'react';

interface QueryBoxProps {
  value: string;
  onSubmit: (query: string) => void;
  /** The server's message for a malformed query: `query at column 17: …`. */
  error: string | null;
  /** A metric the query names that no run has, with the closest keys that exist. */
  warnings?: readonly string[];
}

const columnOf = (error: string | null): number | null => {
  const m = error ? /at column (\d+)/.exec(error) : null;
  return m ? Number(m[1]) : null;
};

/** The query input: submit on Enter; a malformed query is marked inline at its column. */
export function QueryBox({ value, onSubmit, error, warnings = [] }: QueryBoxProps) {
  const [draft, setDraft] = useState(value);
  const [synced, setSynced] = useState(value);
  if (value !== synced) {
    // A saved view was opened: show its query.
    setSynced(value);
    setDraft(value);
  }
  const column = columnOf(error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(draft.trim());
  };
  return (
    <form className="query-box" onSubmit={submit} role="search">
      <label htmlFor="run-query" className="visually-hidden">
        Filter runs
      </label>
      <div className="query-field">
        <input
          id="run-query"
          className="query-input mono"
          value={draft}
          spellCheck={false}
          autoComplete="off"
          placeholder='params.lr < 0.01 and (metrics.val_accuracy >= 0.9 or tags.baseline) and not status = "failed"'
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'run-query-error' : undefined}
          onChange={(e) => setDraft(e.target.value)}
        />
        {column !== null && (
          <span className="query-caret mono" aria-hidden="true">
            {`${' '.repeat(Math.max(column - 1, 0))}^`}
          </span>
        )}
      </div>
      <button type="submit" className="button primary">
        Filter
      </button>
      {error && (
        <p id="run-query-error" className="query-error" role="alert">
          {error}
        </p>
      )}
      {warnings.map((w) => (
        <p key={w} className="query-warning" role="status">
          {w}
        </p>
      ))}
    </form>
  );
}
