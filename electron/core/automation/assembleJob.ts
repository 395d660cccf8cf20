import { renameSync, writeFileSync } from 'node:fs';
import Papa from 'papaparse';
import { mulberry32, shuffled } from '../../../shared/random.js';
import { loadTable } from '../datasets/loadTable.js';
import { isMissing } from '../datasets/missing.js';
import type { Table } from '../datasets/loadTable.js';
import type { JobContext } from '../jobs/jobContext.js';
import type { AssembleJob } from './assembleJobSpec.js';
import { UserError } from '../userError.js';

/** The smallest holdout worth scoring two models on. */
export const MIN_HOLDOUT_ROWS = 5;

const project = (table: Table, columns: readonly string[], rows: readonly number[]): string[][] => {
  const at = columns.map((c) => table.header.indexOf(c));
  return rows.map((r) => at.map((j) => (j < 0 ? '' : (table.rows[r]![j] ?? ''))));
};

const writeCsv = (path: string, header: readonly string[], rows: string[][]): void => {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${Papa.unparse([header as string[], ...rows], { newline: '\n' })}\n`);
  renameSync(tmp, path);
};

export async function runAssembleJob(job: AssembleJob, ctx: JobContext): Promise<void> {
  ctx.send({ type: 'start', backend: 'none' });
  const fresh = await loadTable(job.newData.path, job.newData.fileName);
  const t = fresh.header.indexOf(job.target);
  if (t < 0)
    throw new UserError(
      `the new data has no target column "${job.target}"; retraining needs labelled rows`,
    );
  const labelled = fresh.rows.map((_, i) => i).filter((i) => !isMissing(fresh.rows[i]![t] ?? ''));
  const holdoutRows = Math.max(MIN_HOLDOUT_ROWS, Math.round(labelled.length * job.holdoutFraction));
  if (labelled.length < holdoutRows * 2) {
    throw new UserError(
      `the new data has ${labelled.length} labelled rows; at least ${MIN_HOLDOUT_ROWS * 2} are needed to hold some out for evaluation`,
    );
  }
  const order = shuffled(labelled, mulberry32(job.seed));
  const holdout = order.slice(0, holdoutRows).sort((a, b) => a - b);
  const rest = order.slice(holdoutRows).sort((a, b) => a - b);
  const train: string[][] = [];
  for (const source of job.earlier) {
    const table = await loadTable(source.path, source.fileName);
    train.push(
      ...project(
        table,
        job.columns,
        table.rows.map((_, i) => i),
      ),
    );
    if (ctx.cancelled()) throw new UserError('the pipeline was cancelled');
  }
  train.push(...project(fresh, job.columns, rest));
  writeCsv(job.trainOut, job.columns, train);
  writeCsv(job.holdoutOut, job.columns, project(fresh, job.columns, holdout));
  ctx.send({ type: 'result', metrics: { train_rows: train.length, holdout_rows: holdout.length } });
}
