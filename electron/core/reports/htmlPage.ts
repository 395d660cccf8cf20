import { escapeHtml, escapeMarkdown } from './escape.js';
import { provenanceHtml, type Provenance } from './provenance.js';

/** Inline styles only: a report opens anywhere, offline, and prints on A4 or Letter. */
const CSS = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --surface: #f6f7f9; --border: #dfe2e7; --text: #1f2328; --muted: #667085;
  --accent: #2563eb; --accent-soft: #e6eefc; --axis: #9aa3b2; --highlight: #fff6e0;
  --bad-bg: #fde2e1; --bad: #8a1c17; --good-bg: #dff3e4; --good: #1b5e2b;
}
/* The app's dark palette (renderer/src/styles/base.css), for reading on screen; print stays light. */
@media screen and (prefers-color-scheme: dark) {
  :root {
    --bg: #111318; --surface: #1a1d24; --border: #2c313b; --text: #e4e7ec; --muted: #9ba3b1;
    --accent: #7aa7ff; --accent-soft: #1d2b47; --axis: #6b7383; --highlight: #33290f;
    --bad-bg: #3b1e1c; --bad: #ff8f85; --good-bg: #16301f; --good: #75e0a7;
  }
}
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--text); background: var(--bg); margin: 24px auto; max-width: 1000px; padding: 0 16px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 24px 0 8px; border-bottom: 1px solid var(--border); padding-bottom: 4px; }
h3 { font-size: 14px; margin: 12px 0 4px; }
.subtitle { color: var(--muted); margin: 0 0 16px; }
table { border-collapse: collapse; margin: 4px 0 12px; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid var(--border); padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: var(--surface); font-weight: 600; }
td.num, th.num { text-align: right; }
td.diagonal { font-weight: 600; background: var(--accent-soft); }
tr.differs td, tr.drifted td { background: var(--highlight); }
.charts { display: flex; flex-wrap: wrap; gap: 12px; }
figure { margin: 0; border: 1px solid var(--border); border-radius: 4px; padding: 6px; break-inside: avoid; max-width: 100%; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-weight: 600; font-size: 13px; margin-bottom: 2px; }
svg text { font: 10px system-ui, sans-serif; fill: var(--muted); }
svg text.axis-title { fill: var(--text); }
svg line { stroke: var(--axis); }
.legend { display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 12px; margin: 4px 0; max-width: 440px; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; vertical-align: middle; }
pre.card { white-space: pre-wrap; background: var(--surface); border: 1px solid var(--border); padding: 8px; font: 13px/1.4 ui-monospace, monospace; }
.badge { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 12px; background: var(--surface); }
.badge.bad { background: var(--bad-bg); color: var(--bad); } .badge.good { background: var(--good-bg); color: var(--good); }
.provenance { color: var(--muted); font-size: 12px; } .provenance dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; }
.provenance dd { margin: 0; } .provenance ul { margin: 0; padding-left: 16px; } code { font-size: 11px; word-break: break-all; }
ul.tree { list-style: none; padding-left: 16px; margin: 0; } ul.tree > li::before { content: "└ "; color: var(--axis); }
@media print {
  body { margin: 0; max-width: none; font-size: 11px; }
  h2 { break-after: avoid; } table, figure, section { break-inside: avoid; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  table { max-width: 100%; } td, th { overflow-wrap: break-word; padding: 2px 5px; }
  .charts { gap: 8px; } figure { width: calc(50% - 6px); box-sizing: border-box; } figure svg { width: 100%; height: auto; }
  a { color: inherit; text-decoration: none; }
}
@page { margin: 14mm; }
`;

/** A whole report page: title, body sections and the provenance footer. */
export function htmlPage(
  title: string,
  subtitle: string,
  body: string,
  provenance: Provenance,
): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title><style>${CSS}</style></head>
<body><h1>${escapeHtml(title)}</h1><p class="subtitle">${escapeHtml(subtitle)}</p>
${body}
${provenanceHtml(provenance)}
</body></html>
`;
}

export type Cell = string | number | boolean | null | undefined;

/** Formats a number for a report: integers as they are, others to 4 significant digits. */
export function formatValue(v: Cell): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return String(v);
    return Number.isInteger(v) ? String(v) : Number(v.toPrecision(4)).toString();
  }
  return String(v);
}

/** An HTML table; every cell escaped. `rowClass` marks rows (differs, drifted). */
export function htmlTable(
  head: string[],
  rows: Cell[][],
  rowClass: (i: number) => string = () => '',
): string {
  const th = head.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const tr = rows
    .map((row, i) => {
      const cls = rowClass(i);
      const tds = row
        .map(
          (c) =>
            `<td${typeof c === 'number' ? ' class="num"' : ''}>${escapeHtml(formatValue(c))}</td>`,
        )
        .join('');
      return `<tr${cls ? ` class="${escapeHtml(cls)}"` : ''}>${tds}</tr>`;
    })
    .join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${tr}\n</tbody></table>`;
}

/** A Markdown table; every cell escaped. */
export function markdownTable(head: string[], rows: Cell[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(head.map(escapeMarkdown)),
    line(head.map(() => '---')),
    ...rows.map((r) => line(r.map((c) => escapeMarkdown(formatValue(c))))),
  ].join('\n');
}
