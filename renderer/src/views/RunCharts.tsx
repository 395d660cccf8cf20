import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useClient } from '../data/connection.js';
import { METRIC_ABOUT, metricPanels, type MetricPanel } from '../lib/metricGroups.js';
import { ChartControls, DEFAULT_CHART_OPTIONS } from './explorer/ChartControls.js';
import { CompareChart, type ChartOptions } from './explorer/CompareChart.js';
import './explorer/explorer.css';
import { useLiveRunSeries } from './run/useLiveRunSeries.js';
import { useSeenOnce } from './run/useInView.js';

/** Charts an open panel mounts at first; the rest on "Show more" (each fetches only once in view). */
const FIRST_CHARTS = 12;
const MORE_CHARTS = 48;
/** A chart's height in the grid, two to a row on a laptop: a panel's room before it mounts. */
const CHART_ROW_PX = 280;
/** runs.series takes at most this many keys per request. */
const KEYS_PER_REQUEST = 50;

interface RunChartsProps {
  runId: number;
  runName: string;
  /** Every metric key the run has (its latest values' keys): no history is fetched to list them. */
  metricKeys: readonly string[];
  active: boolean;
  /** Benchtop's own runs count epochs; a script's steps are whatever it logged them as. */
  stepLabel?: 'epoch' | 'step';
}

/**
 * Every metric of a run, in panels by prefix (`train/…`, `val/…`, `system/…`, then keys without
 * one), drawn with the compare view's chart and options. A chart asks for its points when it
 * scrolls into view, so a run with a thousand keys opens as fast as one with three.
 */
export function RunCharts({
  runId,
  runName,
  metricKeys,
  active,
  stepLabel = 'epoch',
}: RunChartsProps) {
  const [options, setOptions] = useState<ChartOptions>(DEFAULT_CHART_OPTIONS);
  const keyList = metricKeys.join('\n');
  const panels = useMemo(() => metricPanels(keyList ? keyList.split('\n') : []), [keyList]);
  const names = useMemo(() => new Map([[runId, runName]]), [runId, runName]);
  useLiveRunSeries(runId, active);
  if (panels.length === 0) {
    return (
      <div className="charts charts-empty muted">
        {active ? `Waiting for the first ${stepLabel}…` : 'This run recorded no metrics.'}
      </div>
    );
  }
  return (
    <section className="run-charts" aria-label="Metric charts">
      <ChartControls
        options={options}
        onChange={(k, v) => setOptions((o) => ({ ...o, [k]: v }))}
        stepLabel={stepLabel === 'epoch' ? 'Epoch' : 'Step'}
      />
      {panels.map((panel) => (
        <MetricPanelView
          key={panel.prefix}
          panel={panel}
          runId={runId}
          names={names}
          options={options}
        />
      ))}
    </section>
  );
}

function MetricPanelView({
  panel,
  runId,
  names,
  options,
}: {
  panel: MetricPanel;
  runId: number;
  names: ReadonlyMap<number, string>;
  options: ChartOptions;
}) {
  const [open, setOpen] = useState(true);
  const [limit, setLimit] = useState(FIRST_CHARTS);
  // A panel far below the fold mounts its charts only when scrolled near: a run with a thousand
  // keys lays out a screenful, not every panel.
  const [ref, seen] = useSeenOnce<HTMLElement>();
  const curves = useCurvesAmong(runId, panel.maybeCurves, open && (seen || !panel.charts.length));
  const charts = useMemo(
    () => [...panel.charts, ...curves.map((k) => ({ name: k, keys: [k] }))],
    [panel.charts, curves],
  );
  const title = panel.prefix === '' ? 'Metrics' : `${panel.prefix}/`;
  const headingId = `metric-panel-${panel.prefix || 'none'}`;
  if (charts.length === 0) return null;
  return (
    <section
      ref={ref}
      className="metric-panel"
      aria-labelledby={headingId}
      data-testid="metric-panel"
      data-prefix={panel.prefix}
    >
      <h2 className="metric-panel-head" id={headingId}>
        <button
          type="button"
          className="metric-panel-toggle"
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
        >
          <span aria-hidden="true">{open ? '▾' : '▸'}</span> {title}
        </button>
        <span className="muted small">
          {charts.length.toLocaleString('en-US')} chart{charts.length === 1 ? '' : 's'}
        </span>
      </h2>
      {open && !seen && (
        <div
          className="metric-panel-pending"
          style={{ height: Math.ceil(Math.min(limit, charts.length) / 2) * CHART_ROW_PX }}
        />
      )}
      {open && seen && (
        <div className="chart-grid">
          {charts.slice(0, limit).map((chart) => (
            <LazyChart
              key={chart.name}
              chart={chart}
              runId={runId}
              names={names}
              options={options}
            />
          ))}
        </div>
      )}
      {open && seen && charts.length > limit && (
        <button type="button" className="button" onClick={() => setLimit((n) => n + MORE_CHARTS)}>
          Show {Math.min(MORE_CHARTS, charts.length - limit).toLocaleString('en-US')} more (
          {(charts.length - limit).toLocaleString('en-US')} not shown)
        </button>
      )}
    </section>
  );
}

function LazyChart({
  chart,
  runId,
  names,
  options,
}: {
  chart: { name: string; keys: string[] };
  runId: number;
  names: ReadonlyMap<number, string>;
  options: ChartOptions;
}) {
  const [ref, seen] = useSeenOnce<HTMLDivElement>();
  const about = METRIC_ABOUT[chart.name];
  return (
    <div ref={ref} className="run-chart" data-testid="metric-chart" data-metric={chart.name}>
      <CompareChart
        metric={chart.name}
        keys={chart.keys}
        ids={[runId]}
        names={names}
        enabled={seen}
        {...options}
      />
      {about && <p className="muted small run-chart-about">{about}</p>}
    </div>
  );
}

/**
 * Which of `keys` (named as one number: `test_*`, `cv_*`) the run logged at more than one step,
 * asked with two points per key: Benchtop's held-out scores stay in the Final metrics table.
 */
function useCurvesAmong(runId: number, keys: readonly string[], enabled: boolean): string[] {
  const client = useClient();
  const query = useQuery({
    queryKey: ['runs.series', 'curves', runId, keys.join('\n')],
    enabled: enabled && keys.length > 0,
    staleTime: 30_000,
    queryFn: async () => {
      const chunks: string[][] = [];
      for (let i = 0; i < keys.length; i += KEYS_PER_REQUEST)
        chunks.push(keys.slice(i, i + KEYS_PER_REQUEST));
      const slices = await Promise.all(
        chunks.map((chunk) =>
          client.call('runs.series', { ids: [runId], keys: chunk, xAxis: 'step', maxPoints: 2 }),
        ),
      );
      return slices
        .flat()
        .filter((s) => s.total > 1)
        .map((s) => s.key);
    },
  });
  return query.data ?? [];
}
