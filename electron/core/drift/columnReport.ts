import type { DriftColumnResult, DriftTest } from '../../../shared/api/drift.js';
import type { DriftJob } from '../jobs/protocol.js';
import { distributionOf } from './distribution.js';
import {
  testColumn,
  type ColumnOverride,
  type DriftColumn,
  type DriftTestName,
} from './driftStatistics.js';

/** The contract's test names (the CLI's words) ↔ the drift core's. */
const TO_CORE: Record<DriftTest, DriftTestName> = {
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

/** The test and threshold a column gets: the job's choice for its kind, then the column's own. */
export function overrideFor(
  job: Pick<DriftJob, 'numericTest' | 'categoricalTest' | 'threshold' | 'overrides'>,
  name: string,
  kind: DriftColumn['kind'],
): ColumnOverride {
  const chosen = kind === 'numeric' ? job.numericTest : job.categoricalTest;
  const override: ColumnOverride = {};
  if (chosen !== 'auto') override.test = TO_CORE[chosen];
  if (job.threshold !== undefined) override.threshold = job.threshold;
  const own = job.overrides?.[name];
  if (own?.test !== undefined) override.test = TO_CORE[own.test];
  if (own?.threshold !== undefined) override.threshold = own.threshold;
  return override;
}

/** How a tested column's samples were read: the missing cells left out, and a note for the user. */
export interface ColumnReading {
  referenceMissing: number;
  currentMissing: number;
  note: string | null;
}

/** One column's line of the report: its test's outcome and the overlay chart's shares. */
export function columnReport(
  column: DriftColumn,
  override: ColumnOverride,
  reading: ColumnReading,
): DriftColumnResult {
  const result = testColumn(column, override);
  const base = {
    column: column.name,
    kind: column.kind,
    reference_missing: reading.referenceMissing,
    current_missing: reading.currentMissing,
    distribution: distributionOf(column),
  };
  return result.status === 'tested'
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
        note: reading.note,
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
      };
}
