import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedInput } from '../../../shared/api.js';
import type { MetricSeries } from '../../../shared/domain.js';
import type { ExplorerRun } from '../../../shared/api/runRecords.js';
import type { RenderedReport } from '../../../shared/api/reports.js';
import { appRoot } from '../appPaths.js';
import { recordsToCsv } from './csv.js';
import { htmlToPdf } from './pdf.js';
import { driftRecords, driftReportHtml, driftReportMarkdown } from './driftReport.js';
import { modelReportHtml, modelReportMarkdown } from './modelReport.js';
import { createReportData, type Caller, type Stamp } from './reportData.js';
import { runsReportHtml, runsReportMarkdown } from './runReports.js';
import { metricRecords, runRecords } from './runsExport.js';

type Request = ParsedInput<'reports.render'>;
const MIME = {
  html: 'text/html;charset=utf-8',
  md: 'text/markdown;charset=utf-8',
  pdf: 'application/pdf',
  csv: 'text/csv;charset=utf-8',
  json: 'application/json',
} as const;

let version: string | undefined;
/** The app version from package.json, read once. */
export function appVersion(): string {
  version ??= String(
    (JSON.parse(readFileSync(join(appRoot(), 'package.json'), 'utf8')) as { version?: unknown })
      .version ?? 'unknown',
  );
  return version;
}
const defaultStamp = (): Stamp => ({
  appVersion: appVersion(),
  exportedAt: new Date().toISOString(),
});

/** `reports.render`: a report (html, md) or an export (csv, json) as text with a suggested file name. */
export function createReportRenderer(call: Caller, stamp: () => Stamp = defaultStamp) {
  const data = createReportData(call, stamp);
  const done = (base: string, format: keyof typeof MIME, content: string): RenderedReport => ({
    fileName: `benchtop-${base}.${format}`,
    mimeType: MIME[format],
    encoding: format === 'pdf' ? 'base64' : 'utf8',
    content,
  });
  /** A report in its three forms; PDF is the HTML printed by headless Chromium. */
  const report = async (
    base: string,
    format: 'html' | 'md' | 'pdf',
    html: () => string,
    md: () => string,
  ): Promise<RenderedReport> => {
    if (format === 'md') return done(base, 'md', md());
    if (format === 'html') return done(base, 'html', html());
    return done(base, 'pdf', (await htmlToPdf(html())).toString('base64'));
  };
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

  return async (req: Request): Promise<RenderedReport> => {
    switch (req.kind) {
      case 'compare':
      case 'run': {
        const ids = req.kind === 'run' ? [req.runId] : req.runIds;
        const d = await data.runs(ids);
        const base =
          req.kind === 'run'
            ? `run-${req.runId}`
            : `compare-${[...new Set(ids)].slice(0, 8).join('-')}`;
        return report(
          base,
          req.format,
          () => runsReportHtml(d),
          () => runsReportMarkdown(d),
        );
      }
      case 'drift': {
        const d = await data.drift(req.driftId);
        const base = `drift-${req.driftId}`;
        if (req.format !== 'csv' && req.format !== 'json')
          return report(
            base,
            req.format,
            () => driftReportHtml(d),
            () => driftReportMarkdown(d),
          );
        const records = driftRecords(d.report);
        return done(
          base,
          req.format,
          req.format === 'csv'
            ? recordsToCsv(records)
            : json({ provenance: d.provenance, report: d.report }),
        );
      }
      case 'model': {
        const d = await data.model(req.model, req.version);
        const base = `model-${req.model.replace(/[^\w.-]+/g, '_')}-v${d.detail.version}`;
        return report(
          base,
          req.format,
          () => modelReportHtml(d),
          () => modelReportMarkdown(d),
        );
      }
      case 'runs': {
        const { ids } = await call('runs.query', { filter: req.filter });
        const runs = ids.length ? await data.runsTable(ids) : [];
        const datasets = await data.datasetsById();
        const records = runRecords(runs, datasets);
        const provenance = data.provenance(
          datasets,
          runs.map((r) => r.dataset_id),
          { runIds: ids },
        );
        return done(
          'runs',
          req.format,
          req.format === 'csv'
            ? recordsToCsv(records)
            : json({ provenance, filter: req.filter, runs }),
        );
      }
      case 'metrics': {
        const ids = [...new Set(req.runIds)];
        const runs = await data.runsTable(ids);
        const series = new Map<number, MetricSeries[]>();
        for (const id of ids) {
          const charted = await call('runs.metrics', { id });
          const run = runs.find((r) => r.id === id);
          series.set(id, run ? await everyPoint(call, run, charted) : charted);
        }
        const records = metricRecords(series);
        const provenance = data.provenance(
          await data.datasetsById(),
          runs.map((r) => r.dataset_id),
          { runIds: ids },
        );
        return done(
          `metrics-${ids.slice(0, 8).join('-')}`,
          req.format,
          req.format === 'csv' ? recordsToCsv(records) : json({ provenance, points: records }),
        );
      }
    }
  };
}

/**
 * A run a script logged or an import brought can hold more than one point per step (a step
 * logged twice, NaN): an export gives its whole history, as MLflow's does, not the charted line.
 */
async function everyPoint(
  call: Caller,
  run: Pick<ExplorerRun, 'id' | 'source'>,
  charted: MetricSeries[],
): Promise<MetricSeries[]> {
  if (run.source === 'benchtop') return charted;
  const [tracked] = await call('runs.tracked', { ids: [run.id] });
  if (!tracked) return charted;
  const out: MetricSeries[] = [];
  for (const { key } of charted) {
    const series: MetricSeries = { key, steps: [], values: [], times: [] };
    for (let offset = 0; ;) {
      const { points, total } = await call('runs.history', { uid: tracked.uid, key, offset });
      for (const p of points) {
        series.steps.push(p.step);
        series.values.push(p.value);
        series.times.push(p.time);
      }
      offset += points.length;
      if (!points.length || offset >= total) break;
    }
    out.push(series);
  }
  return out;
}
