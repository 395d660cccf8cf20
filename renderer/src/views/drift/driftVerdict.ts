import type { DriftColumnResult, DriftSummary } from '../../../../shared/api/drift.js';

type VerdictInput = Pick<
  DriftSummary,
  'dataset_drift' | 'drifted_columns' | 'tested_columns' | 'drift_share' | 'drift_share_threshold'
> & { columns: readonly DriftColumnResult[] };

const MAX_NAMED = 3;

const percent = (share: number): string => `${Math.round(share * 100)}%`;
const pValue = (p: number): string =>
  p === 0 ? '0' : p < 1e-3 ? p.toExponential(1) : String(Number(p.toPrecision(2)));

/** Why one drifted column counts as drifted, in the terms of its test and threshold. */
function ruleOf(c: DriftColumnResult): string {
  if (c.status === 'missing') return 'missing from the current data';
  if (c.threshold === null) return 'drifted';
  if (c.p_value !== null) return `p < ${c.threshold}`;
  return `${c.test ?? 'distance'} ≥ ${c.threshold}`;
}

function names(columns: readonly DriftColumnResult[]): string {
  const shown = columns.slice(0, MAX_NAMED).map((c) => c.column);
  const more = columns.length - shown.length;
  return more > 0
    ? `${shown.join(', ')} and ${more} more`
    : shown.join(shown.length === 2 ? ' and ' : ', ');
}

/**
 * The drift banner's text. The dataset verdict follows the share rule (drifted / tested columns ≥
 * drift_share_threshold); when it says "no dataset drift" while some columns drifted, the text
 * names them, the rule each broke, and why the dataset's verdict differs.
 */
/** A quiet dataset verdict while some columns drifted: the banner warns instead of reassuring. */
export const isPartialDrift = (report: VerdictInput): boolean =>
  !report.dataset_drift && report.drifted_columns > 0;

export function driftVerdict(report: VerdictInput): string {
  const { drifted_columns: drifted, tested_columns: tested } = report;
  const head = `${report.dataset_drift ? 'Dataset drift' : 'No dataset drift'}: ${drifted} of ${tested} columns drifted`;
  const share = `share ${percent(report.drift_share)}, threshold ${percent(report.drift_share_threshold)}`;
  if (report.dataset_drift || drifted === 0) return `${head} (${share}).`;

  const columns = report.columns.filter((c) => c.drifted);
  const rules = [...new Set(columns.map(ruleOf))].join('; ');
  const pValues = columns.flatMap((c) => (c.p_value === null ? [] : [c.p_value]));
  const strongest = pValues.length > 0 ? `, strongest at p = ${pValue(Math.min(...pValues))}` : '';
  return (
    `${head}. ${columns.length === 1 ? 'Column' : 'Columns'} ${names(columns)} drifted (${rules})${strongest}. ` +
    `The dataset verdict needs at least ${percent(report.drift_share_threshold)} of columns to ` +
    `drift (the drift share rule); ${percent(report.drift_share)} did.`
  );
}
