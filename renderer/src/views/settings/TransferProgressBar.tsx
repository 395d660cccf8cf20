import type { TransferProgress } from '../../../../shared/api/transferProgress.js';
import { formatBytes } from './formatBytes.js';

/** Files and bytes done of the total, while a backup, export or import runs. */
export function TransferProgressBar({
  progress,
  label,
}: {
  progress: TransferProgress | null;
  label: string;
}) {
  const total = progress?.total_bytes ?? 0;
  const done = Math.min(progress?.bytes ?? 0, total);
  return (
    <div className="transfer-progress" role="status" aria-label={label}>
      <progress value={total ? done : undefined} max={total || undefined} />
      <span>
        {!progress
          ? 'Starting…'
          : progress.total_files > 0
            ? `${progress.files} of ${progress.total_files} files · ${formatBytes(done)} of ${formatBytes(total)}`
            : `${formatBytes(done)} of ${formatBytes(total)} read`}
      </span>
    </div>
  );
}
