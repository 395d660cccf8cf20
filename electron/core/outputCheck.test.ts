import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MetricValue } from '../../shared/domain.js';
import { checkOutput, outputChecksOn } from './outputCheck.js';

describe('checkOutput', () => {
  it('passes an answer its schema accepts, and changes nothing', () => {
    const answer = { id: 1, metrics: { loss: 0.5 } };
    checkOutput(
      'runs.get',
      z.object({ id: z.number().int(), metrics: z.record(z.string(), z.number()) }),
      answer,
    );
    expect(answer).toEqual({ id: 1, metrics: { loss: 0.5 } });
  });

  it('fails on a lying schema, naming the method, the issue path and the value', () => {
    const lying = z.object({ id: z.number().int(), metrics: z.record(z.string(), z.number()) });
    expect(() => checkOutput('runs.get', lying, { id: 1, metrics: { loss: Infinity } })).toThrow(
      /^runs\.get answered outside its output schema at metrics\.loss: .*, got Infinity$/,
    );
    expect(() =>
      checkOutput('runs.list', z.array(z.object({ name: z.string() })), [
        { name: 'a' },
        { name: null },
      ]),
    ).toThrow(/^runs\.list answered outside its output schema at 1\.name: .*, got null$/);
    expect(() => checkOutput('jobs.list', z.object({ limit: z.number() }), undefined)).toThrow(
      /at \(the whole answer\): .*, got undefined$/,
    );
  });

  it('the error is internal, not a UserError the user could fix', () => {
    try {
      checkOutput('m.x', z.string(), 1);
      expect.unreachable();
    } catch (e) {
      expect((e as Error).name).toBe('Error');
    }
  });

  it('MetricValue accepts every double where z.number() refuses ±Infinity', () => {
    for (const v of [0, -1.5, Infinity, -Infinity, NaN]) checkOutput('runs.metric', MetricValue, v);
    expect(() => checkOutput('runs.metric', z.number(), -Infinity)).toThrow(/got -Infinity/);
    expect(() => checkOutput('runs.metric', MetricValue, '1')).toThrow(/got "1"/);
  });

  it('is on in the tests (vitest.setup.ts)', () => {
    expect(outputChecksOn()).toBe(true);
  });
});
