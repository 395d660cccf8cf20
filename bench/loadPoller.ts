/**
 * The UI's share of load.bench.ts, in its own process like a browser tab, asking what the
 * renderer asks: the event stream; the runs table's first screen, then all of it a page at a
 * time, then the rows of the runs named by each burst of run.status events (as explorerData.ts
 * does); the whole table again every 20 s (someone coming back to the explorer); the job list
 * every second (the training view); an explorer query every 2 s (someone typing filters). On
 * SIGTERM prints one JSON line: requests, errors, SQLITE_BUSY answers, latencies.
 *
 *   node --import tsx bench/loadPoller.ts BASE_URL TOKEN
 */
import type { ExplorerRun } from '../shared/api/runRecords.js';
import { readRunTable } from '../renderer/src/views/explorer/readRunTable.js';
import { fetchRetrying } from './fetchRetrying.js';

const [base, token] = process.argv.slice(2);
if (!base || !token) throw new Error('usage: loadPoller.ts BASE_URL TOKEN');

const latencies: number[] = [];
let requests = 0;
let errors = 0;
let busy = 0;
let events = 0;
const firstErrors: string[] = [];
const BUSY = /SQLITE_BUSY|database is locked/i;

/** One request; resolves with the answer's data (undefined when it failed). */
async function call(method: string, input: unknown): Promise<unknown> {
  const t0 = performance.now();
  requests++;
  try {
    const res = await fetchRetrying(`${base}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-benchtop-token': token! },
      body: JSON.stringify(input),
    });
    const text = await res.text();
    latencies.push(performance.now() - t0);
    if (!res.ok) {
      errors++;
      if (BUSY.test(text)) busy++;
      if (firstErrors.length < 5)
        firstErrors.push(`${method}: ${res.status} ${text.slice(0, 200)}`);
      return undefined;
    }
    return (JSON.parse(text) as { data: unknown }).data;
  } catch (e) {
    errors++;
    if (firstErrors.length < 5) firstErrors.push(`${method}: ${String(e)}`);
    return undefined;
  }
}

async function listen(): Promise<void> {
  const res = await fetch(`${base}/api/events`, { headers: { 'x-benchtop-token': token! } });
  const decoder = new TextDecoder();
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    const text = decoder.decode(value, { stream: true });
    events += text.split('\n\ndata: ').length - 1 + (text.startsWith('data: ') ? 1 : 0);
    if (BUSY.test(text)) busy++;
    for (const m of text.matchAll(/"type":"run\.status","runId":(\d+)/g)) changed.add(Number(m[1]));
    if (changed.size > 0 && !refetch) {
      refetch = setTimeout(() => {
        refetch = undefined;
        const ids = [...changed];
        changed.clear();
        void call('runs.table', { ids });
      }, 500);
    }
  }
}

const every = (ms: number, f: () => Promise<unknown>) => {
  let running = false;
  const tick = () => {
    if (running) return; // like react-query: no second fetch while one is in flight
    running = true;
    void f().finally(() => (running = false));
  };
  tick();
  return setInterval(tick, ms);
};

let refetch: NodeJS.Timeout | undefined;
const changed = new Set<number>();
void listen().catch(() => {});
const wholeTable = async () => {
  await readRunTable(async (page) => ((await call('runs.table', page)) ?? []) as ExplorerRun[]);
};
await call('runs.table', { limit: 60 });
await wholeTable();
every(20_000, wholeTable);
every(1000, () => call('jobs.list', {}));
const filters = [
  'metrics.val_accuracy > 0.8 and params.optimizer = "adam"',
  'params.lr < 0.01',
  'tags.baseline',
];
let typed = 0;
every(2000, () =>
  call('runs.query', { filter: filters[typed++ % filters.length], sort: '-metrics.val_accuracy' }),
);

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
process.on('SIGTERM', () => {
  const sorted = [...latencies].sort((a, b) => a - b);
  process.stdout.write(
    `${JSON.stringify({
      requests,
      errors,
      busy,
      events,
      first_errors: firstErrors,
      latency_ms_p50: Math.round(quantile(sorted, 0.5)),
      latency_ms_p99: Math.round(quantile(sorted, 0.99)),
      latency_ms_max: Math.round(sorted.at(-1) ?? 0),
    })}\n`,
  );
  process.exit(0);
});
