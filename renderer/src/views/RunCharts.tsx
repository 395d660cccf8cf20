import { MetricChart } from '../components/MetricChart.js';
import { useRunMetrics } from '../data/queries.js';
import { groupMetrics } from '../lib/metricGroups.js';

/** A chart per metric of the run; while it runs, new points arrive by event and extend the lines. */
export function RunCharts({ runId, active }: { runId: number; active: boolean }) {
  const metrics = useRunMetrics(runId);
  if (metrics.isPending) return <div className="charts muted">Loading metrics…</div>;
  if (metrics.isError) return <div className="charts muted">Could not load metrics.</div>;
  const groups = groupMetrics(metrics.data);
  if (groups.length === 0) {
    return (
      <div className="charts charts-empty muted">
        {active ? 'Waiting for the first epoch…' : 'This run recorded no metrics.'}
      </div>
    );
  }
  return (
    <div className="charts">
      {groups.map((group) => (
        <MetricChart key={group.name} group={group} />
      ))}
    </div>
  );
}
