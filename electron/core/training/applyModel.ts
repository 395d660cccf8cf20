import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Table } from '../datasets/loadTable.js';
import { loadTable } from '../datasets/loadTable.js';
import { isMissing, parseNumber } from '../datasets/missing.js';
import type { JobContext } from '../jobs/jobContext.js';
import type { EvaluateJob, PredictJob } from '../jobs/protocol.js';
import { UserError } from '../userError.js';
import { loadModel } from './models/fileModelStore.js';
import { PreprocessSpec } from './preprocessing/preprocessSpec.js';
import { transformRows } from './preprocessing/transform.js';
import { finiteOnly, predictRows, scorePredictions } from './scoreModel.js';
import { loadTf } from './tfBackend.js';

async function load(dir: string, dataPath: string, fileName: string) {
  const { tf, backend } = await loadTf();
  const spec = PreprocessSpec.parse(
    JSON.parse(readFileSync(join(dir, 'preprocessing.json'), 'utf8')),
  );
  const model = await loadModel(tf, dir);
  const table = await loadTable(dataPath, fileName);
  return { tf, backend, spec, model, table };
}

const allRows = (table: Table): number[] => table.rows.map((_, i) => i);

/** Writes the input columns, then `prediction`, then one `proba_<class>` column per class. */
export async function runPredict(job: PredictJob, ctx: JobContext): Promise<void> {
  const { tf, backend, spec, model, table } = await load(
    job.artifactsDir,
    job.dataPath,
    job.fileName,
  );
  ctx.send({ type: 'start', backend });
  const rows = allRows(table);
  const out = predictRows(
    tf,
    model,
    spec,
    transformRows(spec, table, rows, job.fileName),
    rows.length,
  );
  const k = spec.classes.length;
  const header = [...table.header, 'prediction', ...spec.classes.map((c) => `proba_${c}`)];
  const body = table.rows.map((cells, r) => {
    if (spec.task === 'regression') return [...cells, String(out[r]!)];
    const proba = Array.from(out.subarray(r * k, r * k + k));
    const best = proba.indexOf(Math.max(...proba));
    return [...cells, spec.classes[best]!, ...proba.map(String)];
  });
  // Written beside the target and renamed, so a failed write never leaves half a file.
  const tmp = `${job.outPath}.${process.pid}.tmp`;
  writeFileSync(tmp, `${Papa.unparse([header, ...body], { newline: '\n' })}\n`);
  renameSync(tmp, job.outPath);
  ctx.send({ type: 'result', metrics: { rows: rows.length } });
}

/** Scores the saved model on a labelled file: the same metric names as the run's test split. */
export async function runEvaluate(job: EvaluateJob, ctx: JobContext): Promise<void> {
  const { tf, backend, spec, model, table } = await load(
    job.artifactsDir,
    job.dataPath,
    job.fileName,
  );
  ctx.send({ type: 'start', backend });
  const t = table.header.indexOf(job.target);
  if (t < 0) throw new UserError(`${job.fileName} has no column "${job.target}"`);
  const rows = allRows(table).filter((r) => !isMissing(table.rows[r]![t] ?? ''));
  if (rows.length === 0)
    throw new UserError(`target "${job.target}" has no values in ${job.fileName}`);
  const labels = rows.map((r) => table.rows[r]![t]!.trim());
  let yTrue: Float64Array;
  if (spec.task === 'regression') {
    yTrue = Float64Array.from(labels, parseNumber);
    const bad = yTrue.findIndex(Number.isNaN);
    if (bad >= 0)
      throw new UserError(
        `target "${job.target}" has the non-number "${labels[bad]}"; regression needs numbers`,
      );
  } else {
    const index = new Map(spec.classes.map((c, i) => [c, i]));
    const unknown = labels.find((l) => !index.has(l));
    if (unknown !== undefined)
      throw new UserError(
        `target "${job.target}" has the class "${unknown}", which the model never saw`,
      );
    yTrue = Float64Array.from(labels, (l) => index.get(l)!);
  }
  const predicted = predictRows(
    tf,
    model,
    spec,
    transformRows(spec, table, rows, job.fileName),
    rows.length,
  );
  ctx.send({
    type: 'result',
    metrics: finiteOnly(scorePredictions(spec, yTrue, predicted).metrics),
  });
}
