import type { DriftColumnResult } from '../../../shared/api/drift.js';
import type { JobContext } from '../jobs/jobContext.js';
import type { DriftJob } from '../jobs/protocol.js';
import { alignColumns, type AlignedColumn, type AlignedNumbers } from './alignColumns.js';
import { columnReport, overrideFor } from './columnReport.js';
import type { NumericColumnTask } from './numericColumnTask.js';
import { runNumericColumns } from './numericColumnPool.js';
import { openSide } from './openSide.js';

const kindOf = (spec: DriftJob['reference'], name: string): 'numeric' | 'categorical' =>
  spec.columns.find((c) => c.name === name)?.type === 'numeric' ? 'numeric' : 'categorical';

const isNumbers = (a: AlignedColumn | AlignedNumbers): a is AlignedNumbers => !('column' in a);

/**
 * The worker side of a drift check: opens both sides (a cache by its manifest), tests each shared
 * column (numeric ones read, sorted once and tested on worker threads when the work is large;
 * categorical ones here), reports.
 */
export async function runDrift(job: DriftJob, ctx: JobContext): Promise<void> {
  ctx.send({ type: 'start', backend: 'none' });
  const reference = await openSide(job.reference);
  const current = await openSide(job.current);
  const { tested, untestable, missing, added } = alignColumns(reference, current, job.columns);

  const columns = new Array<DriftColumnResult>(tested.length);
  const numericAt: number[] = [];
  const tasks: NumericColumnTask[] = [];
  tested.forEach((aligned, i) => {
    if (!isNumbers(aligned)) return;
    numericAt.push(i);
    tasks.push({ ...aligned, override: overrideFor(job, aligned.name, 'numeric') });
  });
  let finished = 0;
  const progress = (name: string) => {
    finished++;
    ctx.send({
      type: 'progress',
      fraction: finished / tested.length,
      message: `column ${finished} of ${tested.length}: ${name}`,
    });
  };
  const numeric = runNumericColumns(tasks, {
    onColumn: (k) => progress(tasks[k]!.name),
    cancelled: ctx.cancelled,
  });
  numeric.catch(() => undefined); // seen below; a categorical column's error must not leave it unhandled
  // Categorical columns here while the threads test the numeric ones.
  for (const [i, aligned] of tested.entries()) {
    if (isNumbers(aligned)) continue;
    const { column } = aligned;
    columns[i] = columnReport(column, overrideFor(job, column.name, column.kind), aligned);
    progress(column.name);
    await new Promise((resolve) => setImmediate(resolve));
    if (ctx.cancelled()) return;
  }
  const numericResults = await numeric;
  if (numericResults === null || ctx.cancelled()) return;
  numericResults.forEach((r, k) => (columns[numericAt[k]!] = r));
  // Columns that get no test: one side lacks them, or they are free text.
  const untested = (
    column: string,
    kind: 'numeric' | 'categorical',
    rest: Pick<
      DriftColumnResult,
      'status' | 'drifted' | 'reference_missing' | 'current_missing' | 'note'
    >,
  ): DriftColumnResult => ({
    column,
    kind,
    test: null,
    statistic: null,
    p_value: null,
    threshold: null,
    effect_size: null,
    effect_size_name: null,
    distribution: { labels: [], reference: [], current: [] },
    ...rest,
  });
  const notMissing = { reference_missing: 0, current_missing: 0 };
  for (const name of missing) {
    columns.push(
      untested(name, kindOf(job.reference, name), {
        status: 'missing',
        drifted: true,
        ...notMissing,
        note: 'missing column: not in the current data',
      }),
    );
  }
  for (const name of added) {
    columns.push(
      untested(name, kindOf(job.current, name), {
        status: 'new',
        drifted: false,
        ...notMissing,
        note: 'new column: not in the reference data',
      }),
    );
  }
  for (const u of untestable) {
    columns.push(
      untested(u.name, u.kind, {
        status: 'skipped',
        drifted: false,
        reference_missing: u.referenceMissing,
        current_missing: u.currentMissing,
        note: u.reason,
      }),
    );
  }
  ctx.send({
    type: 'report',
    report: {
      reference_rows: reference.rows,
      current_rows: current.rows,
      columns,
    },
  });
  ctx.send({ type: 'result', metrics: {} });
}
