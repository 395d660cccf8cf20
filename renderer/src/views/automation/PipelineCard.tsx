import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PipelineSummary } from '../../../../shared/api/automation.js';
import { automationKeys } from '../../data/automationQueries.js';
import { useClient } from '../../data/connection.js';
import { hrefOf } from '../../data/route.js';
import { formatNumber, formatTime } from '../../lib/format.js';
import { messageOf } from '../../lib/messageOf.js';

const seconds = (from: string | null, to: string | null): string => {
  if (!from || !to) return '';
  const s = (Date.parse(to) - Date.parse(from)) / 1000;
  return s < 1 ? '<1 s' : `${s.toFixed(s < 10 ? 1 : 0)} s`;
};

/** One pipeline run: its steps as a timeline, its links, and approve/reject while it waits. */
export function PipelineCard({ pipeline: p }: { pipeline: PipelineSummary }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const act = useMutation({
    mutationFn: (action: 'approve' | 'reject' | 'resume') =>
      action === 'resume'
        ? client.call('automation.resume', { id: p.id, wait: false })
        : client.call(`automation.${action}`, { id: p.id, reason: '' }),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: automationKeys.pipelines });
      await queryClient.invalidateQueries({ queryKey: ['registry.models'] });
    },
  });
  const ev = p.evaluation;
  return (
    <article
      className={`pipeline-card pipeline-${p.status}`}
      aria-label={`Pipeline ${p.id}`}
      data-testid={`pipeline-${p.id}`}
    >
      <header className="pipeline-head">
        <h3>
          Pipeline #{p.id} · {p.model}
        </h3>
        <span className={`status-badge pipeline-status-${p.status}`}>{p.status}</span>
        <span className="muted">
          {p.source} · {p.trigger} trigger · {formatTime(p.created_at)}
        </span>
      </header>
      <p className="pipeline-reason" data-testid="pipeline-reason">
        {p.reason}
      </p>
      <ol className="pipeline-steps">
        {p.steps.map((s) => (
          <li key={s.name} className={`pipeline-step step-${s.status}`}>
            <span className="step-dot" aria-hidden="true" />
            <span className="step-name">{s.name}</span>
            <span className="step-status">{s.status}</span>
            <span className="step-time muted">{seconds(s.started_at, s.ended_at)}</span>
            {s.detail && <span className="step-detail">{s.detail}</span>}
          </li>
        ))}
      </ol>
      <p className="pipeline-links">
        {p.drift_report_id !== null && (
          <a
            href={hrefOf({
              view: 'drift',
              reportId: p.drift_report_id,
              reference: null,
              current: null,
            })}
          >
            Drift report #{p.drift_report_id}
          </a>
        )}
        {p.dataset_id !== null && (
          <a href={hrefOf({ view: 'dataset', id: p.dataset_id })}>New data</a>
        )}
        {p.run_id !== null && (
          <a href={hrefOf({ view: 'run', id: p.run_id })}>Retraining run {p.run_id}</a>
        )}
        {p.candidate_version_id !== null && (
          <a
            href={hrefOf({
              view: 'model',
              name: p.model,
              a: p.candidate_version_id,
              b: p.champion_version_id,
            })}
          >
            Challenger version (in the tree)
          </a>
        )}
        {ev && (
          <span className="muted">
            {ev.metric} on {ev.holdout_rows} holdout rows: challenger{' '}
            {ev.challenger === null ? '—' : formatNumber(ev.challenger)} · champion{' '}
            {ev.champion === null ? '—' : formatNumber(ev.champion)}
          </span>
        )}
      </p>
      {(p.status === 'waiting' || p.status === 'interrupted') && (
        <div className="form-actions">
          {p.status === 'waiting' ? (
            <>
              <button
                type="button"
                className="button primary"
                disabled={act.isPending}
                onClick={() => act.mutate('approve')}
              >
                Approve: promote to champion
              </button>
              <button
                type="button"
                className="button"
                disabled={act.isPending}
                onClick={() => act.mutate('reject')}
              >
                Reject: keep as challenger
              </button>
            </>
          ) : (
            <button
              type="button"
              className="button"
              disabled={act.isPending}
              onClick={() => act.mutate('resume')}
            >
              Resume
            </button>
          )}
          {act.isError && (
            <p className="form-error" role="alert">
              {messageOf(act.error)}
            </p>
          )}
        </div>
      )}
    </article>
  );
}
