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
import type { RunImportSource, RunImportSummary } from '../../../../shared/runImportApi.js';
import { useConnection } from '../../data/connection.js';
import { keys } from '../../data/queries.js';
import { formatNumber } from '../../lib/format.js';
import { messageOf } from '../../lib/messageOf.js';
import { explorerKeys } from './explorerData.js';
import './importRuns.css';

const SOURCE_WORDS: Record<RunImportSource, string> = {
  'mlflow-filestore': 'an MLflow file store',
  'mlflow-sqlite': 'an MLflow database (SQLite)',
  tensorboard: 'a TensorBoard logdir',
};
/** More warnings than this are folded under a summary line. */
const WARNINGS_SHOWN = 3;
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

interface ImportInput {
  path: string;
  experiment?: string;
}

/**
 * Runs from MLflow (a file store or its SQLite database) or TensorBoard, by a path on the machine
 * running Benchtop: Preview says what would come in without writing anything, then Import. The
 * core announces the new runs (`store.changed`), which refreshes the runs table.
 */
export function ImportRunsDialog({ onClose }: { onClose: () => void }) {
  const { client, save, pathForFile } = useConnection();
  // Only the desktop app's bridge knows a dropped file's path; a browser only has its bytes.
  const desktop = save !== null && pathForFile !== null;
  const queryClient = useQueryClient();
  const id = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const pathField = useRef<HTMLInputElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const [path, setPath] = useState('');
  const [experiment, setExperiment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const dragDepth = useRef(0);

  const preview = useMutation({
    mutationFn: (input: ImportInput) => client.call('runs.import', { ...input, preview: true }),
    onError: (e) => setProblem(messageOf(e)),
  });
  const importing = useMutation({
    mutationFn: (input: ImportInput) => client.call('runs.import', { ...input, preview: false }),
    onSuccess: () => {
      // The core's `store.changed` refreshes these too; without cancelling a refetch it started.
      for (const queryKey of [explorerKeys.table, ['runs.query'], keys.runs])
        void queryClient.invalidateQueries({ queryKey }, { cancelRefetch: false });
    },
    onError: (e) => setProblem(messageOf(e)),
  });
  const done = importing.isSuccess;
  const busy = preview.isPending || importing.isPending;

  useEffect(() => pathField.current?.focus(), []);
  useEffect(() => {
    if (done) closeButton.current?.focus();
  }, [done]);

  /** A changed path or experiment makes the preview (and any result) stale. */
  const edited = () => {
    preview.reset();
    importing.reset();
    setProblem(null);
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
    importing.reset();
    setProblem(null);
    const next = input();
    if (next) preview.mutate(next);
  };
  const close = () => {
    if (!importing.isPending) onClose();
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
    edited();
    pathField.current?.focus();
  };

  const summary = importing.data ?? preview.data;
  const nothingNew =
    preview.data !== undefined &&
    preview.data.runs_added === 0 &&
    preview.data.params === 0 &&
    preview.data.metric_points === 0;
  const hint = `${id}-hint`;
  const errorId = `${id}-error`;

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
              onChange={(e) => {
                setPath(e.target.value);
                edited();
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
              onChange={(e) => {
                setExperiment(e.target.value);
                edited();
              }}
            />
          </div>
          {problem && (
            <p id={errorId} className="form-error" role="alert" title={problem}>
              {problem}
            </p>
          )}
          {preview.isPending && (
            <p className="muted" role="status">
              Reading {path.trim()}…
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
          <footer className="dialog-actions">
            {importing.isPending && (
              <span className="muted import-runs-busy" role="status">
                Importing…
              </span>
            )}
            <button
              ref={closeButton}
              type="button"
              className={`button${done ? ' primary' : ''}`}
              disabled={importing.isPending}
              onClick={close}
            >
              {done ? 'Close' : 'Cancel'}
            </button>
            {!done && (
              <button
                type="submit"
                className={`button${preview.data ? '' : ' primary'}`}
                disabled={busy}
              >
                Preview
              </button>
            )}
            {!done && preview.data && (
              <button
                type="button"
                className="button primary"
                disabled={busy || nothingNew}
                onClick={() => {
                  const next = input();
                  if (next) importing.mutate(next);
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

function SummaryPanel({
  summary: s,
  done,
  nothingNew,
  experiment,
}: {
  summary: RunImportSummary;
  done: boolean;
  nothingNew: boolean;
  experiment: string;
}) {
  const runs = (n: number) => `${formatNumber(n)} run${n === 1 ? '' : 's'}`;
  const where =
    s.source !== 'tensorboard'
      ? experiment
        ? 'its runs keep their own experiments (the name above is for TensorBoard runs)'
        : 'its runs keep their experiments'
      : experiment
        ? `its runs go into the experiment “${experiment}”`
        : 'its runs go into an experiment named after its folder';
  return (
    <section
      className="import-runs-summary"
      aria-label={done ? 'Imported' : 'What will be imported'}
      aria-live="polite"
    >
      {done ? (
        <p role="status">
          Imported {runs(s.runs_added)} from {SOURCE_WORDS[s.source]}
          {s.runs_skipped > 0 && ` (${formatNumber(s.runs_skipped)} already here)`}, with{' '}
          {formatNumber(s.params)} params and {formatNumber(s.metric_points)} metric points.
        </p>
      ) : (
        <>
          <p>
            This is {SOURCE_WORDS[s.source]}; {where}.
          </p>
          {nothingNew && <p>Nothing new to import: every run is already here.</p>}
          <dl className="import-runs-figures">
            <dt>{s.source === 'tensorboard' ? 'Experiment' : 'Experiments'}</dt>
            <dd className="num">
              {s.source === 'tensorboard' && experiment ? experiment : formatNumber(s.experiments)}
            </dd>
            <dt>Runs</dt>
            <dd className="num">
              {formatNumber(s.runs_added)} new · {formatNumber(s.runs_skipped)} already here
            </dd>
            <dt>Params</dt>
            <dd className="num">{formatNumber(s.params)}</dd>
            <dt>Metric points</dt>
            <dd className="num">{formatNumber(s.metric_points)}</dd>
          </dl>
        </>
      )}
      {s.warnings.length > 0 && <Warnings warnings={s.warnings} />}
    </section>
  );
}

function Warnings({ warnings }: { warnings: string[] }) {
  const list = (
    // Focusable: a long list scrolls, and a keyboard has to reach it.
    <ul className="import-runs-warnings" tabIndex={0} aria-label="Warnings">
      {warnings.map((w, i) => (
        <li key={i}>{w}</li>
      ))}
    </ul>
  );
  const title = `${warnings.length} warning${warnings.length === 1 ? '' : 's'}`;
  if (warnings.length <= WARNINGS_SHOWN)
    return (
      <div className="import-runs-warning-box">
        <p className="import-runs-warning-title">{title}</p>
        {list}
      </div>
    );
  return (
    <details className="import-runs-warning-box">
      <summary className="import-runs-warning-title">{title}</summary>
      {list}
    </details>
  );
}
