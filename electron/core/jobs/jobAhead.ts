import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { AnyJob } from './protocol.js';
import { forkJobWorker } from './jobSpawn.js';

/**
 * A job started before the core has loaded (the CLI's `import` forks it while the ~0.25 s of core
 * modules load), kept aside until `startJob` asks for the same job and adopts it with everything
 * it said so far. Nothing it reports counts until then: a job never adopted is cancelled.
 */
export interface AheadJob {
  child: ChildProcess;
  jobId: string;
  /** Messages, stderr and the exit, in order, from before the adoption. */
  early: Array<
    { message: unknown } | { stderr: string } | { exit: [number | null, string | null] }
  >;
}

let ahead: (AheadJob & { key: string }) | undefined;

/** The job's identity: its fields in a fixed order, so two specs built alike compare equal. */
const keyOf = (job: AnyJob): string =>
  JSON.stringify(job, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );

/** Forks a job process and hands it `job` now; a second start while one waits is ignored. */
export function startAhead(job: AnyJob): void {
  if (ahead) return;
  const child = forkJobWorker();
  const early: AheadJob['early'] = [];
  const jobId = randomUUID();
  child.on('message', (message) => early.push({ message }));
  child.stderr?.on('data', (chunk: Buffer) => early.push({ stderr: chunk.toString() }));
  child.on('exit', (code, signal) => early.push({ exit: [code, signal] }));
  child.on('error', () => {}); // a failed fork: the job is simply started again when asked
  if (child.connected) child.send({ type: 'run', jobId, job });
  ahead = { child, jobId, early, key: keyOf(job) };
}

/**
 * The job started ahead, if it is exactly `job` (its listeners removed: the caller attaches its
 * own, then replays `early`); else undefined, and one started ahead for another job is cancelled.
 */
export function takeAhead(job: AnyJob): AheadJob | undefined {
  if (!ahead) return undefined;
  const { key, ...taken } = ahead;
  if (key !== keyOf(job) || taken.child.pid === undefined) {
    void discardAhead();
    return undefined;
  }
  ahead = undefined;
  taken.child.removeAllListeners('message');
  taken.child.removeAllListeners('exit');
  taken.child.removeAllListeners('error');
  taken.child.stderr?.removeAllListeners('data');
  return taken;
}

/** The process of the job waiting to be adopted, if any. */
export const aheadPid = (): number | undefined => ahead?.child.pid;

/** Cancels a job started ahead that nobody adopted (it cleans up as any cancelled job), then SIGKILL after `graceMs`. */
export async function discardAhead(graceMs = 3000): Promise<void> {
  const left = ahead;
  ahead = undefined;
  if (!left) return;
  const { child, jobId, early } = left;
  if (early.some((e) => 'exit' in e) || child.exitCode !== null || child.signalCode !== null)
    return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.connected) child.send({ type: 'cancel', jobId });
  else child.kill('SIGKILL');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
