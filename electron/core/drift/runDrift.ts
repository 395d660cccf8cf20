import type { DriftColumnResult, DriftTest } from '../../../shared/api/drift.js';
import { loadColumns } from '../datasets/loadTable.js';
import type { JobContext } from '../jobs/jobContext.js';
import type { DriftJob } from '../jobs/protocol.js';
import { alignColumns, type SideColumns } from './alignColumns.js';
import { distributionOf } from './distribution.js';
import { testColumn, type ColumnOverride, type DriftTestName } from './driftStatistics.js';

/** The contract's test names (the CLI's words) ↔ the drift core's. */
const TO_CORE: Record<Exclude<DriftTest, never>, DriftTestName> = {
  ks: 'ks',
  wasserstein: 'wasserstein',
  psi: 'psi',
  jensenshannon: 'jensenshannon',
  chi2: 'chisquare',
  ztest: 'z',
};
const FROM_CORE: Record<DriftTestName, DriftTest> = {
  ks: 'ks',
  wasserstein: 'wasserstein',
  psi: 'psi',
  jensenshannon: 'jensenshannon',
  chisquare: 'chi2',
  z: 'ztest',
};
const finiteOrNull = (x: number | null | undefined) =>
  x === null || x === undefined || !Number.isFinite(x) ? null : x;

const kindOf = (spec: DriftJob['reference'], name: string): 'numeric' | 'categorical' =>
  spec.columns.find((c) => c.name === name)?.type === 'numeric' ? 'numeric' : 'categorical';

async function side(spec: DriftJob['reference']): Promise<SideColumns> {
  const { rows, columns } = await loadColumns(spec.path, spec.fileName);
  return { rows, columns, types: new Map(spec.columns.map((c) => [c.name, c.type])) };
}

/** The worker side of a drift check: reads both files, tests each shared column, reports. */
export async function runDrift(job: DriftJob, ctx: JobContext): Promise<void> {
  ctx.send({ type: 'start', backend: 'none' });
  const reference = await side(job.reference);
  const current = await side(job.current);
  const { tested, untestable, missing, added } = alignColumns(reference, current, job.columns);

  const columns: DriftColumnResult[] = [];
  for (const [i, aligned] of tested.entries()) {
    const { column } = aligned;
    const chosen = column.kind === 'numeric' ? job.numericTest : job.categoricalTest;
    const override: ColumnOverride = {};
    if (chosen !== 'auto') override.test = TO_CORE[chosen];
    if (job.threshold !== undefined) override.threshold = job.threshold;
    const own = job.overrides?.[column.name];
    if (own?.test !== undefined) override.test = TO_CORE[own.test];
    if (own?.threshold !== undefined) override.threshold = own.threshold;
    const result = testColumn(column, override);
    const base = {
      column: column.name,
      kind: column.kind,
      reference_missing: aligned.referenceMissing,
      current_missing: aligned.currentMissing,
      distribution: distributionOf(column),
    };
    columns.push(
      result.status === 'tested'
        ? {
            ...base,
            status: 'tested',
            test: FROM_CORE[result.test],
            statistic: finiteOrNull(result.statistic),
            p_value: finiteOrNull(result.pValue),
            threshold: result.threshold,
            drifted: result.drifted,
            effect_size: finiteOrNull(result.effectSize),
            effect_size_name: result.effectSizeName,
            note: aligned.note,
          }
        : {
            ...base,
            status: 'skipped',
            test: null,
            statistic: null,
            p_value: null,
            threshold: null,
            drifted: false,
            effect_size: null,
            effect_size_name: null,
            note: result.reason,
          },
    );
    ctx.send({
      type: 'progress',
      fraction: (i + 1) / tested.length,
      message: `column ${i + 1} of ${tested.length}: ${column.name}`,
    });
    await new Promise((resolve) => setImmediate(resolve));
    if (ctx.cancelled()) return;
  }
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
