import type { Table } from '../datasets/loadTable.js';
import type { JobContext } from '../jobs/jobContext.js';
import type { TrainJob } from '../jobs/protocol.js';
import { buildModel } from './models/buildModel.js';
import { kFolds } from './preprocessing/kFold.js';
import { prepareFromSplit, type EncodedTarget } from './preprocessing/prepareData.js';
import type { Split } from './preprocessing/split.js';
import { predictRows, scorePredictions } from './scoreModel.js';
import type { TfModule } from './tfBackend.js';
import { trainLoop } from './trainLoop.js';

/** Mean and (population, numpy's default ddof=0) standard deviation per metric over the folds. */
export function summariseFolds(folds: readonly Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of Object.keys(folds[0] ?? {})) {
    const values = folds.map((f) => f[name]!);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    out[`cv_${name}_mean`] = mean;
    out[`cv_${name}_std`] = Math.sqrt(
      values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length,
    );
  }
  return out;
}

/**
 * k-fold cross-validation over the run's training and validation rows (the test split stays
 * untouched): each fold refits the preprocessing and a fresh model for `epochs`, scored on the
 * held-out fold with the same metric names as the test split.
 */
export async function crossValidate(
  tf: TfModule,
  job: TrainJob,
  table: Table,
  encoded: EncodedTarget,
  split: Split,
  epochs: number,
  ctx: JobContext,
): Promise<{ folds: Record<string, number>[]; summary: Record<string, number> } | null> {
  const k = job.params.cv_folds;
  const rows = [...split.train, ...split.val].sort((a, b) => a - b);
  const classOf = job.task === 'regression' ? undefined : (r: number) => encoded.y[r]!;
  const folds: Record<string, number>[] = [];
  for (const [f, fold] of kFolds(rows, k, job.params.seed, classOf).entries()) {
    if (ctx.cancelled()) return null;
    ctx.send({ type: 'progress', fraction: 1, message: `cross-validation fold ${f + 1} of ${k}` });
    const data = prepareFromSplit(table, job.target, job.task, job.columns, encoded, fold);
    const model = buildModel(
      tf,
      job.model,
      job.task,
      data.width,
      data.spec.classes.length,
      job.params,
    );
    await trainLoop(
      tf,
      model,
      data,
      { ...job.params, epochs, patience: 0 },
      {
        cancelled: ctx.cancelled,
        onEpoch: () => new Promise((resolve) => setImmediate(resolve)),
      },
    );
    folds.push(
      scorePredictions(
        data.spec,
        data.y.test,
        predictRows(tf, model, data.spec, data.x.test, data.rows.test),
      ).metrics,
    );
    model.dispose();
  }
  return { folds, summary: summariseFolds(folds) };
}
