import { useEffect, useState } from 'react';
import { useAutomationUpdates } from '../data/automationQueries.js';
import { useClient } from '../data/connection.js';
import {
  addNotice,
  dismissNotice,
  loadNotices,
  saveNotices,
  type NoticeState,
} from './pipelineNoticeState.js';

const storage = (): Storage | undefined => {
  try {
    return window.localStorage;
  } catch {
    return undefined; // storage disabled: notices last until the page reloads
  }
};

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
  const [state, setState] = useState<NoticeState>(() => loadNotices(storage()));
  useEffect(() => saveNotices(storage(), state), [state]);
  useEffect(
    () =>
      client.subscribe((e) => {
        if (e.type !== 'pipeline.status' || !TITLES[e.status]) return;
        const { pipelineId, model, status, reason } = e;
        setState((old) => addNotice(old, { pipelineId, model, status, reason }));
      }),
    [client],
  );
  const notices = state.shown;
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
            onClick={() => setState((old) => dismissNotice(old, n))}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
