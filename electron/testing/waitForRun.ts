import { TERMINAL_STATUSES, type RunStatus } from '../../shared/domain.js';
import type { Core } from '../core/core.js';

/** Resolves with the run's terminal status (subscribe before the job can report). */
export function waitForRunEnd(core: Core, runId: number): Promise<RunStatus> {
  return new Promise((resolve) => {
    const current = core.store.runs.get(runId)?.status;
    if (current && TERMINAL_STATUSES.includes(current)) return resolve(current);
    const stop = core.events.subscribe((e) => {
      if (e.type === 'run.status' && e.runId === runId && TERMINAL_STATUSES.includes(e.status)) {
        stop();
        resolve(e.status);
      }
    });
  });
}
