import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMessageCoalescer, mergeMetrics } from './messageCoalescer.js';

const metric = (keys: string[], points: [number, number, number][]) => ({
  type: 'metric' as const,
  keys,
  keyIndex: Uint16Array.from(points, (p) => p[0]),
  step: Float64Array.from(points, (p) => p[1]),
  value: Float64Array.from(points, (p) => p[2]),
  time: Float64Array.from(points, () => 7),
});

/** The points of a metric message as [key name, step, value]. */
const named = (m: ReturnType<typeof metric>) =>
  Array.from(m.step, (step, i) => [m.keys[m.keyIndex[i]!], step, m.value[i]]);

describe('the job-side message coalescer', () => {
  let sent: unknown[][];
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    sent = [];
  });
  afterEach(() => vi.useRealTimers());

  it('merges metric batches and keeps only the newest progress and usage until the interval ends', () => {
    const c = createMessageCoalescer((m) => sent.push(m), { intervalMs: 200 });
    c.send(
      metric(
        ['loss', 'acc'],
        [
          [0, 1, 0.5],
          [1, 1, 0.6],
        ],
      ),
    );
    c.send({ type: 'progress', fraction: 0.1, message: 'epoch 1' });
    c.send({ type: 'usage', cpuPercent: 50, rssBytes: 1 });
    c.send(
      metric(
        ['acc', 'val_loss'],
        [
          [1, 2, 0.4],
          [0, 2, 0.7],
        ],
      ),
    );
    c.send({ type: 'progress', fraction: 0.2, message: 'epoch 2' });
    expect(sent).toEqual([]); // held: one send per interval at most

    vi.advanceTimersByTime(0); // nothing sent for longer than the interval: goes on the next turn
    expect(sent).toHaveLength(1);
    const [merged, ...rest] = sent[0] as [ReturnType<typeof metric>, ...unknown[]];
    expect(named(merged)).toEqual([
      ['loss', 1, 0.5],
      ['acc', 1, 0.6],
      ['val_loss', 2, 0.4],
      ['acc', 2, 0.7],
    ]);
    expect(rest).toEqual([
      { type: 'usage', cpuPercent: 50, rssBytes: 1 },
      { type: 'progress', fraction: 0.2, message: 'epoch 2' },
    ]);

    c.send({ type: 'progress', fraction: 0.3, message: 'epoch 3' });
    vi.advanceTimersByTime(199);
    expect(sent).toHaveLength(1); // the next send waits out the interval since the last one
    vi.advanceTimersByTime(1);
    expect(sent[1]).toEqual([{ type: 'progress', fraction: 0.3, message: 'epoch 3' }]);
  });

  it('sends what it holds before any other message, so main sees them in order', () => {
    const c = createMessageCoalescer((m) => sent.push(m));
    c.send(metric(['loss'], [[0, 1, 0.5]]));
    c.send({ type: 'progress', fraction: 1, message: 'done' });
    c.send({ type: 'result', metrics: { loss: 0.5 } });
    expect(sent).toEqual([
      [metric(['loss'], [[0, 1, 0.5]]), { type: 'progress', fraction: 1, message: 'done' }],
      [{ type: 'result', metrics: { loss: 0.5 } }],
    ]);
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(2); // nothing held, nothing sent twice
  });

  it('sends a merged batch as soon as it reaches maxPoints, and flush() sends the rest', () => {
    const c = createMessageCoalescer((m) => sent.push(m), { maxPoints: 3 });
    c.send(
      metric(
        ['a'],
        [
          [0, 1, 1],
          [0, 2, 2],
        ],
      ),
    );
    c.send(
      metric(
        ['a'],
        [
          [0, 3, 3],
          [0, 4, 4],
        ],
      ),
    ); // would pass 3: the held two go first
    expect(sent.map((m) => named(m[0] as ReturnType<typeof metric>))).toEqual([
      [
        ['a', 1, 1],
        ['a', 2, 2],
      ],
    ]);
    c.send(metric(['a'], [[0, 5, 5]])); // 3 held: sent now
    c.send(metric(['a'], [[0, 6, 6]]));
    c.flush();
    expect(sent.map((m) => named(m[0] as ReturnType<typeof metric>).map((p) => p[1]))).toEqual([
      [1, 2],
      [3, 4, 5],
      [6],
    ]);
  });
});

describe('mergeMetrics', () => {
  it('keeps a single batch as it is', () => {
    const only = metric(['a'], [[0, 1, 1]]);
    expect(mergeMetrics([only])).toBe(only);
  });
});
