/** What a run's header and tables show of its MLflow tags, durations and long values: pure, tested. */

/** MLflow's system tags a run's header names, in the order it shows them. */
export const HEADER_TAGS = [
  ['mlflow.user', 'User'],
  ['mlflow.source.name', 'Source name'],
  ['mlflow.source.type', 'Source type'],
  ['mlflow.project.entryPoint', 'Entry point'],
  ['mlflow.source.git.commit', 'Git commit'],
] as const;

export type HeaderTag = (typeof HEADER_TAGS)[number][0];

/** The header facts a run's tags give: only those it has, non-blank. */
export function taggedFacts(
  tags: Readonly<Record<string, string>>,
): { tag: HeaderTag; label: string; value: string }[] {
  return HEADER_TAGS.flatMap(([tag, label]) => {
    const value = tags[tag]?.trim();
    return value ? [{ tag, label, value }] : [];
  });
}

/** `3723004` ms → `1h 2m 3s`; under a minute with a tenth (`12.3s`); null when not both ends known. */
export function formatDuration(ms: number | null): string | null {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return null;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)}s`;
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${h}h ${m}m ${sec}s`;
  return `${m}m ${sec}s`;
}

/** From start to end, or to `now` while it runs; null when it never started. */
export function runDuration(
  run: { started_at: string | null; ended_at: string | null },
  now: number,
): number | null {
  if (!run.started_at) return null;
  const start = Date.parse(run.started_at);
  const end = run.ended_at ? Date.parse(run.ended_at) : now;
  return Number.isNaN(start) || Number.isNaN(end) ? null : end - start;
}

/** A value worth folding: longer than a table cell shows, or more than one line. */
export const LONG_VALUE = 80;
export const isLong = (text: string): boolean => text.length > LONG_VALUE || text.includes('\n');

/** A JSON object or array indented for reading; any other text as it is. */
export function expandedText(text: string): string {
  const t = text.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return text;
  try {
    return JSON.stringify(JSON.parse(t), null, 2);
  } catch {
    return text;
  }
}

/** Rows whose name or value contains every word of `query`, case-insensitive. */
export function matchRows<T extends { name: string; text: string }>(
  rows: readonly T[],
  query: string,
): T[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter((r) => {
    const hay = `${r.name}\n${r.text}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}
