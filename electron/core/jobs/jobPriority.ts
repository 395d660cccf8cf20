import { setPriority } from 'node:os';

/**
 * Job processes run below normal priority (nice 10 by default; `BENCHTOP_JOB_NICE` sets another,
 * 0 leaves them at main's). Jobs are long and throughput-bound; main answers the UI. With eight
 * training jobs on two cores, equal priority leaves main waiting for a core for tens of
 * milliseconds at a time; below normal, the scheduler gives main its slice first, and the jobs
 * still have every cycle main does not use.
 */
export function lowerJobPriority(pid: number | undefined, env = process.env): void {
  const nice = Number(env.BENCHTOP_JOB_NICE ?? 10);
  if (pid === undefined || !Number.isInteger(nice) || nice <= 0) return;
  try {
    setPriority(pid, Math.min(nice, 19));
  } catch {
    // Not permitted here (or the process already exited): the job runs at normal priority.
  }
}
