import type { RunImportProgress, RunImportSummary } from '../../../../shared/api/otherTrackers.js';
import { formatNumber } from '../../lib/format.js';

/** What the Import runs dialog is doing or last did: pure, so its rules are tested without a DOM. */
export type ImportMode = 'preview' | 'import';

export interface RunningImport {
  mode: ImportMode;
  importId: string;
  progress: RunImportProgress | null;
  /** Cancel was pressed; the call is expected to fail with "… was cancelled". */
  cancelling: boolean;
}

export interface ImportTask {
  /** The last preview of the path and experiment as they are now. */
  preview: RunImportSummary | null;
  imported: RunImportSummary | null;
  running: RunningImport | null;
  /** The last preview or import was cancelled (and added nothing). */
  cancelled: ImportMode | null;
  problem: string | null;
}

export type ImportAction =
  | { type: 'start'; mode: ImportMode; importId: string }
  | { type: 'progress'; event: RunImportProgress }
  | { type: 'cancel'; importId: string }
  | { type: 'succeeded'; importId: string; summary: RunImportSummary }
  | { type: 'failed'; importId: string; message: string }
  /** The path or experiment changed: what was read no longer applies. */
  | { type: 'edited' }
  | { type: 'problem'; message: string };

export const IDLE: ImportTask = {
  preview: null,
  imported: null,
  running: null,
  cancelled: null,
  problem: null,
};

/** The core's words for a cancelled import end with this. */
const CANCELLED = /was cancelled\.?$/;

export function importTask(task: ImportTask, action: ImportAction): ImportTask {
  const { running } = task;
  switch (action.type) {
    case 'start':
      return {
        preview: action.mode === 'preview' ? null : task.preview,
        imported: null,
        running: {
          mode: action.mode,
          importId: action.importId,
          progress: null,
          cancelling: false,
        },
        cancelled: null,
        problem: null,
      };
    case 'progress':
      // Events of other imports (another window's, an abandoned one's) share the stream.
      if (running?.importId !== action.event.importId) return task;
      return { ...task, running: { ...running, progress: action.event } };
    case 'cancel':
      if (running?.importId !== action.importId) return task;
      return { ...task, running: { ...running, cancelling: true } };
    case 'succeeded':
      // A cancel that came too late changes nothing: the import finished, and says so.
      if (running?.importId !== action.importId) return task;
      return running.mode === 'preview'
        ? { ...task, running: null, preview: action.summary }
        : { ...task, running: null, imported: action.summary };
    case 'failed':
      if (running?.importId !== action.importId) return task;
      if (running.cancelling || CANCELLED.test(action.message))
        return { ...task, running: null, cancelled: running.mode };
      return { ...task, running: null, problem: action.message };
    case 'edited':
      return { ...task, preview: null, imported: null, cancelled: null, problem: null };
    case 'problem':
      return { ...task, problem: action.message };
  }
}

/** A fresh id the contract accepts (1 to 64 of letters, digits, - and _). */
export const newImportId = (): string =>
  crypto
    .randomUUID()
    .replace(/[^\w-]/g, '')
    .slice(0, 64);

/** "12 of 40 runs · 1,234,567 points" (or "Reading…" before the first event). */
export function progressText(progress: RunImportProgress | null): string {
  if (!progress) return 'Reading…';
  const points = `${formatNumber(progress.metric_points)} point${progress.metric_points === 1 ? '' : 's'}`;
  return `${formatNumber(progress.runs_done)} of ${formatNumber(progress.runs_total)} run${progress.runs_total === 1 ? '' : 's'} · ${points}`;
}
