import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { isTrained, type Run } from '../../../shared/domain.js';
import { byKind, metricKind, type MetricKind } from '../../../shared/metricNames.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { ExportButton, runExportChoices } from '../components/ExportButton.js';
import { useClient } from '../data/connection.js';
import { keys, useDatasets, useRun } from '../data/queries.js';
import { useRunDetails } from '../data/trainingQueries.js';
import { hrefOf } from '../data/route.js';
import { formatNumber, formatTime } from '../lib/format.js';
import { messageOf } from '../lib/messageOf.js';
import { NotFound } from './NotFound.js';
import { RunCharts } from './RunCharts.js';
import { EvaluationCharts } from './train/EvaluationCharts.js';
import { RunProgress } from './train/RunProgress.js';
import { RunRecord } from './train/RunRecord.js';
import { RegisterForm } from './models/RegisterForm.js';
import { PARENT_TAG } from './explorer/runTree.js';
import { ChildRuns, ParentRunLink } from './run/ChildRuns.js';
import { FinalMetrics } from './run/FinalMetrics.js';
import { ParamsAndTags } from './run/ParamsAndTags.js';
import { RunDuration } from './run/RunDuration.js';
import './run/runPage.css';
import { taggedFacts } from './run/runFacts.js';
import { ArtifactsPanel } from './run/ArtifactsPanel.js';

/** Who made a run, in the words every view uses. */
export const SOURCE_LABEL: Record<Run['source'], string> = {
  benchtop: 'Benchtop',
  script: 'script',
  import: 'import',
};

const METRIC_GROUP: Record<MetricKind, string> = {
  test: 'Test split (held out, scored once after training)',
  cv: 'Cross-validation',
  validation: 'Validation (last epoch)',
  training: 'Training (last epoch)',
  system: 'System (last value)',
};

const isActive = (run: Run): boolean => run.status === 'queued' || run.status === 'running';

const display = (value: unknown): string =>
  typeof value === 'number' ? formatNumber(value) : value === null ? '—' : String(value);

/** One run: what it trained, how it went (live while it runs), and how it ended. */
export function RunView({ id }: { id: number }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const run = useRun(id);
  // Tags and uid; under the run's key, so whatever refreshes the run refreshes them.
  const tracked = useQuery({
    queryKey: [...keys.run(id), 'tracked'],
    queryFn: async () => (await client.call('runs.tracked', { ids: [id] }))[0] ?? null,
  });
  const datasets = useDatasets();
  const cancel = useMutation({
    mutationFn: () => client.call('jobs.cancel', { runId: id }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.run(id) }),
  });

  if (run.isPending) return <div className="view muted">Loading…</div>;
  if (run.isError) return <NotFound what={`Run ${id}`} />;
  const r = run.data;
  const metricKeys = Object.keys(r.metrics);
  const dataset = datasets.data?.find((d) => d.id === r.dataset_id);
  // Test split first, then cross-validation, validation and training (last epoch): each under its own heading.
  const metricRows = byKind(Object.keys(r.metrics)).map(
    (name) => [name, formatNumber(r.metrics[name]!), METRIC_GROUP[metricKind(name)]] as const,
  );
  const paramRows = Object.entries(r.params)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => ({ name, text: display(value) }));
  const tags = tracked.data?.tags ?? {};
  const tagRows = tracked.data
    ? Object.entries(tags)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, text]) => ({ name, text }))
    : undefined;
  const parentRunId = tags[PARENT_TAG]?.trim();

  return (
    <div className="view">
      <header className="view-header">
        <p className="eyebrow">Run #{r.id}</p>
        <div className="title-row">
          <h1>{r.name}</h1>
          <StatusBadge status={r.status} />
          <ExportButton choices={runExportChoices([r.id])} />
          {isActive(r) && (
            <button
              type="button"
              className="button"
              disabled={cancel.isPending}
              onClick={() => cancel.mutate()}
            >
              Cancel
            </button>
          )}
        </div>
        <dl className="facts">
          <Fact name="Experiment">{r.experiment}</Fact>
          <Fact name="Source">{SOURCE_LABEL[r.source]}</Fact>
          {taggedFacts(tags).map((f) => (
            <Fact key={f.tag} name={f.label}>
              {f.tag === 'mlflow.source.git.commit' ? (
                <code title={f.value}>{f.value.slice(0, 10)}</code>
              ) : (
                <span className="fact-text" title={f.value}>
                  {f.value}
                </span>
              )}
            </Fact>
          ))}
          {parentRunId && (
            <Fact name="Parent run">
              <ParentRunLink parentRunId={parentRunId} />
            </Fact>
          )}
          {r.model !== null && <Fact name="Model">{r.model}</Fact>}
          {r.task !== null && <Fact name="Task">{r.task}</Fact>}
          {r.target !== null && <Fact name="Target">{r.target}</Fact>}
          {r.backend !== null && <Fact name="Backend">{r.backend}</Fact>}
          {r.dataset_id !== null && (
            <Fact name="Dataset">
              <a href={hrefOf({ view: 'dataset', id: r.dataset_id })}>
                {dataset ? `${dataset.name} v${dataset.version}` : `#${r.dataset_id}`}
              </a>
            </Fact>
          )}
          <Fact name="Started">{formatTime(r.started_at ?? r.created_at)}</Fact>
          <Fact name="Ended">{formatTime(r.ended_at)}</Fact>
          <RunDuration run={r} label={Fact} />
        </dl>
      </header>
      {r.error && (
        <p className="run-error" title={r.error}>
          <strong>{r.status === 'failed' ? 'Failed' : 'Stopped'}:</strong> {r.error}
        </p>
      )}
      {cancel.isError && <p className="run-error">{messageOf(cancel.error)}</p>}
      {isTrained(r) && (r.status === 'finished' || r.status === 'failed') && <RunAdvice run={r} />}
      <RunProgress run={r} />
      <RunCharts
        runId={r.id}
        runName={r.name}
        metricKeys={metricKeys}
        active={isActive(r)}
        stepLabel={r.source === 'benchtop' ? 'epoch' : 'step'}
      />
      {tracked.data && <ChildRuns run={tracked.data} name={r.name} />}
      <div className="run-tables">
        <FinalMetrics
          rows={metricRows}
          empty={isActive(r) ? 'Available when the run ends.' : 'No metrics were recorded.'}
        />
        <ParamsAndTags params={paramRows} tags={tagRows} />
      </div>
      <ArtifactsPanel runId={r.id} />
      <EvaluationCharts run={r} />
      <RunRecord run={r} />
      {r.status === 'finished' && (
        <section className="panel register-panel" aria-labelledby="register-heading">
          <h2 id="register-heading">Register as a model version</h2>
          <RegisterForm
            run={r}
            defaultName={dataset ? `${dataset.name}-${r.model ?? r.name}` : (r.model ?? r.name)}
          />
        </section>
      )}
    </div>
  );
}

/** What went wrong with a trained run and what to try, as the core words it (the CLI prints the same lines). */
function RunAdvice({ run }: { run: Run }) {
  const details = useRunDetails(run.id, run.status);
  const advice = details.data?.advice ?? [];
  if (advice.length === 0) return null;
  return (
    <ul className="run-advice" aria-label="Advice">
      {advice.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

function Fact({ name, children }: { name: string; children: ReactNode }) {
  return (
    <div>
      <dt>{name}</dt>
      <dd>{children}</dd>
    </div>
  );
}
