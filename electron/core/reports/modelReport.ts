import type { ModelVersion, VersionDetail } from '../../../shared/api/registry.js';
import { byKind } from '../../../shared/metricNames.js';
import { escapeHtml, escapeMarkdown } from './escape.js';
import { htmlPage, htmlTable, markdownTable, type Cell } from './htmlPage.js';
import { provenanceMarkdown, type Provenance } from './provenance.js';
import { lineChart } from './svgCharts.js';

export interface ModelReportData {
  detail: VersionDetail;
  /** Every version of the model, oldest first. */
  versions: ModelVersion[];
  provenance: Provenance;
}

const label = (v: ModelVersion) =>
  `v${v.version}${v.aliases.length ? ` (${v.aliases.join(', ')})` : ''}`;

/** The lineage tree as nested lists; the reported version in bold. */
function lineageHtml(versions: ModelVersion[], current: number): string {
  const roots = versions.filter(
    (v) => v.parent_id === null || !versions.some((p) => p.id === v.parent_id),
  );
  const node = (v: ModelVersion): string => {
    const text = `${escapeHtml(label(v))} · ${escapeHtml(v.stage)}${v.run_id !== null ? ` · run #${v.run_id}` : ''}`;
    const kids = versions.filter((k) => k.parent_id === v.id);
    return `<li>${v.id === current ? `<strong>${text}</strong>` : text}${kids.length ? `<ul class="tree">${kids.map(node).join('')}</ul>` : ''}</li>`;
  };
  return `<ul class="tree">${roots.map(node).join('')}</ul>`;
}

function metricsAcross(versions: ModelVersion[]): {
  head: string[];
  rows: Cell[][];
  keys: string[];
} {
  // Test split first: the numbers a version is judged by (docs/metrics.md).
  const keys = byKind(new Set(versions.flatMap((v) => Object.keys(v.metrics))));
  return {
    head: ['version', ...keys],
    rows: versions.map((v) => [label(v), ...keys.map((k) => v.metrics[k] ?? null)]),
    keys,
  };
}

function titleOf(d: VersionDetail): [string, string] {
  return [
    `Model ${d.model} v${d.version}`,
    `stage ${d.stage}${d.aliases.length ? ` · aliases ${d.aliases.join(', ')}` : ''} · registered ${d.created_at}${d.run_id !== null ? ` from run #${d.run_id}` : ''}`,
  ];
}

export function modelReportHtml({ detail, versions, provenance }: ModelReportData): string {
  const [title, subtitle] = titleOf(detail);
  const m = metricsAcross(versions);
  const chartsHtml = m.keys
    .slice(0, 8)
    .map((k) =>
      lineChart(
        k,
        [
          {
            label: detail.model,
            x: versions.map((v) => v.version),
            y: versions.map((v) => v.metrics[k] ?? NaN),
          },
        ],
        'version',
      ),
    )
    .join('\n');
  const params = Object.entries(detail.params).sort(([a], [b]) => a.localeCompare(b));
  const dataset = detail.dataset
    ? `<p>Trained on ${escapeHtml(detail.dataset.name)} v${detail.dataset.version} <code>${escapeHtml(detail.dataset.hash)}</code>, ${detail.dataset.columns.length} columns.</p>`
    : '<p>No training dataset recorded.</p>';
  const body = [
    `<h2>Model card</h2><pre class="card">${escapeHtml(detail.card || '(no card written)')}</pre>`,
    detail.note ? `<p>Note: ${escapeHtml(detail.note)}</p>` : '',
    `<h2>Lineage</h2>${lineageHtml(versions, detail.id)}`,
    `<h2>Training data</h2>${dataset}`,
    `<h2>Parameters</h2>${htmlTable(['param', 'value'], params)}`,
    `<h2>Metrics across versions</h2>${htmlTable(m.head, m.rows, (i) => (versions[i]?.id === detail.id ? 'differs' : ''))}<div class="charts">${chartsHtml}</div>`,
    `<h2>History</h2>${htmlTable(
      ['at', 'action', 'detail', 'reason'],
      detail.history.map((h) => [h.at, h.action, h.detail, h.reason]),
    )}`,
  ].join('\n');
  return htmlPage(title, subtitle, body, provenance);
}

export function modelReportMarkdown({ detail, versions, provenance }: ModelReportData): string {
  const [title, subtitle] = titleOf(detail);
  const m = metricsAcross(versions);
  const lineage = versions.map(
    (v) =>
      `- ${escapeMarkdown(label(v))}${v.parent_id !== null ? ` ← parent version id ${v.parent_id}` : ''}${v.id === detail.id ? ' **(this version)**' : ''}`,
  );
  return [
    `# ${escapeMarkdown(title)}`,
    '',
    escapeMarkdown(subtitle),
    '',
    '## Model card',
    '',
    // The card is the user's own Markdown, but quoted and escaped: a report never carries live HTML.
    ...(detail.card || '(no card written)').split(/\r?\n/).map((l) => `> ${escapeHtml(l)}`),
    '',
    '## Lineage',
    '',
    ...lineage,
    '',
    '## Metrics across versions',
    '',
    markdownTable(m.head, m.rows),
    '',
    provenanceMarkdown(provenance),
  ].join('\n');
}
