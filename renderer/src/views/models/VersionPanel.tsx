import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { STAGES, type Stage, type VersionDetail } from '../../../../shared/api/registry.js';
import { byKind, KIND_LABEL, metricKind } from '../../../../shared/metricNames.js';
import { useClient } from '../../data/connection.js';
import { useDriftHistory } from '../../data/driftQueries.js';
import { hrefOf } from '../../data/route.js';
import { formatNumber, formatTime } from '../../lib/format.js';
import { messageOf } from '../../lib/messageOf.js';
import { ExportButton, modelExportChoices } from '../../components/ExportButton.js';

/** One version: lineage, aliases and stage with their actions, history, and the model card. */
export function VersionPanel({ v }: { v: VersionDetail }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const [stage, setStage] = useState<Stage>(v.stage);
  const [card, setCard] = useState(v.card);
  const drift = useDriftHistory(null, v.model);
  const checks = (drift.data ?? []).filter((d) => d.model_version_id === v.id);
  const refresh = () =>
    queryClient.invalidateQueries({
      predicate: (q) => String(q.queryKey[0]).startsWith('registry.'),
    });
  const act = useMutation({
    mutationFn: (action: 'promote' | 'rollback' | 'stage' | 'card') => {
      if (action === 'promote')
        return client.call('registry.promote', { model: v.model, version: v.version });
      if (action === 'rollback') return client.call('registry.rollback', { model: v.model });
      if (action === 'stage')
        return client.call('registry.stage', { model: v.model, version: v.version, to: stage });
      return client.call('registry.card', { id: v.id, card });
    },
    onSuccess: refresh,
  });

  return (
    <div className="version-panel" data-testid="version-panel">
      <p className="lineage" aria-label="Lineage">
        {v.dataset ? (
          v.dataset.id !== null ? (
            <a
              href={hrefOf({ view: 'dataset', id: v.dataset.id })}
            >{`${v.dataset.name} v${v.dataset.version}`}</a>
          ) : (
            `${v.dataset.name} v${v.dataset.version}`
          )
        ) : (
          'unknown data'
        )}
        {' → '}
        {v.run_id !== null ? (
          <a href={hrefOf({ view: 'run', id: v.run_id })}>run {v.run_id}</a>
        ) : (
          'imported run'
        )}
        {' → '}
        <strong>v{v.version}</strong>
        {v.children.length > 0 &&
          ` → ${v.children.length} child version${v.children.length === 1 ? '' : 's'}`}
      </p>
      <p className="lineage-drift">
        Drift checks against this version&apos;s training data:{' '}
        {checks.length === 0
          ? 'none yet (benchtop drift --model NAME)'
          : checks.map((d, i) => (
              <span key={d.id}>
                {i > 0 && ', '}
                <a href={hrefOf({ view: 'drift', reportId: d.id, reference: null, current: null })}>
                  #{d.id} {d.dataset_drift ? 'drift' : 'no drift'}
                </a>
              </span>
            ))}
      </p>
      <div className="version-actions">
        <span>
          Aliases: <strong>{v.aliases.length ? v.aliases.join(', ') : 'none'}</strong>
        </span>
        <button
          type="button"
          className="button primary"
          disabled={act.isPending || v.aliases.includes('champion')}
          onClick={() => act.mutate('promote')}
        >
          Make champion
        </button>
        <button
          type="button"
          className="button"
          disabled={act.isPending || v.rollback.to === null}
          title={v.rollback.to === null ? v.rollback.why_not : undefined}
          onClick={() => act.mutate('rollback')}
        >
          Roll back champion
        </button>
        <ExportButton choices={modelExportChoices(v.model, v.version)} />
        <label className="inline-field">
          Stage{' '}
          <select value={stage} onChange={(e) => setStage(e.currentTarget.value as Stage)}>
            {STAGES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button"
          disabled={act.isPending || stage === v.stage}
          onClick={() => act.mutate('stage')}
        >
          Set stage
        </button>
      </div>
      {act.isError && (
        <p className="form-error" role="alert">
          {messageOf(act.error)}
        </p>
      )}
      <div className="card-grid">
        <div>
          <h3>Model card</h3>
          <textarea
            className="card-editor"
            aria-label="Model card"
            value={card}
            rows={8}
            placeholder="Intended use, data, limitations… (Markdown)"
            onChange={(e) => setCard(e.currentTarget.value)}
          />
          <button
            type="button"
            className="button"
            disabled={act.isPending || card === v.card}
            onClick={() => act.mutate('card')}
          >
            Save card
          </button>
        </div>
        <div className="card-facts">
          <h3>Filled in by Benchtop</h3>
          <ul>
            {byKind(Object.keys(v.metrics)).map((k) => (
              <li key={k}>
                <span className="mono">{k}</span> {formatNumber(v.metrics[k]!)}
                <span className="muted small"> · {KIND_LABEL[metricKind(k)]}</span>
              </li>
            ))}
          </ul>
          <h3>History</h3>
          <ol className="history">
            {v.history.map((h, i) => (
              <li key={i}>
                {formatTime(h.at)} · {h.action} {h.detail}
                {h.reason && ` — ${h.reason}`}
              </li>
            ))}
          </ol>
        </div>
      </div>
    </div>
  );
}
