import { availableParallelism } from 'node:os';
import type { RunStatus } from '../../../shared/domain.js';
import type { EventBus } from '../eventBus.js';
import type { Store } from '../store/store.js';
import type { JobOutcome } from './jobProcess.js';
import type { JobSupervisor } from './jobSupervisor.js';
import type { FromJob, Job } from './protocol.js';

/** Cores − 1, at least 1: one core stays free for the app itself. BENCHTOP_MAX_JOBS overrides it. */
export function defaultConcurrency(
  cores = availableParallelism(),
  override = process.env.BENCHTOP_MAX_JOBS,
): number {
  const n = Number(override);
  if (override && Number.isInteger(n) && n >= 1) return n;
  return Math.max(1, cores - 1);
}

export interface QueuedJobInfo {
  runId: number;
  state: 'queued' | 'running';
  /** 1 for the next job to start; null while running. */
  position: number | null;
  cpuPercent: number | null;
  rssBytes: number | null;
}

/** Jobs that belong to a run (training); the queue orders them and settles queued ones itself. */
export type RunJob = Extract<Job, { runId: number }>;

interface Entry {
  job: RunJob;
  observe: ((message: FromJob) => void) | undefined;
  resolve: (outcome: JobOutcome) => void;
}

/**
 * Runs at most `limit` jobs at once, each in its own process (through the supervisor); the rest
 * wait in order. A queued job can be cancelled before it starts: its run ends `cancelled`.
 */
export function createJobQueue(
  supervisor: JobSupervisor,
  store: Store,
  events: EventBus,
  limit = defaultConcurrency(),
) {
  const waiting: Entry[] = [];
  const running = new Map<number, { cpuPercent: number | null; rssBytes: number | null }>();
  let closed = false;

  function end(
    runId: number,
    status: Extract<RunStatus, 'cancelled' | 'interrupted'>,
    error: string | null,
  ): void {
    if (store.runs.markEnded(runId, status, error))
      events.emit({ type: 'run.status', runId, status, error });
  }

  function start({ job, observe, resolve }: Entry): void {
    const usage = { cpuPercent: null as number | null, rssBytes: null as number | null };
    running.set(job.runId, usage);
    const { done } = supervisor.run(job, (message) => {
      if (message.type === 'usage')
        Object.assign(usage, { cpuPercent: message.cpuPercent, rssBytes: message.rssBytes });
      observe?.(message);
    });
    void done.then((outcome) => {
      running.delete(job.runId);
      pump();
      resolve(outcome);
    });
  }

  function pump(): void {
    while (!closed && running.size < limit && waiting.length > 0) start(waiting.shift()!);
  }

  return {
    /** Queues `job`; it starts now if a slot is free. Resolves when its process has ended. */
    enqueue(job: RunJob, observe?: (message: FromJob) => void): Promise<JobOutcome> {
      return new Promise((resolve) => {
        if (closed) {
          // Shutting down: a job asked for now would never start, so its run ends here.
          end(job.runId, 'interrupted', 'Benchtop was closed before the run started');
          resolve({ kind: 'cancelled' });
          return;
        }
        waiting.push({ job, observe, resolve });
        pump();
      });
    },
    cancel(runId: number): boolean {
      const i = waiting.findIndex((e) => e.job.runId === runId);
      if (i >= 0) {
        const [entry] = waiting.splice(i, 1);
        end(runId, 'cancelled', null);
        entry!.resolve({ kind: 'cancelled' });
        return true;
      }
      return supervisor.cancel(runId);
    },
    list(): QueuedJobInfo[] {
      return [
        ...[...running].map(([runId, u]) => ({
          runId,
          state: 'running' as const,
          position: null,
          ...u,
        })),
        ...waiting.map((e, i) => ({
          runId: e.job.runId,
          state: 'queued' as const,
          position: i + 1,
          cpuPercent: null,
          rssBytes: null,
        })),
      ];
    },
    get limit() {
      return limit;
    },
    setLimit(n: number): void {
      limit = Math.max(1, Math.floor(n));
      pump();
    },
    /** Queued runs never started: they end interrupted; running ones are stopped by the supervisor. */
    async shutdown(): Promise<void> {
      closed = true;
      for (const entry of waiting.splice(0)) {
        end(entry.job.runId, 'interrupted', 'Benchtop was closed before the run started');
        entry.resolve({ kind: 'cancelled' });
      }
      await supervisor.shutdown();
    },
  };
}
export type JobQueue = ReturnType<typeof createJobQueue>;
