import { useState } from 'react';
import { byKind } from '../../../../shared/metricNames.js';
import { useDatasets } from '../../data/queries.js';
import { useModels, useVersionDetail } from '../../data/registryQueries.js';
import { navigate, type Route } from '../../data/route.js';
import { NotFound } from '../NotFound.js';
import { defaultMetric } from './lineageOrder.js';
import { MetricAcrossVersions } from './MetricAcrossVersions.js';
import { VersionDiffPanel } from './VersionDiffPanel.js';
import { VersionPanel } from './VersionPanel.js';
import { VersionTree } from './VersionTree.js';

type ModelRoute = Extract<Route, { view: 'model' }>;

/** A model: its version tree, a metric across versions, the picked version, and a diff of two. */
export function ModelView({ route }: { route: ModelRoute }) {
  const models = useModels();
  const datasets = useDatasets();
  const model = models.data?.find((m) => m.name === route.name);
  const [metricChoice, setMetric] = useState<string | null>(null);
  const detail = useVersionDetail(route.a);
  if (models.isPending) return <div className="view muted">Loading…</div>;
  if (!model) return <NotFound what={`Model ${route.name}`} />;

  const metrics = byKind(new Set(model.versions.flatMap((v) => Object.keys(v.metrics))));
  const metric = metricChoice ?? defaultMetric(model.versions);
  const label = (id: number) => `v${model.versions.find((v) => v.id === id)?.version ?? '?'}`;
  const pick = (id: number, compare: boolean) => {
    if (compare && route.a !== null && id !== route.a) navigate({ ...route, b: id });
    else navigate({ ...route, a: id, b: null });
  };

  return (
    <div className="view model-view">
      <header className="view-header">
        <p className="eyebrow">Model</p>
        <h1>{model.name}</h1>
        <p className="lead">
          {model.versions.length} version{model.versions.length === 1 ? '' : 's'}. Click a version
          to open it; shift-click a second to compare the two.
        </p>
      </header>
      <div className="dataset-body">
        <section className="panel" aria-labelledby="tree-heading">
          <div className="diff-heading">
            <h2 id="tree-heading">Versions</h2>
            {metrics.length > 0 && (
              <label className="inline-field">
                Metric{' '}
                <select
                  aria-label="Metric"
                  value={metric ?? ''}
                  onChange={(e) => setMetric(e.currentTarget.value)}
                >
                  {metrics.map((m) => (
                    <option key={m}>{m}</option>
                  ))}
                </select>
              </label>
            )}
          </div>
          <VersionTree
            versions={model.versions}
            datasets={datasets.data ?? []}
            metric={metric}
            a={route.a}
            b={route.b}
            onPick={pick}
          />
        </section>
        {metric && <MetricAcrossVersions versions={model.versions} metric={metric} />}
        {route.a !== null && route.b !== null && (
          <section className="panel" aria-labelledby="diff-heading">
            <h2 id="diff-heading">
              {label(route.a)} ↔ {label(route.b)}
            </h2>
            <VersionDiffPanel a={route.a} b={route.b} labels={[label(route.a), label(route.b)]} />
          </section>
        )}
        {route.a !== null && detail.data && (
          <section className="panel" aria-labelledby="version-heading">
            <h2 id="version-heading">
              {model.name} v{detail.data.version}
              {detail.data.note && <span className="muted"> — {detail.data.note}</span>}
            </h2>
            <VersionPanel
              key={`${detail.data.id}-${detail.data.card.length}-${detail.data.stage}`}
              v={detail.data}
            />
          </section>
        )}
      </div>
    </div>
  );
}
