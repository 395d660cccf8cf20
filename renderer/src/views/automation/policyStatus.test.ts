import { describe, expect, it } from 'vitest';
import type { PipelineSummary } from '../../../../shared/api/automation.js';
import { policyStatus } from './policyStatus.js';

const pipeline = (over: Partial<PipelineSummary>): PipelineSummary =>
  ({
    id: 3,
    model: 'iris',
    status: 'running',
    steps: [
      { name: 'import', status: 'running', started_at: null, ended_at: null, detail: '' },
      { name: 'drift', status: 'pending', started_at: null, ended_at: null, detail: '' },
    ],
    created_at: '2026-12-04T10:00:00.000Z',
    ...over,
  }) as PipelineSummary;

const noNewData = { message: 'no new data', at: Date.parse('2026-12-04T11:00:00.000Z') };

describe('the status line of a policy', () => {
  it('says it is checking while a check is in flight, whatever the last check said', () => {
    expect(policyStatus('iris', true, noNewData, [])).toBe('Checking for new data…');
  });

  it('never says "no new data" while the model’s pipeline is importing', () => {
    expect(policyStatus('iris', false, noNewData, [pipeline({})])).toBe(
      'Pipeline #3 is importing the new data…',
    );
  });

  it('shows the last check once nothing of the model is running', () => {
    expect(policyStatus('iris', false, noNewData, [pipeline({ status: 'finished' })])).toBe(
      'no new data',
    );
    expect(policyStatus('iris', false, noNewData, [pipeline({ model: 'other' })])).toBe(
      'no new data',
    );
    expect(policyStatus('iris', false, null, [])).toBeNull();
  });

  it('drops a "no new data" that a later pipeline proved stale', () => {
    const later = pipeline({ status: 'finished', created_at: '2026-12-04T11:00:05.000Z' });
    expect(policyStatus('iris', false, noNewData, [later])).toBeNull();
  });
});
