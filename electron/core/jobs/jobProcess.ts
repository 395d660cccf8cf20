import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { takeAhead } from './jobAhead.js';
import { forkJobWorker } from './jobSpawn.js';
import { FromJobWire, type FromJob, type AnyJob, type ToJob } from './protocol.js';

export type JobOutcome =
  | { kind: 'result'; metrics: Record<string, number> }
  | { kind: 'error'; message: string; user?: boolean }
  | { kind: 'cancelled' }
  | { kind: 'crashed'; message: string };

export interface JobHandle {
  jobId: string;
  pid: number | undefined;
  /** Asks the job to stop; kills it if it has not exited within `graceMs`. */
  cancel(graceMs?: number): void;
  done: Promise<JobOutcome>;
}

const STDERR_TAIL = 2000;

/**
 * Runs one job in its own process. Messages are validated; anything the process does wrong —
 * a bad message, a crash, a signal — ends in an outcome, never in an exception in main.
 */
export function startJob(job: AnyJob, onMessage: (message: FromJob) => void): JobHandle {
  // A job the CLI started ahead, if it is this one: adopted with what it said so far.
  const ahead = takeAhead(job);
  const jobId = ahead?.jobId ?? randomUUID();
  const child: ChildProcess = ahead?.child ?? forkJobWorker();
  let stderr = '';
  const onStderr = (chunk: Buffer | string) => {
    stderr = (stderr + chunk.toString()).slice(-STDERR_TAIL);
  };
  child.stderr?.on('data', onStderr);

  let settled: JobOutcome | undefined;
  let cancelRequested = false;
  let killTimer: NodeJS.Timeout | undefined;

  const done = new Promise<JobOutcome>((resolve) => {
    const onRaw = (raw: unknown) => {
      const parsed = FromJobWire.safeParse(raw);
      if (!parsed.success || parsed.data.some((m) => m.jobId !== jobId)) {
        settled ??= { kind: 'crashed', message: 'the job process sent a malformed message' };
        child.kill('SIGKILL');
        return;
      }
      for (const message of parsed.data) {
        if (message.type === 'result') settled ??= { kind: 'result', metrics: message.metrics };
        else if (message.type === 'error')
          settled ??= { kind: 'error', message: message.message, user: message.user === true };
        onMessage(message);
      }
    };
    child.on('message', onRaw);
    child.on('error', (e) => {
      settled ??= { kind: 'crashed', message: `could not run the job process: ${e.message}` };
      // 'exit' may never follow a failed spawn; settle now so the run cannot stay running.
      if (child.pid === undefined) resolve(settled);
    });
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(killTimer);
      if (!settled && cancelRequested) settled = { kind: 'cancelled' };
      if (!settled) {
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        const last = stderr.trim().split('\n').at(-1);
        settled = { kind: 'crashed', message: `the job process ${how}${last ? `: ${last}` : ''}` };
      }
      resolve(settled);
    };
    child.on('exit', onExit);
    for (const e of ahead?.early ?? []) {
      if ('message' in e) onRaw(e.message);
      else if ('stderr' in e) onStderr(e.stderr);
      else onExit(e.exit[0], e.exit[1] as NodeJS.Signals | null);
    }
  });

  const send = (message: ToJob) => {
    if (child.connected) child.send(message);
  };
  if (!ahead) send({ type: 'run', jobId, job });

  return {
    jobId,
    pid: child.pid,
    cancel(graceMs = 3000) {
      if (settled || cancelRequested) return;
      cancelRequested = true;
      send({ type: 'cancel', jobId });
      killTimer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    },
    done,
  };
}
