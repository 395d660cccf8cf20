import { z } from 'zod';

/** Reports people can send (HTML, Markdown) and exports (CSV, JSON): the contract's reports.* methods. */

const Id = z.number().int();
const RunIds = z.array(Id).min(1, 'pick at least one run').max(50, 'at most 50 runs in one report');
/** pdf: the HTML printed by headless Chromium on the serving machine (base64 in `content`). */
export const ReportFormat = z.enum(['html', 'md', 'pdf'], 'the format must be html, md or pdf');
export const ExportFormat = z.enum(['csv', 'json'], 'the format must be csv or json');

export const ReportRequest = z.discriminatedUnion('kind', [
  /** Selected runs side by side: param diff, metric charts, summary. */
  z.object({ kind: z.literal('compare'), runIds: RunIds, format: ReportFormat }),
  z.object({ kind: z.literal('run'), runId: Id, format: ReportFormat }),
  /** A drift check as a report (html, md) or its per-column results (csv, json). */
  z.object({
    kind: z.literal('drift'),
    driftId: Id,
    format: z.enum(
      ['html', 'md', 'pdf', 'csv', 'json'],
      'the format must be html, md, pdf, csv or json',
    ),
  }),
  /** A model version: its card, lineage and metrics across versions; no version means the latest. */
  z.object({
    kind: z.literal('model'),
    model: z.string().min(1, 'a model name is required'),
    version: z.number().int().positive().optional(),
    format: ReportFormat,
  }),
  /** Runs matching the explorer's query: params and final metrics. */
  z.object({
    kind: z.literal('runs'),
    filter: z.string().max(10_000, 'the query is too long').default(''),
    format: ExportFormat,
  }),
  /** Every metric point of the given runs. */
  z.object({ kind: z.literal('metrics'), runIds: RunIds, format: ExportFormat }),
]);
export type ReportRequest = z.input<typeof ReportRequest>;

export const RenderedReport = z.object({
  /** A suggested file name, e.g. `benchtop-compare-3-7.html`. */
  fileName: z.string(),
  mimeType: z.string(),
  /** utf8 text, or base64 for binary formats (pdf). */
  encoding: z.enum(['utf8', 'base64']),
  content: z.string(),
});
export type RenderedReport = z.infer<typeof RenderedReport>;

export const reportsApi = {
  'reports.render': { input: ReportRequest, output: RenderedReport },
} as const;
