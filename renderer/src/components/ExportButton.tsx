import { useCallback, useRef, useState } from 'react';
import type { RenderedReport, ReportRequest } from '../../../shared/api/reports.js';
import { useConnection } from '../data/connection.js';
import { messageOf } from '../lib/messageOf.js';
import { startDownload } from '../lib/startDownload.js';
import './exportButton.css';
import { useDismiss } from './useDismiss.js';

export interface ExportChoice {
  label: string;
  request: ReportRequest;
}

/** Saves a rendered report as a file: a Blob URL behind startDownload. */
function download({ fileName, mimeType, encoding, content }: RenderedReport): void {
  const body =
    encoding === 'base64' ? Uint8Array.from(atob(content), (c) => c.charCodeAt(0)) : content;
  const url = URL.createObjectURL(new Blob([body], { type: mimeType }));
  startDownload(url, fileName);
  // Revoked on the next turn: the download has started by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** An "Export" menu: each choice renders a report or export in main and downloads it. */
export function ExportButton({ choices }: { choices: ExportChoice[] }) {
  const { client, save } = useConnection();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  // Escape or a press outside closes the menu (Escape returns focus to the button).
  useDismiss(
    root,
    open,
    useCallback(() => setOpen(false), []),
    button,
  );

  const run = async (choice: ExportChoice) => {
    setBusy(true);
    setError(null);
    try {
      // Desktop: a save dialog and main writes the file (PDF printed by Electron); browser: a download.
      if (save) await save({ kind: 'report', request: choice.request });
      else download(await client.call('reports.render', choice.request));
      setOpen(false);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="export-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        Export
      </button>
      {open && (
        <div className="export-popover" role="menu" aria-label="Export">
          {choices.map((c) => (
            <button
              key={c.label}
              type="button"
              role="menuitem"
              disabled={busy}
              onClick={() => void run(c)}
            >
              {c.label}
            </button>
          ))}
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** The usual choices for a set of runs: a report to send, and the data behind it. */
export function runExportChoices(ids: number[]): ExportChoice[] {
  const one = ids.length === 1 ? ids[0] : undefined;
  const report = (format: 'html' | 'md' | 'pdf'): ReportRequest =>
    one !== undefined
      ? { kind: 'run', runId: one, format }
      : { kind: 'compare', runIds: ids, format };
  return [
    { label: 'HTML report', request: report('html') },
    { label: 'PDF report', request: report('pdf') },
    { label: 'Markdown summary', request: report('md') },
    { label: 'Metric histories (CSV)', request: { kind: 'metrics', runIds: ids, format: 'csv' } },
    { label: 'Metric histories (JSON)', request: { kind: 'metrics', runIds: ids, format: 'json' } },
  ];
}

export function modelExportChoices(model: string, version: number): ExportChoice[] {
  const report = (format: 'html' | 'md' | 'pdf'): ReportRequest => ({
    kind: 'model',
    model,
    version,
    format,
  });
  return [
    { label: 'HTML report', request: report('html') },
    { label: 'PDF report', request: report('pdf') },
    { label: 'Markdown summary', request: report('md') },
  ];
}

export function driftExportChoices(id: number): ExportChoice[] {
  return [
    { label: 'HTML report', request: { kind: 'drift', driftId: id, format: 'html' } },
    { label: 'PDF report', request: { kind: 'drift', driftId: id, format: 'pdf' } },
    { label: 'Markdown summary', request: { kind: 'drift', driftId: id, format: 'md' } },
    { label: 'Results (CSV)', request: { kind: 'drift', driftId: id, format: 'csv' } },
    { label: 'Results (JSON)', request: { kind: 'drift', driftId: id, format: 'json' } },
  ];
}
