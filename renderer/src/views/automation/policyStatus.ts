import type { PipelineSummary } from '../../../../shared/api/automation.js';

const DOING: Record<string, string> = {
  import: 'importing the new data',
  drift: 'checking drift',
  train: 'retraining',
  evaluate: 'evaluating the challenger',
  register: 'registering the challenger',
  promote: 'deciding on promotion',
};

/** What the last "Check now" answered, and when (ms since the epoch). */
export interface LastCheck {
  message: string;
  at: number;
}

/**
 * The line under a policy: what is happening now wins over what the last check said. A check in
 * flight says so at once; a running pipeline of the policy's model says which step it is on; the
 * last check's answer ("no new data") shows only while nothing of the model is at work, and goes
 * once a pipeline started after it (the timer found data since).
 */
export function policyStatus(
  model: string,
  checking: boolean,
  lastCheck: LastCheck | null,
  pipelines: readonly PipelineSummary[],
): string | null {
  if (checking) return 'Checking for new data…';
  const mine = pipelines.filter((p) => p.model === model);
  const running = mine.find((p) => p.status === 'running');
  if (running) {
    const step = running.steps.find((s) => s.status === 'running');
    return `Pipeline #${running.id} is ${step ? DOING[step.name] : 'starting'}…`;
  }
  if (!lastCheck) return null;
  const newer = mine.some((p) => Date.parse(p.created_at) > lastCheck.at);
  return newer ? null : lastCheck.message;
}
