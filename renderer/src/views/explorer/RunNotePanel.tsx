import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ExplorerRun } from '../../../../shared/api/runRecords.js';
import { useClient } from '../../data/connection.js';
import { messageOf } from '../../lib/messageOf.js';
import { explorerKeys } from './explorerData.js';
import { NoteMarkdown } from './NoteMarkdown.js';

/** A run's note (Markdown, rendered safely) and tags, beside the table. */
export function RunNotePanel({ run, onClose }: { run: ExplorerRun; onClose: () => void }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(run.note);
  const [editing, setEditing] = useState(run.note === '');
  const refresh = () => queryClient.invalidateQueries({ queryKey: explorerKeys.table });
  const saveNote = useMutation({
    mutationFn: () => client.call('runs.setNote', { id: run.id, note: draft }),
    onSuccess: () => {
      setEditing(false);
      void refresh();
    },
  });
  const removeTag = useMutation({
    mutationFn: (key: string) => client.call('runs.removeTag', { ids: [run.id], key }),
    onSuccess: () => void refresh(),
  });

  return (
    <aside className="note-panel panel" aria-label={`Note and tags of ${run.name}`}>
      <div className="note-panel-head">
        <h2>{run.name}</h2>
        <button type="button" className="icon-button" aria-label="Close note" onClick={onClose}>
          ×
        </button>
      </div>
      <ul className="tag-list" aria-label="Tags">
        {Object.entries(run.tags).map(([k, v]) => (
          <li key={k} className="tag">
            {v ? `${k}: ${v}` : k}
            <button
              type="button"
              className="tag-remove"
              aria-label={`Remove tag ${k}`}
              onClick={() => removeTag.mutate(k)}
            >
              ×
            </button>
          </li>
        ))}
        {Object.keys(run.tags).length === 0 && (
          <li className="muted small">No tags. Select runs and use Tag.</li>
        )}
      </ul>
      {editing ? (
        <>
          <textarea
            className="note-editor mono"
            aria-label="Note (Markdown)"
            rows={8}
            value={draft}
            placeholder="Why this run? What did you learn? (Markdown)"
            onChange={(e) => setDraft(e.target.value)}
          />
          <div className="note-actions">
            <button
              type="button"
              className="button primary"
              onClick={() => saveNote.mutate()}
              disabled={saveNote.isPending}
            >
              Save note
            </button>
            {run.note && (
              <button type="button" className="button" onClick={() => setEditing(false)}>
                Cancel
              </button>
            )}
          </div>
        </>
      ) : (
        <>
          <NoteMarkdown source={run.note} />
          <button type="button" className="button" onClick={() => setEditing(true)}>
            Edit note
          </button>
        </>
      )}
      {saveNote.isError && <p className="inline-error">{messageOf(saveNote.error)}</p>}
    </aside>
  );
}
