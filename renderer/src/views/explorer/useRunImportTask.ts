import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { RunImportSummary } from '../../../../shared/api/otherTrackers.js';
import { useClient } from '../../data/connection.js';
import { messageOf } from '../../lib/messageOf.js';
import { IDLE, importTask, newImportId, type ImportMode } from './runImportTask.js';

export interface ImportInput {
  path: string;
  experiment?: string;
}

/**
 * Previews and imports with an id, so their progress events can be picked out of the stream and
 * Cancel can stop them. A preview still reading when the dialog goes away is cancelled.
 */
export function useRunImportTask(onImported: (summary: RunImportSummary) => void) {
  const client = useClient();
  const [task, dispatch] = useReducer(importTask, IDLE);
  const runningId = useRef<string | null>(null);
  const imported = useRef(onImported);
  useEffect(() => {
    runningId.current = task.running?.importId ?? null;
    imported.current = onImported;
  });

  // One subscription for the dialog's life: events sent before a later one connected would be lost.
  useEffect(
    () =>
      client.subscribe((event) => {
        if (event.type === 'runs.import.progress') dispatch({ type: 'progress', event });
      }),
    [client],
  );
  useEffect(
    () => () => {
      const importId = runningId.current;
      if (importId) void client.call('runs.cancelImport', { importId }).catch(() => undefined);
    },
    [client],
  );

  const start = useCallback(
    (mode: ImportMode, input: ImportInput) => {
      const importId = newImportId();
      runningId.current = importId;
      dispatch({ type: 'start', mode, importId });
      client.call('runs.import', { ...input, preview: mode === 'preview', importId }).then(
        (summary) => {
          dispatch({ type: 'succeeded', importId, summary });
          if (mode === 'import') imported.current(summary);
        },
        (e: unknown) => dispatch({ type: 'failed', importId, message: messageOf(e) }),
      );
    },
    [client],
  );

  const cancel = useCallback(() => {
    const importId = runningId.current;
    if (!importId) return;
    dispatch({ type: 'cancel', importId });
    // Whatever the answer, the import's own call ends it: rejected if cancelled, else its result.
    client
      .call('runs.cancelImport', { importId })
      .catch((e: unknown) =>
        dispatch({ type: 'problem', message: `Could not cancel: ${messageOf(e)}` }),
      );
  }, [client]);

  const edited = useCallback(() => dispatch({ type: 'edited' }), []);
  const setProblem = useCallback((message: string) => dispatch({ type: 'problem', message }), []);

  return { task, start, cancel, edited, setProblem };
}
