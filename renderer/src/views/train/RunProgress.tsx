import type { Run } from '../../../../shared/domain.js';
import { useJobs, useRunProgress } from '../../data/trainingQueries.js';
import { formatBytes } from '../../lib/format.js';

const formatEta = (seconds: number): string =>
  seconds < 60
    ? `${Math.ceil(seconds)} s left`
    : `${Math.floor(seconds / 60)} min ${Math.ceil(seconds % 60)} s left`;

/** A live run's place in the queue, or its progress, ETA, CPU and memory while it trains. */
export function RunProgress({ run }: { run: Run }) {
  const active = run.status === 'queued' || run.status === 'running';
  const jobs = useJobs(active);
  const progress = useRunProgress(run.id);
  if (!active) return null;
  const job = jobs.data?.jobs.find((j) => j.runId === run.id);
  if (run.status === 'queued' || job?.state === 'queued') {
    return (
      <p className="run-progress" role="status">
        Queued{job?.position ? ` · position ${job.position}` : ''} ·{' '}
        {jobs.data ? `${jobs.data.limit} at a time` : ''}
      </p>
    );
  }
  const fraction = progress?.fraction ?? 0;
  return (
    <div className="run-progress" role="status" aria-label="Progress">
      <progress max={1} value={fraction} aria-label="Training progress" />
      <span>{progress ? progress.message : 'Starting…'}</span>
      {progress?.etaSeconds != null && <span>{formatEta(progress.etaSeconds)}</span>}
      {job?.cpuPercent != null && <span>CPU {Math.round(job.cpuPercent)}%</span>}
      {job?.rssBytes != null && <span>Memory {formatBytes(job.rssBytes)}</span>}
    </div>
  );
}
