import { describe, expect, it } from 'vitest';
import { checkMessage, type CheckOutcome } from './checkMessage.js';

const none: CheckOutcome = { started: [], busy: null, waiting: 0, fresh: 0, notes: [] };

describe('the line a policy check ends with', () => {
  it('says "no new data" only when nothing is new, running or arriving', () => {
    expect(checkMessage(none)).toBe('no new data');
    expect(checkMessage({ ...none, notes: ['a.csv: unreadable'] })).toBe(
      'no new data; a.csv: unreadable',
    );
  });

  it('names the pipelines it started', () => {
    expect(checkMessage({ ...none, started: [4] })).toBe('started pipeline #4');
    expect(checkMessage({ ...none, started: [4, 5] })).toBe('started pipelines #4, #5');
  });

  it('says what the running pipeline is doing, not "no new data", while it imports', () => {
    const busy = { ...none, busy: { id: 7, step: 'import' }, waiting: 1 };
    expect(checkMessage(busy)).toBe('pipeline #7 is importing; 1 file wait for it to end');
    expect(checkMessage({ ...busy, waiting: 0 })).toBe('pipeline #7 is importing');
    expect(checkMessage({ ...none, busy: { id: 7, step: 'train' }, waiting: 2 })).toBe(
      'pipeline #7 is training; 2 files wait for it to end',
    );
    expect(checkMessage({ ...none, busy: { id: 7, step: null } })).toBe('pipeline #7 is running');
  });

  it('says a file still being written is taken at the next check', () => {
    expect(checkMessage({ ...none, fresh: 1 })).toBe(
      '1 file still being written; taken at the next check',
    );
  });
});
