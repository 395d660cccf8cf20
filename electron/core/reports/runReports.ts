import type { MetricSeries } from '../../../shared/domain.js';
import type { Comparison, ExplorerRun } from '../../../shared/api/runRecords.js';
import { byKind, isCurveKind, KIND_LABEL, metricKind } from '../../../shared/metricNames.js';
import { escapeHtml, escapeMarkdown } from './escape.js';
import { formatValue, htmlPage, htmlTable, markdownTable, type Cell } from './htmlPage.js';
import { provenanceMarkdown, type Provenance } from './provenance.js';
import { lineChart } from './svgCharts.js';

/** What a run or comparison report shows; gathered by reportData.ts, rendered here without I/O. */
export interface RunsReportData {
  runs: ExplorerRun[];
  comparison: Comparison;
  /** Each run's full metric histories, by run id. */
  series: Record<number, MetricSeries[]>;
  provenance: Provenance;
}

const runLabel = (r: ExplorerRun) => `#${r.id} ${r.name}`;
/** `2026-11-26T15:21:07.151Z` → `2026-11-26 15:21:07` (UTC): short enough for a printed table. */
const shortTime = (iso: string | null) =>
  iso ? iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '') : null;
const tagText = (r: ExplorerRun) =>
  Object.entries(r.tags)
    .map(([k, v]) => (v ? `${k}=${v}` : k))
    .join(', ');

function summaryRows(runs: ExplorerRun[]): { head: string[]; rows: Cell[][] } {
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
      r.dataset_id,
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

function metricRows(data: RunsReportData): { head: string[]; rows: Cell[][] } {
  const keys = Object.keys(data.comparison.metrics)
    .sort()
    .filter((k) => isCurve(data, k));
  const single = data.runs.length === 1;
  const head = single
    ? ['metric', 'last', 'min', 'max', 'best step']
    : ['metric (last logged)', ...data.runs.map(runLabel)];
  const rows = keys.map((k): Cell[] => {
    const byRun = data.comparison.metrics[k] ?? {};
    if (single) {
      const m = byRun[data.runs[0]!.id];
      return [k, m?.last, m?.min, m?.max, m?.best_step];
    }
    return [k, ...data.runs.map((r) => byRun[r.id]?.last ?? null)];
  });
  return { head, rows };
}

/**
 * Each metric's final value as the runs table shows it, test split first, each row saying what
 * it was measured on: `test_accuracy` (test split) is never mistaken for `accuracy` (training).
 */
function finalMetricRows(runs: ExplorerRun[]): { head: string[]; rows: Cell[][] } {
  const keys = byKind(new Set(runs.flatMap((r) => Object.keys(r.metrics))));
  return {
    head: ['metric', 'measured on', ...runs.map(runLabel)],
    rows: keys.map((k) => [k, KIND_LABEL[metricKind(k)], ...runs.map((r) => r.metrics[k] ?? null)]),
  };
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
          return { label: runLabel(r), x: s?.steps ?? [], y: s?.values ?? [] };
        }),
      ),
    )
    .join('\n');
}

function body(data: RunsReportData): string {
  const s = summaryRows(data.runs);
  const p = paramRows(data);
  const m = metricRows(data);
  const f = finalMetricRows(data.runs);
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
    `<h2>Final metrics</h2>${htmlTable(f.head, f.rows)}`,
    `<h2>${single ? 'Parameters' : `Parameters (${data.comparison.differing_params.length} differ, highlighted)`}</h2>${htmlTable(p.head, p.rows, (i) => (!single && p.differs[i] ? 'differs' : ''))}`,
    `<h2>Metric histories</h2>${htmlTable(m.head, m.rows)}<div class="charts">${charts(data)}</div>`,
    notes ? `<h2>Notes</h2>${notes}` : '',
  ].join('\n');
}

function titleOf(data: RunsReportData): [string, string] {
  if (data.runs.length === 1) {
    const r = data.runs[0]!;
    return [
      `Run ${runLabel(r)}`,
      `${r.model} on dataset #${r.dataset_id} → ${r.target} · ${r.status}`,
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
  const s = summaryRows(data.runs);
  const p = paramRows(data);
  const f = finalMetricRows(data.runs);
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
    provenanceMarkdown(data.provenance),
  ].join('\n');
}
