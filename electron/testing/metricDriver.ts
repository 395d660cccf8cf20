import { writeSync } from 'node:fs';
import { createCore } from '../core/core.js';
import { DRIVER_KEYS } from './killMainLoop.js';
import { enableTestJobs } from './syntheticJobs.js';

/**
 * A main process under heavy metric writes, to be killed with SIGKILL at random moments
 * (killMainLoop.ts). It runs the real core: `jobs` synthetic-metric job processes stream into
 * the metric writer's group commits, and one new run is created every 100 ms. After each
 * commit it prints what is durable, so the killer knows which rows must survive:
 *   `ready`                 the store is open (migrations done, orphans marked)
 *   `run <id>`              run <id> exists
 *   `committed <id> <step>` every metric of run <id> up to <step> is committed
 * Lines are written synchronously, and only after the commit they describe.
 *
 * Usage: node --import tsx metricDriver.ts DATA_DIR [JOBS]
 */
/** A whole number of steps per batch, so "up to step S" means every key of every step ≤ S. */
const BATCH = DRIVER_KEYS * 50;

const [dataDir, jobsArg] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: metricDriver.ts DATA_DIR [JOBS]');
const say = (line: string) => writeSync(1, `${line}\n`);

enableTestJobs();
const core = createCore({ dataDir });
say('ready');
const datasets = await core.call('datasets.list', {});
const datasetId =
  datasets[0]?.id ?? (await core.call('datasets.importSample', { name: 'iris' })).id;
const experiment = core.store.experiments.ensure('kill-soak');
const newRun = () => {
  const id = core.store.runs.create({
    experiment_id: experiment,
    dataset_id: datasetId,
    model: 'logistic',
    task: 'multiclass',
    target: 'species',
  });
  say(`run ${id}`);
  return id;
};

const committed = new Map<number, number>();
const dirty = new Set<number>();
core.events.subscribe((e) => {
  // run.metric is emitted after the group commit that wrote the points.
  if (e.type !== 'run.metric') return;
  const top = e.points.reduce((max, p) => Math.max(max, p.step), -1);
  if (top > (committed.get(e.runId) ?? -1)) {
    committed.set(e.runId, top);
    if (dirty.size === 0) setImmediate(report);
    dirty.add(e.runId);
  }
});
function report(): void {
  for (const runId of dirty) say(`committed ${runId} ${committed.get(runId)}`);
  dirty.clear();
}

for (let j = 0; j < Number(jobsArg ?? 2); j++) {
  core.jobs.run({
    kind: 'synthetic-metrics',
    runId: newRun(),
    points: 1e9,
    batch: BATCH,
    keys: DRIVER_KEYS,
  });
}
setInterval(newRun, 100);
