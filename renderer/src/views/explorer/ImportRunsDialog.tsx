import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  useEffect,
  useId,
  useRef,
  useState,
  type DragEvent,
  type FormEvent,
  type KeyboardEvent,
} from 'react';
import { createPortal } from 'react-dom';
import type { FollowedSource } from '../../../../shared/api/otherTrackers.js';
import { useConnection } from '../../data/connection.js';
import { keys } from '../../data/queries.js';
import { messageOf } from '../../lib/messageOf.js';
import { explorerKeys } from './explorerData.js';
import { followingKey } from './FollowingStrip.js';
import { SummaryPanel } from './ImportRunsSummary.js';
import './importRuns.css';
import { progressText } from './runImportTask.js';
import { useRunImportTask, type ImportInput } from './useRunImportTask.js';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/** The explorer toolbar's "Import runs…" button and the dialog it opens; focus comes back to it. */
export function ImportRunsButton() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        ref={button}
        type="button"
        className="button"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        Import runs…
      </button>
      {open && (
        <ImportRunsDialog
          onClose={() => {
            setOpen(false);
            button.current?.focus();
          }}
        />
      )}
    </>
  );
}

/**
 * Runs from MLflow (a file store or its SQLite database) or TensorBoard, by a path on the machine
 * running Benchtop: Preview says what would come in without writing anything, then Import (once)
 * or Follow (now and every second after). The core announces new runs (`store.changed`), which
 * refreshes the runs table. With `initialPath` (a folder dropped on the window) it previews at once.
 */
export function ImportRunsDialog({
  onClose,
  initialPath = '',
}: {
  onClose: () => void;
  initialPath?: string;
}) {
  const { client, save, pathForFile } = useConnection();
  // Only the desktop app's bridge knows a dropped file's path; a browser only has its bytes.
  const desktop = save !== null && pathForFile !== null;
  const queryClient = useQueryClient();
  const id = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const pathField = useRef<HTMLInputElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const previewButton = useRef<HTMLButtonElement>(null);
  const importButton = useRef<HTMLButtonElement>(null);
  const [path, setPath] = useState(initialPath);
  const [experiment, setExperiment] = useState('');
  const [dragging, setDragging] = useState(false);
  const dragDepth = useRef(0);

  const { task, start, cancel, edited, setProblem } = useRunImportTask(() => {
    // The core's `store.changed` refreshes these too; without cancelling a refetch it started.
    for (const queryKey of [explorerKeys.table, ['runs.query'], keys.runs])
      void queryClient.invalidateQueries({ queryKey }, { cancelRefetch: false });
  });
  const follow = useMutation({
    mutationFn: (input: ImportInput) => client.call('runs.follow', input),
    onSuccess: (followed) => {
      queryClient.setQueryData<FollowedSource[]>(followingKey, (old) => [
        ...(old ?? []).filter((f) => f.followId !== followed.followId),
        followed,
      ]);
      void queryClient.invalidateQueries({ queryKey: followingKey });
      onClose();
    },
    onError: (e) => setProblem(messageOf(e)),
  });
  const running = task.running;
  const done = task.imported !== null;
  const busy = running !== null || follow.isPending;
  const problem = task.problem;

  useEffect(() => {
    pathField.current?.focus();
    if (initialPath.trim()) start('preview', { path: initialPath.trim() });
  }, [initialPath, start]);
  useEffect(() => {
    if (done) closeButton.current?.focus();
  }, [done]);
  // After a cancel, focus goes where trying again starts.
  useEffect(() => {
    if (task.cancelled === 'import') importButton.current?.focus();
    else if (task.cancelled === 'preview') previewButton.current?.focus();
  }, [task.cancelled]);

  /** A changed path or experiment makes the preview (and any result) stale. */
  const onEdit = () => {
    follow.reset();
    edited();
  };
  const input = (): ImportInput | null => {
    const trimmed = path.trim();
    if (!trimmed) {
      setProblem('Enter the path of a folder or file to import.');
      pathField.current?.focus();
      return null;
    }
    const name = experiment.trim();
    return name ? { path: trimmed, experiment: name } : { path: trimmed };
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const next = input();
    if (next) start('preview', next);
  };
  // A preview may be left (its reading is cancelled); an import is cancelled first, or waited for.
  const close = () => {
    if (running?.mode !== 'import' && !follow.isPending) onClose();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      close();
      return;
    }
    if (e.key !== 'Tab' || !dialog.current) return;
    // Keep Tab inside the dialog: the page behind it is not reachable while it is open.
    const items = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
      (el) => el.getClientRects().length > 0,
    );
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (
      e.shiftKey &&
      (document.activeElement === first || !dialog.current.contains(document.activeElement))
    ) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  // Drags over the dialog stay here: the window's own drop would start a dataset import.
  const onDragEnter = (e: DragEvent) => {
    e.preventDefault();
    e.stopPropagation();
    if (!desktop) return;
    dragDepth.current += 1;
    setDragging(true);
  };
  const onDragOver = (e: DragEvent) => {
    e.preventDefault();
    e.stopPropagation();
    e.dataTransfer.dropEffect = desktop && !busy ? 'copy' : 'none';
  };
  const onDragLeave = (e: DragEvent) => {
    e.stopPropagation();
    dragDepth.current = Math.max(0, dragDepth.current - 1);
    if (dragDepth.current === 0) setDragging(false);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    e.stopPropagation();
    dragDepth.current = 0;
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (!desktop || !pathForFile || !file || busy) return;
    const dropped = pathForFile(file);
    if (!dropped) {
      setProblem(`Benchtop could not tell where ${file.name} is; type its path instead.`);
      return;
    }
    setPath(dropped);
    onEdit();
    pathField.current?.focus();
  };

  const summary = task.imported ?? task.preview;
  const nothingNew =
    task.preview !== null &&
    task.preview.runs_added === 0 &&
    task.preview.params === 0 &&
    task.preview.metric_points === 0;
  const hint = `${id}-hint`;
  const errorId = `${id}-error`;
  const followNote = `${id}-follow`;
  const progress = running?.progress ?? null;
  const what = running?.mode === 'import' ? 'Import' : 'Preview';

  return createPortal(
    <div
      className="dialog-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) close();
      }}
      onDragEnter={onDragEnter}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
      <div
        ref={dialog}
        className={`dialog import-runs-dialog${dragging ? ' dropping' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-intro`}
        aria-busy={busy}
        onKeyDown={onKeyDown}
      >
        <header className="dialog-header">
          <h2 id={`${id}-title`}>Import runs</h2>
          <p id={`${id}-intro`} className="muted">
            Runs tracked with MLflow or TensorBoard become ordinary Benchtop runs. Preview first: it
            reads everything and writes nothing. Importing the same place again adds only what is
            new.
          </p>
        </header>
        <form className="import-runs-form" onSubmit={submit} noValidate>
          <div className="import-runs-field">
            <label htmlFor={`${id}-path`}>
              Folder or file on this machine: an mlruns folder, an mlflow.db, or a TensorBoard
              logdir
            </label>
            <input
              ref={pathField}
              id={`${id}-path`}
              type="text"
              className="mono"
              autoComplete="off"
              spellCheck={false}
              placeholder={desktop ? '/path/to/mlruns, or drop it here' : '/path/to/mlruns'}
              value={path}
              readOnly={busy}
              onChange={(e) => {
                setPath(e.target.value);
                onEdit();
              }}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? `${errorId} ${hint}` : hint}
            />
            <p id={hint} className="form-note">
              {desktop
                ? 'Type or paste it, or drop the folder or file onto this dialog.'
                : 'Type or paste it: a path on the computer running Benchtop.'}
            </p>
          </div>
          <div className="import-runs-field">
            <label htmlFor={`${id}-experiment`}>
              Experiment for TensorBoard runs <span className="muted">(optional)</span>
            </label>
            <input
              id={`${id}-experiment`}
              type="text"
              autoComplete="off"
              placeholder="the logdir's folder name"
              value={experiment}
              readOnly={busy}
              onChange={(e) => {
                setExperiment(e.target.value);
                onEdit();
              }}
            />
          </div>
          {problem && (
            <p id={errorId} className="form-error" role="alert" title={problem}>
              {problem}
            </p>
          )}
          {running && (
            <div className="import-runs-progress">
              <p className="muted import-runs-reading" role="status">
                {running.cancelling
                  ? `Cancelling the ${what.toLowerCase()}…`
                  : running.mode === 'import'
                    ? `Importing ${path.trim()}…`
                    : `Reading ${path.trim()}…`}
              </p>
              <progress
                aria-label={`${what} progress`}
                aria-valuetext={progressText(progress)}
                max={progress?.runs_total || undefined}
                value={progress?.runs_total ? progress.runs_done : undefined}
              />
              <p className="num import-runs-count" data-testid="import-progress">
                {progressText(progress)}
              </p>
            </div>
          )}
          {task.cancelled && (
            <p className="import-runs-cancelled" role="status">
              {task.cancelled === 'import'
                ? 'The import was cancelled: nothing was added. Import again when you are ready.'
                : 'The preview was cancelled. Preview again when you are ready.'}
            </p>
          )}
          {follow.isPending && (
            <p className="muted" role="status">
              Following {path.trim()}: importing what is there now…
            </p>
          )}
          {summary && (
            <SummaryPanel
              summary={summary}
              done={done}
              nothingNew={nothingNew}
              experiment={experiment.trim()}
            />
          )}
          {task.preview && !busy && (
            <p id={followNote} className="form-note">
              Follow imports it now, then brings in what is written there every second until you
              stop it.
            </p>
          )}
          <footer className="dialog-actions">
            {/* One button, so focus stays on it: it cancels what is running, else closes. */}
            <button
              ref={closeButton}
              type="button"
              className={`button${done && !busy ? ' primary' : ''}`}
              aria-disabled={running?.cancelling || follow.isPending ? true : undefined}
              onClick={() => {
                if (running) {
                  if (!running.cancelling) cancel();
                } else close();
              }}
            >
              {running ? `Cancel ${what.toLowerCase()}` : done ? 'Close' : 'Cancel'}
            </button>
            {!done && (
              <button
                ref={previewButton}
                type="submit"
                className={`button${task.preview ? '' : ' primary'}`}
                disabled={busy}
              >
                Preview
              </button>
            )}
            {task.preview && (
              <button
                type="button"
                className="button"
                disabled={busy}
                aria-describedby={followNote}
                onClick={() => {
                  const next = input();
                  if (next) follow.mutate(next);
                }}
              >
                Follow
              </button>
            )}
            {!done && task.preview && (
              <button
                ref={importButton}
                type="button"
                className="button primary"
                disabled={busy || nothingNew}
                onClick={() => {
                  const next = input();
                  if (next) start('import', next);
                }}
              >
                Import
              </button>
            )}
          </footer>
        </form>
      </div>
    </div>,
    document.body,
  );
}
