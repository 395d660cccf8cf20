import { describe, expect, it } from 'vitest';
import type { RunImportProgress, RunImportSummary } from '../../../../shared/api/otherTrackers.js';
import {
  IDLE,
  importTask,
  newImportId,
  progressText,
  type ImportAction,
  type ImportTask,
} from './runImportTask.js';

const summary = (runs_added: number): RunImportSummary => ({
  source: 'tensorboard',
  experiments: 1,
  runs_added,
  runs_skipped: 0,
  params: 0,
  metric_points: 10,
  images: 0,
  warnings: [],
});
const progress = (importId: string, runs_done: number): RunImportProgress => ({
  type: 'runs.import.progress',
  importId,
  runs_done,
  runs_total: 40,
  metric_points: 1_234_567,
});
const play = (...actions: ImportAction[]): ImportTask => actions.reduce(importTask, IDLE);

describe('the Import runs dialog state', () => {
  it('keeps the progress of its own import and ignores others', () => {
    const task = play(
      { type: 'start', mode: 'preview', importId: 'a' },
      { type: 'progress', event: progress('a', 12) },
      { type: 'progress', event: progress('other', 39) },
    );
    expect(task.running?.progress?.runs_done).toBe(12);
    expect(progressText(task.running!.progress)).toBe('12 of 40 runs · 1,234,567 points');
  });

  it('turns a failure after Cancel into "cancelled", with nothing imported and no problem shown', () => {
    const task = play(
      { type: 'start', mode: 'preview', importId: 'a' },
      { type: 'succeeded', importId: 'a', summary: summary(2) },
      { type: 'start', mode: 'import', importId: 'b' },
      { type: 'progress', event: progress('b', 1) },
      { type: 'cancel', importId: 'b' },
      { type: 'failed', importId: 'b', message: 'the import was cancelled' },
    );
    expect(task).toEqual({ ...IDLE, preview: summary(2), cancelled: 'import' });
    // The preview is still there, so Import can be tried again; trying clears the notice.
    const again = importTask(task, { type: 'start', mode: 'import', importId: 'c' });
    expect(again.cancelled).toBeNull();
    expect(again.running).toMatchObject({ mode: 'import', importId: 'c', cancelling: false });
    expect(
      importTask(again, { type: 'succeeded', importId: 'c', summary: summary(2) }).imported,
    ).toEqual(summary(2));
  });

  it("knows a cancel by the core's words even when another window cancelled it", () => {
    const task = play(
      { type: 'start', mode: 'preview', importId: 'a' },
      { type: 'failed', importId: 'a', message: 'the preview of /tmp/logs was cancelled' },
    );
    expect(task.cancelled).toBe('preview');
    expect(task.problem).toBeNull();
  });

  it('shows other failures as the problem', () => {
    const task = play(
      { type: 'start', mode: 'preview', importId: 'a' },
      { type: 'failed', importId: 'a', message: '/x is none of: …' },
    );
    expect(task).toEqual({ ...IDLE, problem: '/x is none of: …' });
  });

  it('reports an import that finished before the cancel reached it as finished', () => {
    const task = play(
      { type: 'start', mode: 'preview', importId: 'a' },
      { type: 'cancel', importId: 'a' },
      { type: 'succeeded', importId: 'a', summary: summary(3) },
    );
    expect(task).toEqual({ ...IDLE, preview: summary(3) });
  });

  it('ignores the answers of an import it no longer waits for', () => {
    const started = play(
      { type: 'start', mode: 'preview', importId: 'old' },
      { type: 'start', mode: 'preview', importId: 'new' },
    );
    expect(importTask(started, { type: 'succeeded', importId: 'old', summary: summary(1) })).toBe(
      started,
    );
    expect(importTask(started, { type: 'failed', importId: 'old', message: 'boom' })).toBe(started);
    expect(importTask(started, { type: 'cancel', importId: 'old' })).toBe(started);
  });

  it('forgets the preview, the result and a cancel notice when the path changes', () => {
    const task = play(
      { type: 'start', mode: 'preview', importId: 'a' },
      { type: 'failed', importId: 'a', message: 'was cancelled' },
      { type: 'edited' },
    );
    expect(task).toEqual(IDLE);
  });

  it('makes ids the contract accepts', () => {
    const id = newImportId();
    expect(id).toMatch(/^[\w-]{1,64}$/);
    expect(newImportId()).not.toBe(id);
    expect(progressText(null)).toBe('Reading…');
    expect(progressText({ ...progress('a', 0), runs_total: 1, metric_points: 1 })).toBe(
      '0 of 1 run · 1 point',
    );
  });
});
