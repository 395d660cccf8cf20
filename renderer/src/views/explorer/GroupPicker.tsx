import { useCallback, useMemo, useRef, useState } from 'react';
import { describeGroupSpec, type GroupSpec } from '../../../../shared/runGroups.js';
import { useDismiss } from '../../components/useDismiss.js';

type Mode = 'off' | GroupSpec['mode'];

interface GroupPickerProps {
  /** Every param name the runs have. */
  params: readonly string[];
  group: GroupSpec | null;
  onChange: (group: GroupSpec | null) => void;
  /** The button's first words: "Group by" in the explorer, "Group runs" in compare. */
  label?: string;
}

const LISTED = 200;

/**
 * Group runs by a set of params: the ones ticked, or every param except the ones ticked (all
 * but `seed` puts a config's seeds together). Nothing ticked under "these params" is ungrouped.
 */
export function GroupPicker({ params, group, onChange, label = 'Group by' }: GroupPickerProps) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  // "These params" with none ticked yet is a mode without a grouping: kept here, not in the URL.
  const [draft, setDraft] = useState<Mode | null>(null);
  const close = useCallback(() => {
    setOpen(false);
    setDraft(null);
  }, []);
  useDismiss(root, open, close, button);
  const mode: Mode = group?.mode ?? draft ?? 'off';
  const ticked = useMemo(() => new Set(group?.params ?? []), [group]);
  const [search, setSearch] = useState('');
  const matches = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return needle ? params.filter((p) => p.toLowerCase().includes(needle)) : params;
  }, [params, search]);

  const emit = (next: Mode, chosen: string[]) => {
    setDraft(next);
    if (next === 'off' || (next === 'only' && chosen.length === 0)) onChange(null);
    else onChange({ mode: next, params: chosen });
  };
  const pickMode = (next: Mode) =>
    emit(
      next,
      // Every param except: seed to start with, where the runs have one.
      next === 'except' && mode !== 'except' ? params.filter((p) => p === 'seed') : [],
    );
  const tick = (p: string, on: boolean) =>
    emit(mode, on ? [...(group?.params ?? []), p] : (group?.params ?? []).filter((q) => q !== p));

  return (
    <div className="column-picker group-picker" ref={root}>
      <button
        type="button"
        className={`button${group ? ' group-on' : ''}`}
        ref={button}
        aria-expanded={open}
        onClick={() => (open ? close() : setOpen(true))}
      >
        {label}: {group ? describeGroupSpec(group) : 'nothing'}
      </button>
      {open && (
        <div className="popover" role="dialog" aria-label="Group runs">
          <fieldset className="group-modes">
            <legend className="visually-hidden">Group runs by</legend>
            {(
              [
                ['off', 'Nothing'],
                ['only', 'These params'],
                ['except', 'Every param except'],
              ] as const
            ).map(([m, text]) => (
              <label key={m}>
                <input
                  type="radio"
                  name="group-mode"
                  checked={mode === m}
                  onChange={() => pickMode(m)}
                />
                {text}
              </label>
            ))}
          </fieldset>
          {mode !== 'off' && (
            <>
              <p className="muted small">
                {mode === 'only'
                  ? 'Runs equal in every param ticked form a group.'
                  : 'Runs equal in every param but those ticked form a group.'}{' '}
                A missing param is a value of its own.
              </p>
              {params.length > 8 && (
                <input
                  className="popover-search"
                  type="search"
                  placeholder="Search params"
                  aria-label="Search params"
                  value={search}
                  onChange={(e) => setSearch(e.target.value)}
                />
              )}
              <ul
                className="picker-list"
                aria-label={mode === 'only' ? 'Params to group by' : 'Params to leave out'}
              >
                {matches.slice(0, LISTED).map((p) => (
                  <li key={p}>
                    <label>
                      <input
                        type="checkbox"
                        checked={ticked.has(p)}
                        onChange={(e) => tick(p, e.target.checked)}
                      />
                      <span className="col-kind col-params" aria-hidden="true">
                        p
                      </span>
                      {p}
                    </label>
                  </li>
                ))}
              </ul>
              {matches.length > LISTED && (
                <p className="muted small">{matches.length - LISTED} more — narrow the search.</p>
              )}
              {params.length === 0 && <p className="muted small">These runs have no params.</p>}
            </>
          )}
        </div>
      )}
    </div>
  );
}
