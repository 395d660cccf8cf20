import { useCallback, useMemo, useRef, useState } from 'react';
import { useDismiss } from '../../components/useDismiss.js';
import type { DynamicColumn } from './runColumns.js';

interface ColumnPickerProps {
  all: DynamicColumn[];
  shown: string[];
  onChange: (shown: string[]) => void;
}

const LISTED = 200;

/** Choose columns from every param, metric and tag; a search narrows thousands to a few. */
export function ColumnPicker({ all, shown, onChange }: ColumnPickerProps) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useDismiss(
    root,
    open,
    useCallback(() => setOpen(false), []),
    button,
  );
  const [search, setSearch] = useState('');
  const shownSet = useMemo(() => new Set(shown), [shown]);
  const matches = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return needle ? all.filter((c) => c.id.toLowerCase().includes(needle)) : all;
  }, [all, search]);
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...shown, id] : shown.filter((s) => s !== id));
  const move = (id: string, by: -1 | 1) => {
    const i = shown.indexOf(id);
    const j = i + by;
    if (i < 0 || j < 0 || j >= shown.length) return;
    const next = shown.slice();
    [next[i], next[j]] = [next[j]!, next[i]!];
    onChange(next);
  };

  return (
    <div className="column-picker" ref={root}>
      <button
        type="button"
        className="button"
        ref={button}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        Columns ({shown.length} of {all.length})
      </button>
      {open && (
        <div className="popover" role="dialog" aria-label="Choose columns">
          <input
            className="popover-search"
            type="search"
            placeholder="Search params, metrics, tags"
            aria-label="Search columns"
            value={search}
            autoFocus
            onChange={(e) => setSearch(e.target.value)}
          />
          {shown.length > 0 && !search && (
            <ol className="picker-order" aria-label="Shown columns, in order">
              {shown.map((id) => (
                <li key={id}>
                  <span className="mono">{id}</span>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Move ${id} left`}
                    onClick={() => move(id, -1)}
                  >
                    ‹
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Move ${id} right`}
                    onClick={() => move(id, 1)}
                  >
                    ›
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Hide ${id}`}
                    onClick={() => toggle(id, false)}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ol>
          )}
          <ul className="picker-list" aria-label="Available columns">
            {matches.slice(0, LISTED).map((c) => (
              <li key={c.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={shownSet.has(c.id)}
                    onChange={(e) => toggle(c.id, e.target.checked)}
                  />
                  <span className={`col-kind col-${c.kind}`}>{c.kind[0]}</span>
                  {c.key}
                </label>
              </li>
            ))}
          </ul>
          {matches.length > LISTED && (
            <p className="muted small">{matches.length - LISTED} more — narrow the search.</p>
          )}
          {matches.length === 0 && <p className="muted small">No column matches “{search}”.</p>}
        </div>
      )}
    </div>
  );
}
