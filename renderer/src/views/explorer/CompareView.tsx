import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { MAX_SERIES_RUNS } from '../../../../shared/api/runRecords.js';
import type { BandKind } from '../../../../shared/groupBands.js';
import { isCurveKind, metricKind } from '../../../../shared/metricNames.js';
import { seriesColor } from '../../../../shared/palette.js';
import { groupRuns, paramNames, type GroupSpec } from '../../../../shared/runGroups.js';
import { useClient } from '../../data/connection.js';
import { hrefOf, navigate } from '../../data/route.js';
import { messageOf } from '../../lib/messageOf.js';
import { ChartControls, DEFAULT_CHART_OPTIONS } from './ChartControls.js';
import { CompareChart, type ChartOptions } from './CompareChart.js';
import { explorerKeys, useRefreshOnStatus } from './explorerData.js';
import './explorer.css';
import type { ChartGroup } from './groupLines.js';
import { GroupPicker } from './GroupPicker.js';
import { GroupSummary } from './GroupSummary.js';
import { MetricSummary } from './MetricSummary.js';
import { ParallelCoordinates } from './ParallelCoordinates.js';
import { ParamDiffTable } from './ParamDiffTable.js';
import { ParamScatter } from './ParamScatter.js';
import { axisKind } from './chartGeometry.js';
import { headlineMetrics } from './runColumns.js';
import { ExportButton, runExportChoices } from '../../components/ExportButton.js';
import { ImageCompare } from './ImageCompare.js';
import { colorsByGroup } from './runColors.js';

/** Charts draw at most this many runs at once (the view says so); tables show them all. */
const DRAWN_RUNS = Math.min(100, MAX_SERIES_RUNS);
const LOSS_FIRST = (a: string, b: string) =>
  Number(/loss/.test(b)) - Number(/loss/.test(a)) || a.localeCompare(b);

/**
 * Runs side by side: overlaid metric charts, param diff, metric summary and param plots. With a
 * grouping (carried from the explorer, or chosen here) each group of runs draws one line, its
 * mean with a band, and the summary gives each group's mean ± std.
 */
export function CompareView({ ids, group }: { ids: number[]; group: GroupSpec | null }) {
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
  const [options, setOptions] = useState<ChartOptions>(DEFAULT_CHART_OPTIONS);
  const set = <K extends keyof ChartOptions>(k: K, v: ChartOptions[K]) =>
    setOptions((o) => ({ ...o, [k]: v }));
  const runs = useMemo(() => table.data ?? [], [table.data]);
  const names = useMemo(() => new Map(runs.map((r) => [r.id, r.name])), [runs]);
  const models = useMemo(() => new Map(runs.map((r) => [r.id, r.model])), [runs]);
  const drawnIds = ids.slice(0, DRAWN_RUNS);
  const [band, setBand] = useState<BandKind>('std');
  const setGroup = (g: GroupSpec | null) =>
    navigate({ view: 'compare', ids, ...(g ? { group: g } : {}) });
  const params = useMemo(() => [...paramNames(runs)].sort(), [runs]);
  // Groups of the compared runs, in the order of their first run; a colour each.
  const groups = useMemo<ChartGroup[] | null>(() => {
    if (!group || !runs.length) return null;
    const order = new Map(ids.map((id, i) => [id, i]));
    const inOrder = runs
      .filter((r) => order.has(r.id))
      .sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    return groupRuns(inOrder, group).map((g, i) => ({
      label: g.label,
      ids: g.ids,
      color: seriesColor(i),
    }));
  }, [group, runs, ids]);
  const colorOf = useMemo(() => colorsByGroup(groups), [groups]);
  // Charts draw the first runs only; their groups hold just those.
  const drawnGroups = useMemo(() => {
    if (!groups) return null;
    const drawn = new Set(drawnIds);
    return groups.map((g) => ({ ...g, ids: g.ids.filter((id) => drawn.has(id)) }));
    // drawnIds is a new array each render; ids (its source) is stable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [groups, ids]);
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
  // Defaults: the runs' headline metric (the test split's first) against a param that varies.
  const metric = plotMetric ?? headlineMetrics(runs)[0] ?? metrics[0] ?? '';
  const param =
    scatterParam ??
    numericParams.find((p) => axisKind(runs.map((r) => r.params[p])) !== 'constant') ??
    numericParams[0] ??
    '';

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
        <div className="compare-tools">
          <GroupPicker params={params} group={group} onChange={setGroup} label="Group runs" />
          {groups && (
            <label className="inline-field">
              <span>Band</span>
              <select
                aria-label="Group band"
                value={band}
                onChange={(e) => setBand(e.target.value as BandKind)}
              >
                <option value="std">±1 std (sample)</option>
                <option value="minmax">min–max</option>
              </select>
            </label>
          )}
        </div>
        <ChartControls options={options} onChange={set} envelope={!groups} />
      </header>
      {table.isError && <p className="run-error">{messageOf(table.error)}</p>}
      {comparison.isError && <p className="run-error">{messageOf(comparison.error)}</p>}
      <div className="chart-grid">
        {charted.map((m) => (
          <CompareChart
            key={m}
            metric={m}
            ids={drawnIds}
            names={names}
            {...options}
            groups={drawnGroups}
            band={band}
          />
        ))}
      </div>
      <ImageCompare ids={drawnIds} names={names} />
      {comparison.data && (
        <>
          <ParamDiffTable
            comparison={comparison.data}
            ids={ids}
            names={names}
            models={models}
            colorOf={colorOf}
          />
          {groups ? (
            <GroupSummary groups={groups} runs={runs} />
          ) : (
            <MetricSummary comparison={comparison.data} ids={ids} names={names} />
          )}
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
              <ParallelCoordinates
                runs={runs}
                params={numericParams}
                metric={metric}
                names={names}
                colorOf={colorOf}
                groups={groups}
              />
              <ParamScatter
                runs={runs}
                param={param}
                metric={metric}
                names={names}
                colorOf={colorOf}
                groups={groups}
              />
            </section>
          )}
        </>
      )}
    </div>
  );
}
