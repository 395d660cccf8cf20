const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** The one HTML escape: every user-supplied string goes through it, in text and in attributes. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/**
 * Text for a Markdown table cell or line: HTML-escaped (Markdown viewers render inline HTML),
 * pipes escaped and line breaks flattened so a cell stays one cell.
 */
export function escapeMarkdown(value: unknown): string {
  return escapeHtml(value)
    .replace(/\|/g, '\\|')
    .replace(/[`*_[\]]/g, (c) => `\\${c}`)
    .replace(/\r?\n|\r/g, ' ');
}
