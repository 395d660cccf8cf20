import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { SavedView } from '../../../../shared/api/views.js';
import { useClient } from '../../data/connection.js';
import { messageOf } from '../../lib/messageOf.js';
import { explorerKeys, useSavedViews } from './explorerData.js';

interface SavedViewsProps {
  current: Omit<SavedView, 'id' | 'name'>;
  onOpen: (view: SavedView) => void;
}

/** Saved views (query, columns, sort and grouping, stored in SQLite): open one, or save what is shown. */
export function SavedViews({ current, onOpen }: SavedViewsProps) {
  const client = useClient();
  const queryClient = useQueryClient();
  const views = useSavedViews();
  const [name, setName] = useState('');
  const save = useMutation({
    mutationFn: (n: string) => client.call('views.save', { ...current, name: n }),
    onSuccess: () => {
      setName('');
      void queryClient.invalidateQueries({ queryKey: explorerKeys.views });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(name);
  };
  return (
    <div className="saved-views">
      <label className="inline-field">
        <span>View</span>
        <select
          aria-label="Saved views"
          value=""
          onChange={(e) => {
            const v = views.data?.find((s) => s.id === Number(e.target.value));
            if (v) onOpen(v);
          }}
        >
          <option value="">{views.data?.length ? 'Open a saved view…' : 'No saved views'}</option>
          {views.data?.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </label>
      <form className="inline-field" onSubmit={submit}>
        <input
          aria-label="View name"
          placeholder="Name this view"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="button">
          Save view
        </button>
      </form>
      {save.isError && (
        <span className="inline-error" role="alert">
          {messageOf(save.error)}
        </span>
      )}
      {save.isSuccess && <span className="muted small">Saved “{save.data.name}”.</span>}
    </div>
  );
}
