import type { DriftColumnResult, DriftReport } from '../../../shared/api/drift.js';
import { escapeHtml, escapeMarkdown } from './escape.js';
import { htmlPage, htmlTable, markdownTable, type Cell } from './htmlPage.js';
import { provenanceMarkdown, type Provenance } from './provenance.js';
import { distributionBars } from './svgCharts.js';

export interface DriftReportData {
  report: DriftReport;
  provenance: Provenance;
}

const HEAD = [
  'column',
  'status',
  'kind',
  'test',
  'statistic',
  'p-value',
  'threshold',
  'drifted',
  'effect size',
  'missing (ref / cur)',
  'note',
];

const row = (c: DriftColumnResult): Cell[] => [
  c.column,
  c.status,
  c.kind,
  c.test,
  c.statistic,
  c.p_value,
  c.threshold,
  c.drifted ? 'yes' : 'no',
  c.effect_size === null
    ? null
    : `${c.effect_size_name ?? 'effect'} ${Number(c.effect_size.toPrecision(3))}`,
  `${c.reference_missing} / ${c.current_missing}`,
  c.note,
];

/** A dataset by name and version (`iris v2`), as people know it; its id only when it is not in this install. */
const datasetName = (p: Provenance, id: number, fallback: string): string => {
  const d = p.datasets.find((x) => x.id === id);
  return d ? `${d.name} v${d.version}` : `${fallback} (dataset id ${id})`;
};

function titleOf({ report: r, provenance }: DriftReportData): [string, string] {
  const verdict = r.dataset_drift ? 'dataset drift detected' : 'no dataset drift';
  const reference = datasetName(provenance, r.reference_id, r.reference_name);
  const against = r.model ? `model ${r.model}'s training data, ${reference}` : reference;
  return [
    `Drift check #${r.id}: ${verdict}`,
    `current ${datasetName(provenance, r.current_id, 'data')} (${r.current_rows} rows) against ${against} (${r.reference_rows} rows) · ${r.drifted_columns} of ${r.tested_columns} columns drifted (share ${Number(r.drift_share.toFixed(3))}, threshold ${r.drift_share_threshold})`,
  ];
}

export function driftReportHtml(data: DriftReportData): string {
  const { report, provenance } = data;
  const [title, subtitle] = titleOf(data);
  const badge = report.dataset_drift
    ? '<span class="badge bad">drift</span>'
    : '<span class="badge good">no drift</span>';
  const overlays = report.columns
    .filter((c) => c.distribution.labels.length)
    .map((c) => distributionBars(`${c.column}${c.drifted ? ' — drifted' : ''}`, c.distribution))
    .join('\n');
  const body = [
    `<p>${badge} created ${escapeHtml(report.created_at)}</p>`,
    `<h2>Columns</h2>${htmlTable(HEAD, report.columns.map(row), (i) => (report.columns[i]?.drifted ? 'drifted' : ''))}`,
    `<h2>Distributions</h2><div class="charts">${overlays}</div>`,
  ].join('\n');
  return htmlPage(title, subtitle, body, provenance);
}

export function driftReportMarkdown(data: DriftReportData): string {
  const { report, provenance } = data;
  const [title, subtitle] = titleOf(data);
  return [
    `# ${escapeMarkdown(title)}`,
    '',
    escapeMarkdown(subtitle),
    '',
    '## Columns',
    '',
    markdownTable(HEAD, report.columns.map(row)),
    '',
    provenanceMarkdown(provenance),
  ].join('\n');
}

/** The per-column results as flat records, for the CSV and JSON exports. */
export function driftRecords(report: DriftReport): Record<string, Cell>[] {
  return report.columns.map((c) => ({
    drift_id: report.id,
    column: c.column,
    status: c.status,
    kind: c.kind,
    test: c.test,
    statistic: c.statistic,
    p_value: c.p_value,
    threshold: c.threshold,
    drifted: c.drifted,
    effect_size: c.effect_size,
    effect_size_name: c.effect_size_name,
    reference_missing: c.reference_missing,
    current_missing: c.current_missing,
    note: c.note,
  }));
}
