import type { RunStatus } from '../../../shared/domain.js';

/** A run's status as a small coloured pill; a running one has a pulsing dot. */
export function StatusBadge({ status }: { status: RunStatus }) {
  return <span className={`status-badge status-${status}`}>{status}</span>;
}
