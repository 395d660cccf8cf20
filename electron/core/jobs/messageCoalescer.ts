import type { JobContext, MetricMessage } from './jobContext.js';

type Message = Parameters<JobContext['send']>[0];
type Metric = Omit<MetricMessage, 'jobId'>;
/** Messages of which only the newest matters: main keeps the last progress and usage anyway. */
const LATEST_ONLY = new Set(['progress', 'usage', 'import-progress']);
const MAX_KEYS = 65_535; // keyIndex is a Uint16Array

export interface CoalescerOptions {
  /** At most one send every `intervalMs` while messages keep coming. */
  intervalMs?: number;
  /** A merged metric batch is sent as soon as it holds this many points. */
  maxPoints?: number;
}

/**
 * The job side of a quiet main thread: metric batches are merged and only the newest progress,
 * usage and import-progress kept, then sent together as one message at most every `intervalMs`
 * (one IPC message, one parse and one group commit in main, not three per epoch). Any other
 * message (start, log, result, error, …) first sends what is held, so the order main sees is kept.
 */
export function createMessageCoalescer(
  sendBatch: (messages: Message[]) => void,
  { intervalMs = 200, maxPoints = 16_384 }: CoalescerOptions = {},
) {
  let metrics: Metric[] = [];
  let points = 0;
  const keyCount = new Set<string>();
  const latest = new Map<string, Message>();
  let lastSentAt = -Infinity;
  let timer: NodeJS.Timeout | undefined;

  function flush(): void {
    clearTimeout(timer);
    timer = undefined;
    const out: Message[] = [];
    if (metrics.length) out.push(mergeMetrics(metrics));
    out.push(...latest.values());
    metrics = [];
    points = 0;
    keyCount.clear();
    latest.clear();
    if (out.length === 0) return;
    lastSentAt = performance.now();
    sendBatch(out);
  }

  function schedule(): void {
    if (timer) return;
    const wait = Math.max(0, lastSentAt + intervalMs - performance.now());
    timer = setTimeout(flush, wait);
  }

  return {
    send(message: Message): void {
      if (message.type === 'metric') {
        const fresh = message.keys.filter((k) => !keyCount.has(k)).length;
        if (
          metrics.length &&
          (points + message.step.length > maxPoints || keyCount.size + fresh > MAX_KEYS)
        )
          flush();
        metrics.push(message);
        points += message.step.length;
        for (const k of message.keys) keyCount.add(k);
        if (points >= maxPoints) flush();
        else schedule();
      } else if (LATEST_ONLY.has(message.type)) {
        latest.delete(message.type); // re-inserted last: the order of the newest ones is kept
        latest.set(message.type, message);
        schedule();
      } else {
        flush();
        sendBatch([message]);
      }
    },
    /** Sends whatever is held now (the job is ending). */
    flush,
  };
}

/** One metric batch holding every point of `parts`, in order, over the union of their keys. */
export function mergeMetrics(parts: Metric[]): Metric {
  if (parts.length === 1) return parts[0]!;
  const keys: string[] = [];
  const index = new Map<string, number>();
  let n = 0;
  for (const p of parts) n += p.step.length;
  const keyIndex = new Uint16Array(n);
  const step = new Float64Array(n);
  const value = new Float64Array(n);
  const time = new Float64Array(n);
  let at = 0;
  for (const p of parts) {
    const remap = p.keys.map((k) => {
      let i = index.get(k);
      if (i === undefined) {
        i = keys.push(k) - 1;
        index.set(k, i);
      }
      return i;
    });
    for (let i = 0; i < p.step.length; i++) keyIndex[at + i] = remap[p.keyIndex[i]!]!;
    step.set(p.step, at);
    value.set(p.value, at);
    time.set(p.time, at);
    at += p.step.length;
  }
  return { type: 'metric', keys, keyIndex, step, value, time };
}
