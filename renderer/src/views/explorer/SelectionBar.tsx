import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { MAX_SERIES_RUNS } from '../../../../shared/api/runRecords.js';
import type { GroupSpec } from '../../../../shared/runGroups.js';
import { useClient } from '../../data/connection.js';
import { navigate } from '../../data/route.js';
import { messageOf } from '../../lib/messageOf.js';

interface SelectionBarProps {
  ids: number[];
  showingArchived: boolean;
  /** The explorer's grouping: compare draws each group as one line. */
  group: GroupSpec | null;
  onClear: () => void;
}

type Undo = { label: string; run: () => Promise<unknown> } | null;

const runs = (n: number) => `${n.toLocaleString()} run${n === 1 ? '' : 's'}`;

/** What to do with the selected runs: compare, tag, archive, delete (each undoable). */
export function SelectionBar({ ids, showingArchived, group, onClear }: SelectionBarProps) {
  const client = useClient();
  const queryClient = useQueryClient();
  const [tag, setTag] = useState('');
  const [undo, setUndo] = useState<Undo>(null);
  const refresh = () =>
    queryClient.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('runs.') });
  const act = useMutation({
    mutationFn: async (a: { run: () => Promise<unknown>; undo?: Undo }) => {
      await a.run();
      return a.undo ?? null;
    },
    onSuccess: (u) => {
      setUndo(u);
      void refresh();
    },
  });
  const n = ids.length;
  const submitTag = (e: FormEvent) => {
    e.preventDefault();
    const key = tag.trim();
    act.mutate({
      run: () => client.call('runs.setTag', { ids, key }),
      undo: {
        label: `Tagged ${runs(n)} “${key}”.`,
        run: () => client.call('runs.removeTag', { ids, key }),
      },
    });
    setTag('');
  };

  return (
    <div className="selection-bar" role="toolbar" aria-label="Selected runs">
      <span className="selection-count">
        {n ? `${n.toLocaleString()} selected` : 'Select runs to compare'}
      </span>
      <button
        type="button"
        className="button primary"
        disabled={n < 1}
        onClick={() =>
          navigate({ view: 'compare', ids: ids.slice(0, 1000), ...(group ? { group } : {}) })
        }
      >
        Compare{n > MAX_SERIES_RUNS ? ` (charts draw ${MAX_SERIES_RUNS})` : ''}
      </button>
      <form className="inline-field" onSubmit={submitTag}>
        <input
          aria-label="Tag name"
          placeholder="tag"
          value={tag}
          disabled={n < 1}
          onChange={(e) => setTag(e.target.value)}
        />
        <button type="submit" className="button" disabled={n < 1 || !tag.trim()}>
          Tag
        </button>
      </form>
      <button
        type="button"
        className="button"
        disabled={n < 1}
        onClick={() =>
          act.mutate({
            run: () => client.call('runs.archive', { ids, archived: !showingArchived }),
            undo: {
              label: `${showingArchived ? 'Unarchived' : 'Archived'} ${runs(n)}.`,
              run: () => client.call('runs.archive', { ids, archived: showingArchived }),
            },
          })
        }
      >
        {showingArchived ? 'Unarchive' : 'Archive'}
      </button>
      <button
        type="button"
        className="button danger"
        disabled={n < 1}
        onClick={() => {
          act.mutate({
            run: () => client.call('runs.delete', { ids }),
            undo: { label: `Deleted ${runs(n)}.`, run: () => client.call('runs.restore', { ids }) },
          });
          onClear();
        }}
      >
        Delete
      </button>
      {n > 0 && (
        <button type="button" className="button" onClick={onClear}>
          Clear
        </button>
      )}
      {undo && (
        <span className="undo" role="status">
          {undo.label}{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              act.mutate({ run: undo.run, undo: null });
            }}
          >
            Undo
          </button>
        </span>
      )}
      {act.isError && (
        <span className="inline-error" role="alert">
          {messageOf(act.error)}
        </span>
      )}
    </div>
  );
}
