import type { RunStatus } from '../../../shared/domain.js';

/** A run's status as a small coloured pill; live statuses pulse. */
export function StatusBadge({ status }: { status: RunStatus }) {
  return <span className={`status-badge status-${status}`}>{status}</span>;
}
