import { useEffect, useState } from 'react';
import { useAutomationUpdates } from '../data/automationQueries.js';
import { useClient } from '../data/connection.js';

interface Notice {
  pipelineId: number;
  model: string;
  status: string;
  reason: string;
}

const TITLES: Record<string, string> = {
  finished: 'finished',
  waiting: 'waits for your approval',
  failed: 'failed',
  interrupted: 'was interrupted',
};

/** In-app notices when a pipeline ends (or waits for approval), wherever the user is in the app. */
export function PipelineNotices() {
  useAutomationUpdates();
  const client = useClient();
  const [notices, setNotices] = useState<Notice[]>([]);
  useEffect(
    () =>
      client.subscribe((e) => {
        if (e.type !== 'pipeline.status' || !TITLES[e.status]) return;
        setNotices((old) => [...old.filter((n) => n.pipelineId !== e.pipelineId), e].slice(-3));
      }),
    [client],
  );
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((n) => (
        <div
          key={n.pipelineId}
          className={`notice notice-${n.status}`}
          data-testid="pipeline-notice"
        >
          <a href="#/automation" className="notice-title">
            Pipeline #{n.pipelineId} for {n.model} {TITLES[n.status]}
          </a>
          <p>{n.reason}</p>
          <button
            type="button"
            className="notice-close"
            aria-label="Dismiss"
            onClick={() => setNotices((old) => old.filter((x) => x !== n))}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
