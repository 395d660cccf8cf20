import { escapeHtml, escapeMarkdown } from './escape.js';

/** Where a report came from: printed at the foot of every report. */
export interface Provenance {
  appVersion: string;
  /** ISO time of the export. */
  exportedAt: string;
  runIds: number[];
  versionIds: number[];
  driftIds: number[];
  datasets: { id: number; name: string; version: number; hash: string }[];
}

const ids = (list: number[]) => (list.length ? list.join(', ') : '—');

export function provenanceHtml(p: Provenance): string {
  const datasets = p.datasets.length
    ? p.datasets
        .map(
          (d) =>
            `<li>#${d.id} ${escapeHtml(d.name)} v${d.version} <code>${escapeHtml(d.hash)}</code></li>`,
        )
        .join('')
    : '<li>—</li>';
  return `<section class="provenance"><h2>Provenance</h2><dl>
<dt>Benchtop</dt><dd>${escapeHtml(p.appVersion)}</dd>
<dt>Exported</dt><dd>${escapeHtml(p.exportedAt)}</dd>
<dt>Runs</dt><dd>${escapeHtml(ids(p.runIds))}</dd>
<dt>Model versions</dt><dd>${escapeHtml(ids(p.versionIds))}</dd>
<dt>Drift checks</dt><dd>${escapeHtml(ids(p.driftIds))}</dd>
<dt>Datasets</dt><dd><ul>${datasets}</ul></dd></dl></section>`;
}

export function provenanceMarkdown(p: Provenance): string {
  const datasets = p.datasets.map(
    (d) => `- #${d.id} ${escapeMarkdown(d.name)} v${d.version} \`${escapeHtml(d.hash)}\``,
  );
  return [
    '## Provenance',
    '',
    `- Benchtop: ${escapeMarkdown(p.appVersion)}`,
    `- Exported: ${escapeMarkdown(p.exportedAt)}`,
    `- Runs: ${ids(p.runIds)}`,
    `- Model versions: ${ids(p.versionIds)}`,
    `- Drift checks: ${ids(p.driftIds)}`,
    '- Datasets:',
    ...(datasets.length ? datasets.map((l) => `  ${l}`) : ['  - —']),
    '',
  ].join('\n');
}
