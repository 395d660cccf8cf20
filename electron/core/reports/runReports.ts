import type { MetricSeries } from '../../../shared/domain.js';
import type { Comparison, ExplorerRun } from '../../../shared/api/runRecords.js';
import { byKind, isCurveKind, KIND_LABEL, metricKind } from '../../../shared/metricNames.js';
import { seriesColor } from '../../../shared/palette.js';
import { escapeHtml, escapeMarkdown } from './escape.js';
import { classificationOf, evaluationHtml, evaluationMarkdown } from './evaluationSection.js';
import { formatValue, htmlPage, htmlTable, markdownTable, type Cell } from './htmlPage.js';
import { provenanceMarkdown, type Provenance } from './provenance.js';
import { lineChart } from './svgCharts.js';

/** What a run or comparison report shows; gathered by reportData.ts, rendered here without I/O. */
export interface RunsReportData {
  runs: ExplorerRun[];
  comparison: Comparison;
  /** Each run's full metric histories, by run id. */
  series: Record<number, MetricSeries[]>;
  /** Each run's evaluation details (evaluation.json: confusion matrix, ROC, PR), by run id. */
  evaluations: Record<number, unknown>;
  provenance: Provenance;
}

const runLabel = (r: ExplorerRun) => `#${r.id} ${r.name}`;
/** A dataset as people know it, `iris v2`, from the provenance (which the report prints anyway). */
const datasetName = (data: RunsReportData, id: number | null): string | null => {
  if (id === null) return null;
  const d = data.provenance.datasets.find((x) => x.id === id);
  return d ? `${d.name} v${d.version}` : `dataset not in this install (id ${id})`;
};
/** `2026-11-26T15:21:07.151Z` → `2026-11-26 15:21:07` (UTC): short enough for a printed table. */
const shortTime = (iso: string | null) =>
  iso ? iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '') : null;
const tagText = (r: ExplorerRun) =>
  Object.entries(r.tags)
    .map(([k, v]) => (v ? `${k}=${v}` : k))
    .join(', ');

function summaryRows(data: RunsReportData): { head: string[]; rows: Cell[][] } {
  const runs = data.runs;
  return {
    head: [
      'run',
      'status',
      'model',
      'task',
      'experiment',
      'dataset',
      'target',
      'tags',
      'started (UTC)',
      'ended (UTC)',
    ],
    rows: runs.map((r) => [
      runLabel(r),
      r.status,
      r.model,
      r.task,
      r.experiment,
      datasetName(data, r.dataset_id),
      r.target,
      tagText(r),
      shortTime(r.started_at),
      shortTime(r.ended_at),
    ]),
  };
}

function paramRows(data: RunsReportData): { head: string[]; rows: Cell[][]; differs: boolean[] } {
  const keys = Object.keys(data.comparison.params).sort();
  // Differing params first: that is what a reader of a comparison looks for.
  const differing = new Set(data.comparison.differing_params);
  keys.sort((a, b) => Number(differing.has(b)) - Number(differing.has(a)));
  return {
    head: ['param', ...data.runs.map(runLabel)],
    rows: keys.map((k) => [k, ...data.runs.map((r) => data.comparison.params[k]?.[r.id] ?? null)]),
    differs: keys.map((k) => differing.has(k)),
  };
}

/** A key with more than one point in some run: a curve (test metrics are one point each, shown under Final metrics). */
const isCurve = (data: RunsReportData, key: string): boolean => {
  if (isCurveKind(metricKind(key))) return true;
  return Object.values(data.series).some((list) =>
    list.some((s) => s.key === key && s.steps.length > 1),
  );
};

/** Every metric key the report's runs have, curves and single values alike. */
const allKeys = (data: RunsReportData): string[] =>
  byKind(
    new Set([
      ...data.runs.flatMap((r) => Object.keys(r.metrics)),
      ...Object.keys(data.comparison.metrics),
    ]),
  );

/**
 * Curves (training and validation), each row saying what it was measured on: one run gets
 * last/min/max/best step, a comparison each run's last value. A key is in this table or in
 * `finalMetricRows`, never both.
 */
function metricRows(data: RunsReportData): { head: string[]; rows: Cell[][] } {
  const keys = allKeys(data).filter((k) => isCurve(data, k));
  const single = data.runs.length === 1;
  const head = single
    ? ['metric', 'measured on', 'last', 'min', 'max', 'best step']
    : ['metric', 'measured on', ...data.runs.map((r) => `${runLabel(r)} (last)`)];
  const rows = keys.map((k): Cell[] => {
    const byRun = data.comparison.metrics[k] ?? {};
    const last = (r: ExplorerRun) => byRun[r.id]?.last ?? r.metrics[k] ?? null;
    if (single) {
      const r = data.runs[0]!;
      const m = byRun[r.id];
      return [k, KIND_LABEL[metricKind(k)], last(r), m?.min, m?.max, m?.best_step];
    }
    return [k, KIND_LABEL[metricKind(k)], ...data.runs.map(last)];
  });
  return { head, rows };
}

/**
 * The metrics measured once (the test split's, test split first), each row saying what it was
 * measured on: `test_accuracy` (test split) is never mistaken for `accuracy` (training).
 */
function finalMetricRows(data: RunsReportData): { head: string[]; rows: Cell[][] } {
  const keys = allKeys(data).filter((k) => !isCurve(data, k));
  return {
    head: ['metric', 'measured on', ...data.runs.map(runLabel)],
    rows: keys.map((k) => [
      k,
      KIND_LABEL[metricKind(k)],
      ...data.runs.map((r) => r.metrics[k] ?? null),
    ]),
  };
}

/** Each classification run's confusion matrix and ROC/PR curves (test split). */
function evaluations(data: RunsReportData): { run: ExplorerRun; html: string; md: string }[] {
  return data.runs.flatMap((r) => {
    const c = classificationOf(data.evaluations[r.id]);
    if (!c) return [];
    const heading =
      data.runs.length === 1
        ? 'Confusion matrix (test split)'
        : `Confusion matrix (test split): ${runLabel(r)}`;
    return [{ run: r, html: evaluationHtml(c, heading), md: evaluationMarkdown(c) }];
  });
}

function charts(data: RunsReportData): string {
  const keys = [...new Set(Object.values(data.series).flatMap((list) => list.map((s) => s.key)))]
    .sort()
    .filter((k) => isCurve(data, k));
  return keys
    .map((key) =>
      lineChart(
        key,
        data.runs.map((r) => {
          const s = data.series[r.id]?.find((m) => m.key === key);
          // Each run in its own colour, the one the app gives it (by id).
          return {
            label: runLabel(r),
            x: s?.steps ?? [],
            y: s?.values ?? [],
            color: seriesColor(r.id),
          };
        }),
      ),
    )
    .join('\n');
}

function body(data: RunsReportData): string {
  const s = summaryRows(data);
  const p = paramRows(data);
  const m = metricRows(data);
  const f = finalMetricRows(data);
  const evals = evaluations(data);
  const single = data.runs.length === 1;
  const notes = data.runs
    .filter((r) => r.note.trim())
    .map((r) => `<h3>${escapeHtml(runLabel(r))}</h3><pre class="card">${escapeHtml(r.note)}</pre>`)
    .join('');
  const errors = data.runs
    .filter((r) => r.error)
    .map(
      (r) =>
        `<p><span class="badge bad">${escapeHtml(r.status)}</span> ${escapeHtml(runLabel(r))}: ${escapeHtml(r.error)}</p>`,
    )
    .join('');
  return [
    `<h2>Summary</h2>${htmlTable(s.head, s.rows)}${errors}`,
    f.rows.length ? `<h2>Final metrics</h2>${htmlTable(f.head, f.rows)}` : '',
    evals.length ? `<h2>Test split evaluation</h2>${evals.map((e) => e.html).join('\n')}` : '',
    `<h2>${single ? 'Parameters' : `Parameters (${data.comparison.differing_params.length} differ, highlighted)`}</h2>${htmlTable(p.head, p.rows, (i) => (!single && p.differs[i] ? 'differs' : ''))}`,
    m.rows.length
      ? `<h2>Metric histories</h2>${htmlTable(m.head, m.rows)}<div class="charts">${charts(data)}</div>`
      : '',
    notes ? `<h2>Notes</h2>${notes}` : '',
  ].join('\n');
}

function titleOf(data: RunsReportData): [string, string] {
  if (data.runs.length === 1) {
    const r = data.runs[0]!;
    return [
      `Run ${runLabel(r)}`,
      `${r.model ?? 'a run'} on ${datasetName(data, r.dataset_id) ?? 'no recorded dataset'}${r.target ? ` → ${r.target}` : ''} · ${r.status}`,
    ];
  }
  return [`Comparison of ${data.runs.length} runs`, data.runs.map(runLabel).join(' · ')];
}

export function runsReportHtml(data: RunsReportData): string {
  const [title, subtitle] = titleOf(data);
  return htmlPage(title, subtitle, body(data), data.provenance);
}

export function runsReportMarkdown(data: RunsReportData): string {
  const [title, subtitle] = titleOf(data);
  const s = summaryRows(data);
  const p = paramRows(data);
  const f = finalMetricRows(data);
  const m = metricRows(data);
  const evals = evaluations(data);
  const differing = data.comparison.differing_params;
  return [
    `# ${escapeMarkdown(title)}`,
    '',
    escapeMarkdown(subtitle),
    '',
    '## Summary',
    '',
    markdownTable(s.head, s.rows),
    '',
    '## Final metrics',
    '',
    markdownTable(f.head, f.rows),
    '',
    ...evals.flatMap((e) => [
      data.runs.length === 1
        ? '## Confusion matrix (test split)'
        : `## Confusion matrix (test split): ${escapeMarkdown(runLabel(e.run))}`,
      '',
      e.md,
      '',
    ]),
    '## Parameters',
    '',
    data.runs.length > 1
      ? `Differing: ${differing.length ? differing.map(escapeMarkdown).join(', ') : 'none'}\n`
      : '',
    markdownTable(
      p.head,
      p.rows.map((r) => r.map((c) => (typeof c === 'number' ? formatValue(c) : c))),
    ),
    '',
    ...(m.rows.length ? ['## Metric histories', '', markdownTable(m.head, m.rows), ''] : []),
    provenanceMarkdown(data.provenance),
  ].join('\n');
}
