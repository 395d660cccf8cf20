import { describe, expect, it } from 'vitest';
import type { ExplorerRun } from '../../../shared/api/runRecords.js';
import { seriesColor } from '../../../shared/palette.js';
import { runsReportHtml, runsReportMarkdown, type RunsReportData } from './runReports.js';

const run = (id: number, over: Partial<ExplorerRun> = {}): ExplorerRun => ({
  id,
  name: `mlp-${id}`,
  status: 'finished',
  source: 'benchtop',
  model: 'mlp',
  task: 'multiclass',
  experiment: 'Default',
  dataset_id: 4,
  target: 'species',
  backend: 'cpu',
  error: null,
  params: { lr: 0.001 * id },
  metrics: {
    accuracy: 0.99,
    loss: 0.1,
    val_accuracy: 0.95,
    test_accuracy: 0.9,
    test_f1_macro: 0.89,
  },
  created_at: '2026-12-04T10:00:00.000Z',
  started_at: '2026-12-04T10:00:00.000Z',
  ended_at: '2026-12-04T10:01:00.000Z',
  tags: {},
  note: '',
  archived: false,
  ...over,
});

const curve = (key: string, values: number[]) => ({
  key,
  steps: values.map((_, i) => i),
  values,
  times: values.map((_, i) => i),
});

const evaluation = {
  task: 'multiclass',
  classes: ['setosa', 'versicolor', 'virginica'],
  confusion: [
    [10, 0, 0],
    [0, 9, 1],
    [0, 2, 8],
  ],
  roc: ['setosa', 'versicolor', 'virginica'].map((label) => ({
    label,
    fpr: [0, 0.1, 1],
    tpr: [0, 0.9, 1],
    auc: 0.95,
  })),
  pr: ['setosa', 'versicolor', 'virginica'].map((label) => ({
    label,
    recall: [0, 0.9, 1],
    precision: [1, 0.9, 0.33],
    averagePrecision: 0.9,
  })),
};

function data(ids: number[]): RunsReportData {
  const runs = ids.map((id) => run(id));
  return {
    runs,
    comparison: {
      params: { lr: Object.fromEntries(runs.map((r) => [r.id, r.params.lr!])) },
      metrics: Object.fromEntries(
        ['accuracy', 'loss', 'val_accuracy'].map((k) => [
          k,
          Object.fromEntries(
            runs.map((r) => [r.id, { last: r.metrics[k]!, min: 0.1, max: 0.99, best_step: 2 }]),
          ),
        ]),
      ),
      differing_params: ids.length > 1 ? ['lr'] : [],
    },
    series: Object.fromEntries(
      runs.map((r) => [
        r.id,
        [
          curve('accuracy', [0.5, 0.9, 0.99]),
          curve('loss', [123456.789, 0.5, -0.0001234567]),
          curve('val_accuracy', [0.4, 0.9, 0.95]),
          curve('test_accuracy', [0.9]),
        ],
      ]),
    ),
    evaluations: Object.fromEntries(runs.map((r) => [r.id, evaluation])),
    provenance: {
      appVersion: '0.1.0',
      exportedAt: '2026-12-04T12:00:00.000Z',
      runIds: ids,
      versionIds: [],
      driftIds: [],
      datasets: [{ id: 4, name: 'iris', version: 2, hash: 'abc' }],
    },
  };
}

/** Each table's rows' first cells (the metric, param or class each row is about), by the heading above it. */
function tables(html: string): { heading: string; firstCells: string[]; text: string }[] {
  const out: { heading: string; firstCells: string[]; text: string }[] = [];
  const re = /<h[23]>([^<]*)<\/h[23]>(?:(?!<h[23]>)[\s\S])*?<table>([\s\S]*?)<\/table>/g;
  for (const m of html.matchAll(re)) {
    const body = m[2]!.split('<tbody>')[1] ?? '';
    const firstCells = [...body.matchAll(/<tr[^>]*><t[dh][^>]*>([^<]*)</g)].map((c) => c[1]!);
    out.push({ heading: m[1]!, firstCells, text: m[2]! });
  }
  return out;
}

describe('a run report', () => {
  for (const ids of [[1], [1, 2]]) {
    const html = runsReportHtml(data(ids));
    const label = ids.length === 1 ? 'one run' : 'a comparison';

    it(`shows each metric in one table only (${label})`, () => {
      const metricTables = tables(html).filter((t) => /metric/i.test(t.heading));
      expect(metricTables.length).toBeGreaterThan(0);
      const seen = new Map<string, string>();
      for (const t of metricTables)
        for (const key of t.firstCells) {
          expect(seen.get(key), `${key} in "${seen.get(key)}" and "${t.heading}"`).toBeUndefined();
          seen.set(key, t.heading);
        }
      for (const key of ['accuracy', 'loss', 'val_accuracy', 'test_accuracy', 'test_f1_macro'])
        expect(seen.has(key), key).toBe(true);
      const bodies = tables(html).map((t) => t.text);
      expect(new Set(bodies).size).toBe(bodies.length);
    });

    it(`names the dataset by name and version, not by id (${label})`, () => {
      expect(html).toContain('iris v2');
      expect(html).not.toMatch(/dataset #4|<td class="num">4<\/td>/);
    });

    it(`shows the confusion matrix and the ROC and PR curves of a classification run (${label})`, () => {
      expect(html).toMatch(/<h3>Confusion matrix[^<]*<\/h3>/);
      expect(html).toContain('true ↓ / predicted →');
      expect(html).toMatch(/<td class="num diagonal">8<\/td>/);
      expect(html).toMatch(/aria-label="ROC curve[^"]*"/);
      expect(html).toMatch(/aria-label="Precision–recall curve[^"]*"/);
      expect(html).toContain('false positive rate');
      expect(html).toContain('true positive rate');
      // Classes take the palette by position, as in the app's charts.
      expect(html).toContain(`stroke="${seriesColor(2)}"`);
    });
  }

  it('colours each run as the app does (by run id), so a report matches the compare view', () => {
    const html = runsReportHtml(data([3, 5]));
    const accuracy = html.slice(html.indexOf('aria-label="accuracy"'));
    const figure = accuracy.slice(0, accuracy.indexOf('</figure>'));
    expect(figure).toContain(`stroke="${seriesColor(3)}"`);
    expect(figure).toContain(`stroke="${seriesColor(5)}"`);
  });

  it('keeps every axis label inside its chart, however long the numbers', () => {
    const html = runsReportHtml(data([1]));
    for (const svg of html.matchAll(/<svg width="(\d+)" height="(\d+)"[\s\S]*?<\/svg>/g)) {
      const [w, h] = [Number(svg[1]), Number(svg[2])];
      for (const t of svg[0].matchAll(
        /<text x="([\d.-]+)" y="([\d.-]+)"([^>]*)>([^<]*)<\/text>/g,
      )) {
        const x = Number(t[1]);
        const width = t[4]!.length * 6; // 10px sans-serif: under 6px a character
        const anchor = /text-anchor="(\w+)"/.exec(t[3]!)?.[1] ?? 'start';
        const rotated = t[3]!.includes('rotate');
        const left = rotated
          ? x - 8
          : anchor === 'end'
            ? x - width
            : anchor === 'middle'
              ? x - width / 2
              : x;
        const right = rotated ? x + 8 : left + width;
        expect(left, `"${t[4]}" starts at ${left}`).toBeGreaterThanOrEqual(0);
        expect(right, `"${t[4]}" ends at ${right} of ${w}`).toBeLessThanOrEqual(w);
        expect(Number(t[2])).toBeLessThanOrEqual(h);
      }
    }
  });

  it('gives the Markdown the same single tables, the dataset by name and the confusion matrix', () => {
    const md = runsReportMarkdown(data([1]));
    expect(md).toContain('iris v2');
    expect(md).toContain('## Confusion matrix');
    expect(md.match(/^\| test\\_accuracy /gm)).toHaveLength(1);
    expect(md.match(/^\| accuracy /gm)).toHaveLength(1);
  });
});
