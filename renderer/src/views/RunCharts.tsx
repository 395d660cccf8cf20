import { MetricChart } from '../components/MetricChart.js';
import { useRunMetrics } from '../data/queries.js';
import { groupMetrics, isCurve } from '../lib/metricGroups.js';

/** A chart per metric of the run; while it runs, new points arrive by event and extend the lines. */
/** `stepLabel`: Benchtop's own runs count epochs; a script's steps are whatever it logged them as. */
export function RunCharts({
  runId,
  active,
  stepLabel = 'epoch',
}: {
  runId: number;
  active: boolean;
  stepLabel?: 'epoch' | 'step';
}) {
  const metrics = useRunMetrics(runId);
  if (metrics.isPending) return <div className="charts muted">Loading metrics…</div>;
  if (metrics.isError) return <div className="charts muted">Could not load metrics.</div>;
  // The test split is one point per metric, read in the Final metrics table; a chart is for curves.
  const groups = groupMetrics(metrics.data.filter((s) => isCurve(s)));
  if (groups.length === 0) {
    return (
      <div className="charts charts-empty muted">
        {active ? `Waiting for the first ${stepLabel}…` : 'This run recorded no metrics.'}
      </div>
    );
  }
  return (
    <div className="charts">
      {groups.map((group) => (
        <MetricChart key={group.name} group={group} stepLabel={stepLabel} />
      ))}
    </div>
  );
}
