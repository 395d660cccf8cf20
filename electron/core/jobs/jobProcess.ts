import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { jobsOwnSession, lowerJobPriority } from './jobPriority.js';
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

/** From source (tests, tsx) the worker is TypeScript and needs tsx's loader; from dist it is plain JS. */
function workerEntry(): { path: string; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  const path = fileURLToPath(
    new URL(fromSource ? './jobWorker.ts' : './jobWorker.js', import.meta.url),
  );
  return { path, execArgv: fromSource ? ['--import', 'tsx'] : [] };
}

const STDERR_TAIL = 2000;

/**
 * Runs one job in its own process. Messages are validated; anything the process does wrong —
 * a bad message, a crash, a signal — ends in an outcome, never in an exception in main.
 */
export function startJob(job: AnyJob, onMessage: (message: FromJob) => void): JobHandle {
  const jobId = randomUUID();
  const { path, execArgv } = workerEntry();
  const child: ChildProcess = fork(path, [], {
    execArgv,
    serialization: 'advanced',
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    detached: jobsOwnSession(),
  });
  lowerJobPriority(child.pid);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-STDERR_TAIL);
  });
  child.stdout?.resume();

  let settled: JobOutcome | undefined;
  let cancelRequested = false;
  let killTimer: NodeJS.Timeout | undefined;

  const done = new Promise<JobOutcome>((resolve) => {
    child.on('message', (raw) => {
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
    });
    child.on('error', (e) => {
      settled ??= { kind: 'crashed', message: `could not run the job process: ${e.message}` };
      // 'exit' may never follow a failed spawn; settle now so the run cannot stay running.
      if (child.pid === undefined) resolve(settled);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(killTimer);
      if (!settled && cancelRequested) settled = { kind: 'cancelled' };
      if (!settled) {
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        const last = stderr.trim().split('\n').at(-1);
        settled = { kind: 'crashed', message: `the job process ${how}${last ? `: ${last}` : ''}` };
      }
      resolve(settled);
    });
  });

  const send = (message: ToJob) => {
    if (child.connected) child.send(message);
  };
  send({ type: 'run', jobId, job });

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
