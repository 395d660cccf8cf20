import { describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../shared/api.js';
import type { RunStatus } from '../../shared/domain.js';
import { createEventBus } from '../core/eventBus.js';
import { notificationText, notifyWhenRunsEnd, type NotificationLike } from './runNotifications.js';

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
const status = (runId: number, s: RunStatus, error: string | null = null): ApiEvent => ({
  type: 'run.status',
  runId,
  status: s,
  error,
});

function setup({ focused = false, supported = true, names = new Map([[7, 'iris-mlp']]) } = {}) {
  const events = createEventBus();
  const shown: { title: string; body: string; click?: () => void }[] = [];
  const opened: number[] = [];
  class FakeNotification implements NotificationLike {
    private readonly record: (typeof shown)[number];
    constructor(options: { title: string; body: string }) {
      this.record = { ...options };
    }
    on(_event: 'click', listener: () => void) {
      this.record.click = listener;
      return this;
    }
    show() {
      shown.push(this.record);
    }
  }
  const stop = notifyWhenRunsEnd({
    events,
    Notification: FakeNotification,
    supported,
    appFocused: () => focused,
    runName: async (id) => {
      if (!names.has(id)) throw new Error('gone');
      return names.get(id)!;
    },
    showRun: (id) => opened.push(id),
  });
  return { events, shown, opened, stop };
}

describe('run notifications', () => {
  it('tells the OS when a run finishes or fails in the background, and clicking shows the run', async () => {
    const { events, shown, opened } = setup();
    events.emit(status(7, 'finished'));
    events.emit(status(7, 'failed', 'loss became NaN'));
    await settle();
    expect(shown.map(({ title, body }) => ({ title, body }))).toEqual([
      { title: 'iris-mlp finished', body: 'Its metrics and model are ready.' },
      { title: 'iris-mlp failed', body: 'loss became NaN' },
    ]);
    shown[1]!.click!();
    expect(opened).toEqual([7]);
  });

  it('stays quiet for queued, running and cancelled runs, and while the user is looking at the app', async () => {
    const quiet = setup();
    for (const s of ['queued', 'running', 'cancelled'] as const) quiet.events.emit(status(7, s));
    const focused = setup({ focused: true });
    focused.events.emit(status(7, 'finished'));
    await settle();
    expect(quiet.shown).toEqual([]);
    expect(focused.shown).toEqual([]);
  });

  it('names the run by id when its name cannot be read', async () => {
    const { events, shown } = setup();
    events.emit(status(12, 'interrupted'));
    await settle();
    expect(shown[0]?.title).toBe('Run 12 was interrupted');
  });

  it('does nothing where the OS has no notifications, and stops when unsubscribed', async () => {
    const unsupported = setup({ supported: false });
    unsupported.events.emit(status(7, 'finished'));
    const stopped = setup();
    stopped.stop();
    stopped.events.emit(status(7, 'finished'));
    await settle();
    expect(unsupported.shown).toEqual([]);
    expect(unsupported.events.size).toBe(0);
    expect(stopped.shown).toEqual([]);
  });

  it('has text only for endings', () => {
    expect(
      notificationText({ type: 'run.status', runId: 1, status: 'running', error: null }, 'x'),
    ).toBeNull();
  });
});
