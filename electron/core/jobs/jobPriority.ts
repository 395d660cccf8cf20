import { writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The nice value job processes get (`BENCHTOP_JOB_NICE`, 10 by default); 0 leaves them as main. */
const jobNice = (env: NodeJS.ProcessEnv): number => {
  const nice = Number(env.BENCHTOP_JOB_NICE ?? 10);
  return Number.isInteger(nice) && nice > 0 ? Math.min(nice, 19) : 0;
};

/**
 * Whether a job process starts in a session of its own (fork's `detached`, i.e. setsid). On Linux
 * with autogroup scheduling, the CPU is shared between sessions first: a job in main's session
 * keeps that session always busy, so when main wakes its session has used up its share and main
 * waits behind other sessions' work. In their own sessions (lowered like the jobs themselves),
 * the jobs no longer spend main's share.
 */
export function jobsOwnSession(env = process.env, platform = process.platform): boolean {
  return platform === 'linux' && jobNice(env) > 0;
}

/**
 * Job processes run below normal priority (nice 10 by default; `BENCHTOP_JOB_NICE` sets another,
 * 0 leaves them at main's). Jobs are long and throughput-bound; main answers the UI. With eight
 * training jobs on two cores, equal priority leaves main waiting for a core for tens of
 * milliseconds at a time; below normal, the scheduler gives main its slice first, and the jobs
 * still have every cycle main does not use. A job in its own session (jobsOwnSession) gets the
 * same nice for that session's autogroup.
 */
export function lowerJobPriority(pid: number | undefined, env = process.env): void {
  const nice = jobNice(env);
  if (pid === undefined || nice === 0) return;
  try {
    setPriority(pid, nice);
    if (jobsOwnSession(env)) writeFileSync(`/proc/${pid}/autogroup`, String(nice));
  } catch {
    // Not permitted here, no autogroup (or the process already exited): the job keeps what it has.
  }
}
