import { describe, expect, it } from 'vitest';
import {
  addNotice,
  dismissNotice,
  loadNotices,
  NOTICES_KEY,
  saveNotices,
  type Notice,
} from './pipelineNoticeState.js';

const notice = (pipelineId: number, status = 'finished'): Notice => ({
  pipelineId,
  model: 'iris',
  status,
  reason: 'kept',
});

/** A Storage that keeps what it is given, like the page's localStorage across a reload. */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
  };
}

describe('pipeline notices across reloads', () => {
  it('a dismissed notice does not come back, after a reload either', () => {
    const storage = memoryStorage();
    let state = addNotice({ shown: [], dismissed: [] }, notice(1));
    state = dismissNotice(state, notice(1));
    saveNotices(storage, state);
    const reloaded = loadNotices(storage);
    expect(reloaded.shown).toEqual([]);
    // The same news sent again (a second window, a reconnect) stays dismissed.
    expect(addNotice(reloaded, notice(1)).shown).toEqual([]);
    // New news about the same pipeline is shown.
    expect(addNotice(reloaded, notice(1, 'failed')).shown).toEqual([notice(1, 'failed')]);
  });

  it('a notice not yet dismissed is still there after a reload', () => {
    const storage = memoryStorage();
    saveNotices(storage, addNotice({ shown: [], dismissed: [] }, notice(2, 'waiting')));
    expect(loadNotices(storage).shown).toEqual([notice(2, 'waiting')]);
  });

  it('keeps the three latest, one per pipeline', () => {
    let state = { shown: [] as Notice[], dismissed: [] as string[] };
    for (const n of [notice(1), notice(2), notice(3), notice(4), notice(4, 'failed')])
      state = addNotice(state, n);
    expect(state.shown.map((n) => `${n.pipelineId}:${n.status}`)).toEqual([
      '2:finished',
      '3:finished',
      '4:failed',
    ]);
  });

  it('starts empty from nothing or from something unreadable', () => {
    expect(loadNotices(undefined)).toEqual({ shown: [], dismissed: [] });
    const storage = memoryStorage();
    storage.setItem(NOTICES_KEY, '{not json');
    expect(loadNotices(storage)).toEqual({ shown: [], dismissed: [] });
    storage.setItem(NOTICES_KEY, JSON.stringify({ shown: [{ pipelineId: 'x' }], dismissed: [1] }));
    expect(loadNotices(storage)).toEqual({ shown: [], dismissed: [] });
  });
});
