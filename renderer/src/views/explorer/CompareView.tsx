import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { MAX_SERIES_RUNS, type XAxis } from '../../../../shared/api/runRecords.js';
import { isCurveKind, metricKind } from '../../../../shared/metricNames.js';
import { useClient } from '../../data/connection.js';
import { hrefOf } from '../../data/route.js';
import { messageOf } from '../../lib/messageOf.js';
import { CompareChart, type ChartOptions } from './CompareChart.js';
import { explorerKeys, useRefreshOnStatus } from './explorerData.js';
import './explorer.css';
import { MetricSummary } from './MetricSummary.js';
import { ParallelCoordinates } from './ParallelCoordinates.js';
import { ParamDiffTable } from './ParamDiffTable.js';
import { ParamScatter } from './ParamScatter.js';
import { ExportButton, runExportChoices } from '../../components/ExportButton.js';
import { ImageCompare } from './ImageCompare.js';

/** Charts draw at most this many runs at once (the view says so); tables show them all. */
const DRAWN_RUNS = Math.min(100, MAX_SERIES_RUNS);
const LOSS_FIRST = (a: string, b: string) =>
  Number(/loss/.test(b)) - Number(/loss/.test(a)) || a.localeCompare(b);

/** Runs side by side: overlaid metric charts, param diff, metric summary and param plots. */
export function CompareView({ ids }: { ids: number[] }) {
  const client = useClient();
  useRefreshOnStatus(ids);
  const table = useQuery({
    queryKey: [...explorerKeys.table, 'ids', ids.join(',')],
    queryFn: () => client.call('runs.table', { ids }),
  });
  const comparison = useQuery({
    queryKey: explorerKeys.compare(ids),
    queryFn: () => client.call('runs.compare', { ids }),
    enabled: ids.length > 0,
  });
  const [options, setOptions] = useState<ChartOptions>({
    xAxis: 'step',
    logY: false,
    smoothing: 0,
    ignoreOutliers: false,
    envelope: true,
  });
  const set = <K extends keyof ChartOptions>(k: K, v: ChartOptions[K]) =>
    setOptions((o) => ({ ...o, [k]: v }));
  const runs = useMemo(() => table.data ?? [], [table.data]);
  const names = useMemo(() => new Map(runs.map((r) => [r.id, r.name])), [runs]);
  const drawnIds = ids.slice(0, DRAWN_RUNS);
  const metrics = useMemo(
    () => [...new Set(runs.flatMap((r) => Object.keys(r.metrics)))].sort(LOSS_FIRST),
    [runs],
  );
  const numericParams = useMemo(
    () =>
      (comparison.data?.differing_params ?? []).filter((p) =>
        runs.some((r) => typeof r.params[p] === 'number'),
      ),
    [comparison.data, runs],
  );
  const [plotMetric, setPlotMetric] = useState<string | null>(null);
  const [scatterParam, setScatterParam] = useState<string | null>(null);
  // A test-split metric plots one number per run; a curve's chart needs more than one point.
  const charted = useMemo(
    () =>
      metrics.filter((m) => {
        if (isCurveKind(metricKind(m))) return true;
        return Object.values(comparison.data?.metrics[m] ?? {}).some((s) => s.min !== s.max);
      }),
    [metrics, comparison.data],
  );
  const metric =
    plotMetric ??
    metrics.find((m) => m === 'test_accuracy') ??
    metrics.find((m) => /val_acc/.test(m)) ??
    metrics[0] ??
    '';
  const param = scatterParam ?? numericParams[0] ?? '';

  return (
    <div className="view explorer compare">
      <header className="view-header">
        <p className="eyebrow">
          <a href={hrefOf({ view: 'explorer' })}>Runs</a> / Compare
        </p>
        <div className="title-row">
          <h1>Compare {ids.length.toLocaleString()} runs</h1>
          {ids.length <= 50 && <ExportButton choices={runExportChoices(ids)} />}
        </div>
        {ids.length > DRAWN_RUNS && (
          <p className="notice" role="status">
            Charts draw the first {DRAWN_RUNS} of {ids.length.toLocaleString()} runs; the tables
            below show them all.
          </p>
        )}
        <div className="chart-controls" role="group" aria-label="Chart options">
          <label className="inline-field">
            <span>X axis</span>
            <select
              aria-label="X axis"
              value={options.xAxis}
              onChange={(e) => set('xAxis', e.target.value as XAxis)}
            >
              <option value="step">Step (epoch)</option>
              <option value="relative">Relative time</option>
              <option value="time">Wall time</option>
            </select>
          </label>
          <label className="inline-field">
            <input
              type="checkbox"
              checked={options.logY}
              onChange={(e) => set('logY', e.target.checked)}
            />
            <span>Log y</span>
          </label>
          <label className="inline-field smoothing">
            <span>Smoothing</span>
            <input
              type="range"
              aria-label="Smoothing"
              min={0}
              max={0.99}
              step={0.01}
              value={options.smoothing}
              onChange={(e) => set('smoothing', Number(e.target.value))}
            />
            <output className="num">{options.smoothing.toFixed(2)}</output>
          </label>
          <label className="inline-field">
            <input
              type="checkbox"
              checked={options.ignoreOutliers}
              onChange={(e) => set('ignoreOutliers', e.target.checked)}
            />
            <span>Ignore outliers</span>
          </label>
          <label className="inline-field">
            <input
              type="checkbox"
              checked={options.envelope}
              onChange={(e) => set('envelope', e.target.checked)}
            />
            <span>Min/max envelope</span>
          </label>
          <span className="muted small">Drag across a chart to zoom; double-click to reset.</span>
        </div>
      </header>
      {table.isError && <p className="run-error">{messageOf(table.error)}</p>}
      {comparison.isError && <p className="run-error">{messageOf(comparison.error)}</p>}
      <div className="chart-grid">
        {charted.map((m) => (
          <CompareChart key={m} metric={m} ids={drawnIds} names={names} {...options} />
        ))}
      </div>
      <ImageCompare ids={drawnIds} names={names} />
      {comparison.data && (
        <>
          <ParamDiffTable comparison={comparison.data} ids={ids} names={names} />
          <MetricSummary comparison={comparison.data} ids={ids} names={names} />
          {metric && numericParams.length > 0 && (
            <section className="panel compare-panel" aria-labelledby="plots-heading">
              <div className="panel-head">
                <h2 id="plots-heading">Params against a metric</h2>
                <label className="inline-field">
                  <span>Metric</span>
                  <select
                    aria-label="Plot metric"
                    value={metric}
                    onChange={(e) => setPlotMetric(e.target.value)}
                  >
                    {metrics.map((m) => (
                      <option key={m}>{m}</option>
                    ))}
                  </select>
                </label>
                <label className="inline-field">
                  <span>Scatter x</span>
                  <select
                    aria-label="Scatter param"
                    value={param}
                    onChange={(e) => setScatterParam(e.target.value)}
                  >
                    {numericParams.map((p) => (
                      <option key={p}>{p}</option>
                    ))}
                  </select>
                </label>
              </div>
              <ParallelCoordinates runs={runs} params={numericParams.slice(0, 8)} metric={metric} />
              <ParamScatter runs={runs} param={param} metric={metric} />
            </section>
          )}
        </>
      )}
    </div>
  );
}
