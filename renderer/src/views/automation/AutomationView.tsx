import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  formatEvery,
  type PipelineSummary,
  type Policy,
} from '../../../../shared/api/automation.js';
import {
  automationKeys,
  useAutomationUpdates,
  usePipelines,
  usePolicies,
} from '../../data/automationQueries.js';
import { useClient } from '../../data/connection.js';
import { formatTime } from '../../lib/format.js';
import { messageOf } from '../../lib/messageOf.js';
import { PipelineCard } from './PipelineCard.js';
import { PolicyForm } from './PolicyForm.js';
import { policyStatus, type LastCheck } from './policyStatus.js';

function PolicyRow({
  policy: p,
  pipelines,
  onEdit,
}: {
  policy: Policy;
  pipelines: readonly PipelineSummary[];
  onEdit: () => void;
}) {
  const client = useClient();
  const queryClient = useQueryClient();
  const [note, setNote] = useState<LastCheck | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: automationKeys.policies });
  const toggle = useMutation({
    mutationFn: () =>
      client.call('automation.updatePolicy', {
        id: p.id,
        enabled: !p.enabled || p.paused_reason !== null,
      }),
    onSettled: refresh,
  });
  const check = useMutation({
    mutationFn: () => client.call('automation.checkNow', { id: p.id }),
    onMutate: () => setNote(null),
    onSuccess: (r) => setNote({ message: r.message, at: Date.now() }),
    onSettled: async () => {
      await refresh();
      await queryClient.invalidateQueries({ queryKey: automationKeys.pipelines });
    },
  });
  const state = !p.enabled ? 'disabled' : p.paused_reason ? 'paused' : 'enabled';
  const error = toggle.error ?? check.error;
  const status = policyStatus(p.model, check.isPending, note, pipelines);
  return (
    <li className="policy-row" data-testid={`policy-${p.id}`}>
      <div className="policy-main">
        <strong>{p.model}</strong> <span className={`status-badge policy-${state}`}>{state}</span>
        <span className="muted">
          {' '}
          {p.trigger} trigger · {p.strategy} · {p.metric ?? 'default metric'}, margin {p.margin} ·{' '}
          {p.auto_promote ? 'auto-promote' : 'approval needed'}
          {p.every_seconds ? ` · every ${formatEvery(p.every_seconds)}` : ''}
        </span>
        <div className="muted">
          {p.watch_dir ? `watches ${p.watch_dir}` : 'no folder'}
          {p.dataset ? ` → dataset ${p.dataset}` : ''} · last checked{' '}
          {formatTime(p.last_checked_at)}
        </div>
        {p.paused_reason && (
          <p className="form-error" role="status" data-testid="policy-paused">
            Paused: {p.paused_reason}
          </p>
        )}
        {status && (
          <p className="muted" role="status" data-testid="policy-status">
            {status}
          </p>
        )}
        {error && (
          <p className="form-error" role="alert">
            {messageOf(error)}
          </p>
        )}
      </div>
      <div className="policy-actions">
        <button type="button" className="button" onClick={onEdit}>
          Edit
        </button>
        <button
          type="button"
          className="button"
          disabled={toggle.isPending}
          onClick={() => toggle.mutate()}
        >
          {state === 'enabled' ? 'Disable' : 'Enable'}
        </button>
        <button
          type="button"
          className="button"
          disabled={check.isPending || (!p.watch_dir && !p.dataset)}
          onClick={() => check.mutate()}
        >
          {check.isPending ? 'Checking…' : 'Check now'}
        </button>
      </div>
    </li>
  );
}

/** Continuous training: policies per model, and every pipeline run as a timeline of its steps. */
export function AutomationView() {
  useAutomationUpdates();
  const policies = usePolicies();
  const pipelines = usePipelines();
  const [editing, setEditing] = useState<Policy | 'new' | null>(null);
  return (
    <div className="view automation-view">
      <header className="view-header">
        <p className="eyebrow">Automation</p>
        <h1>Retrain when the data drifts or the model decays</h1>
      </header>
      <div className="dataset-body">
        <section className="panel" aria-labelledby="policies-heading">
          <h2 id="policies-heading">Policies</h2>
          {policies.isError && <p className="form-error">{messageOf(policies.error)}</p>}
          {policies.data?.length === 0 && (
            <p className="muted">
              No policies yet. A policy watches a folder or a dataset for one registered model.
            </p>
          )}
          <ul className="policy-list">
            {policies.data?.map((p) => (
              <PolicyRow
                key={p.id}
                policy={p}
                pipelines={pipelines.data ?? []}
                onEdit={() => setEditing(p)}
              />
            ))}
          </ul>
          {editing === null ? (
            <button type="button" className="button primary" onClick={() => setEditing('new')}>
              New policy
            </button>
          ) : (
            <PolicyForm
              key={editing === 'new' ? 'new' : editing.id}
              editing={editing === 'new' ? null : editing}
              onDone={() => setEditing(null)}
            />
          )}
        </section>
        <section className="panel" aria-labelledby="pipelines-heading">
          <h2 id="pipelines-heading">Pipeline runs</h2>
          {pipelines.data?.length === 0 && (
            <p className="muted">
              None yet. Drop a file into a watched folder, press Check now, or run{' '}
              <code>benchtop pipeline run --model NAME --data FILE</code>.
            </p>
          )}
          <div className="pipeline-list">
            {pipelines.data?.map((p) => (
              <PipelineCard key={p.id} pipeline={p} />
            ))}
          </div>
        </section>
      </div>
    </div>
  );
}
