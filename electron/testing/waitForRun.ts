import type { RunStatus } from '../../shared/domain.js';
import type { CoreHandle } from '../core/core.js';

/** Resolves with the run's terminal status (runs.wait: it looks at the store first, so no status change is missed). */
export async function waitForRunEnd(
  core: Pick<CoreHandle, 'call'>,
  runId: number,
): Promise<RunStatus> {
  const { runs } = await core.call('runs.wait', { ids: [runId] });
  return runs[0]!.status;
}
