/**
 * A CLI command's jobs are what its user is waiting for, so they keep the command's own priority
 * and session (BENCHTOP_JOB_NICE=0, see core/jobs/jobPriority.ts) unless the user set
 * BENCHTOP_JOB_NICE. `serve` answers a UI: its jobs stay below it, as in the desktop app.
 */
export function cliJobPriority(command: string, env: NodeJS.ProcessEnv): void {
  if (command !== 'serve' && env.BENCHTOP_JOB_NICE === undefined) env.BENCHTOP_JOB_NICE = '0';
}
