import type { EventBus } from '../eventBus.js';
import type { Store } from '../store/store.js';
import { startJob, type JobHandle, type JobOutcome } from './jobProcess.js';
import type { MetricWriter } from './metricWriter.js';
import type { FromJob, Job } from './protocol.js';

/**
 * Owns the job processes of one main process: ties each to its run, writes what it reports,
 * and settles the run's status however the process ends.
 */
export function createJobSupervisor(store: Store, writer: MetricWriter, events: EventBus) {
  const active = new Map<number, { handle: JobHandle; done: Promise<JobOutcome> }>();
  let shuttingDown = false;
  const writeFailures = new Map<number, string>();
  writer.onFailure((runIds, message) => {
    for (const runId of runIds) {
      const job = active.get(runId);
      if (!job || writeFailures.has(runId)) continue;
      writeFailures.set(runId, message);
      job.handle.cancel(0);
    }
  });

  function setStatus(
    runId: number,
    status: 'finished' | 'failed' | 'cancelled' | 'interrupted',
    error: string | null,
  ) {
    writer.flush();
    let changed = true;
    try {
      changed = store.runs.markEnded(runId, status, error);
    } catch {
      // The store cannot take the write (disk full): tell clients now; the next start marks it interrupted.
    }
    if (changed) events.emit({ type: 'run.status', runId, status, error });
  }

  function settle(runId: number, outcome: JobOutcome): void {
    active.delete(runId);
    const writeFailure = writeFailures.get(runId);
    writeFailures.delete(runId);
    if (writeFailure) setStatus(runId, 'failed', writeFailure);
    else if (outcome.kind === 'result') setStatus(runId, 'finished', null);
    else if (outcome.kind === 'cancelled' && shuttingDown) {
      setStatus(runId, 'interrupted', 'Benchtop was closed while the run was in progress');
    } else if (outcome.kind === 'cancelled') setStatus(runId, 'cancelled', null);
    else setStatus(runId, 'failed', outcome.message);
  }

  return {
    /** Starts `job` for its run; resolves when the run has reached a terminal status. */
    run(
      job: Job,
      observe?: (message: FromJob) => void,
    ): { jobId: string; done: Promise<JobOutcome> } {
      const { runId } = job;
      const handle = startJob(job, (message) => {
        // Observers (the training recorder) see each message before the run's status can change.
        observe?.(message);
        switch (message.type) {
          case 'start':
            if (store.runs.markRunning(runId, message.backend)) {
              events.emit({ type: 'run.status', runId, status: 'running', error: null });
            }
            break;
          case 'metric':
            writer.push(runId, message);
            break;
          case 'progress':
            events.emit({
              type: 'job.progress',
              jobId: handle.jobId,
              runId,
              fraction: message.fraction,
              message: message.message,
            });
            break;
          default:
            break;
        }
      });
      const done = handle.done.then((outcome) => {
        settle(runId, outcome);
        return outcome;
      });
      active.set(runId, { handle, done });
      return { jobId: handle.jobId, done };
    },
    cancel(runId: number): boolean {
      const job = active.get(runId);
      if (!job) return false;
      job.handle.cancel();
      return true;
    },
    /** On shutdown: stop every job and mark its run interrupted (the app, not the user, ended it). */
    async shutdown(): Promise<void> {
      shuttingDown = true;
      const jobs = [...active.values()];
      for (const job of jobs) job.handle.cancel(1000);
      await Promise.all(jobs.map((job) => job.done));
    },
    get activeCount() {
      return active.size;
    },
  };
}
export type JobSupervisor = ReturnType<typeof createJobSupervisor>;
