import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../core/reports/pdf.js';
import type { CliResult } from '../testing/runCli.js';
import { HOSTILE, makeReportFixture } from '../testing/reportFixture.js';

let dir = '';
let out = '';
let cli: (...args: string[]) => Promise<CliResult>;
beforeAll(async () => {
  ({ dir, cli } = await makeReportFixture());
  out = mkdtempSync(join(tmpdir(), 'benchtop-report-out-'));
}, 120_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

const ESCAPED = '&lt;img src=x onerror=alert(1)&gt;';
/** A self-contained page: no URL of any kind the browser could fetch. */
const expectSelfContained = (html: string) => {
  expect(html).not.toMatch(/https?:\/\//i);
  expect(html).not.toMatch(/(src|href)\s*=\s*["']?\s*\/\//i);
  expect(html).not.toContain('<script');
  expect(html).not.toContain(HOSTILE);
  expect(html).toContain('@media print');
};

async function report(args: string[], file: string): Promise<string> {
  const path = join(out, file);
  const r = await cli('report', ...args, '--out', path, '--json');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(r.json()).toMatchObject({ path });
  return readFileSync(path, 'utf8');
}

describe('benchtop report', () => {
  it('renders a comparison with a param diff, SVG charts, hostile names as text and provenance', async () => {
    const html = await report(['--runs', '1,2', '--format', 'html'], 'compare.html');
    expectSelfContained(html);
    expect(html).toContain('Comparison of 2 runs');
    expect(html).toContain(ESCAPED);
    expect(html).toMatch(/<tr class="differs"><td>epochs<\/td>/);
    expect(html.match(/<polyline /g)?.length).toBeGreaterThanOrEqual(4);
    const hash = /sha256:[0-9a-f]{64}/.exec(html)?.[0];
    expect(hash).toBeDefined();
    expect(html).toMatch(/<dt>Benchtop<\/dt><dd>\d+\.\d+\.\d+<\/dd>/);
    expect(html).toMatch(/<dt>Runs<\/dt><dd>1, 2<\/dd>/);
    expect(html).toMatch(/<dt>Exported<\/dt><dd>\d{4}-\d\d-\d\dT/);
  });

  it('renders a single run as Markdown with escaped cells and provenance', async () => {
    const md = await report(['--run', '1', '--format', 'md'], 'run.md');
    expect(md).toContain('# Run #1 run-1');
    expect(md).toContain(ESCAPED);
    expect(md).not.toContain(HOSTILE);
    expect(md).toMatch(/- Benchtop: \d/);
    expect(md).toMatch(/`sha256:[0-9a-f]{64}`/);
  });

  it("a report's final metrics say what each was measured on: test_accuracy is the test split, accuracy the last epoch", async () => {
    const md = await report(['--run', '1', '--format', 'md'], 'final-metrics.md');
    const [run] = (await cli('runs', '--filter', 'id = 1', '--json')).json();
    const final = md.slice(md.indexOf('## Final metrics'), md.indexOf('## Parameters'));
    const curves = md.slice(md.indexOf('## Metric histories'));
    const row = (section: string, name: string) =>
      section.split('\n').find((l) => l.startsWith(`| ${name.replace(/_/g, '\\_')} |`));
    expect(row(final, 'test_accuracy')).toContain('| test split |');
    expect(row(final, 'test_accuracy')).toContain(
      String(Number(run.metrics.test_accuracy.toPrecision(4))),
    );
    // Curves are in their own table, once: never beside the test split's numbers.
    expect(row(final, 'accuracy')).toBeUndefined();
    expect(row(curves, 'accuracy')).toContain('| training (last epoch) |');
    expect(row(curves, 'val_accuracy')).toContain('| validation (last epoch) |');
    expect(row(curves, 'test_accuracy')).toBeUndefined();
    // Charts are for curves: a single test point gets none.
    const html = await report(['--run', '1', '--format', 'html'], 'final-metrics.html');
    expect(html).toContain('<td>test_roc_auc</td><td>test split</td>');
    expect(html).not.toContain('<figcaption>test_roc_auc</figcaption>');
    expect(html).toContain('<figcaption>accuracy</figcaption>');
  });

  it('renders a drift report with a per-column table and distribution bars', async () => {
    const html = await report(['--drift', '1', '--format', 'html'], 'drift.html');
    expectSelfContained(html);
    // Datasets by name and version, as people know them, not by id.
    expect(html).toMatch(/current [^<(]+ v\d+ \(\d+ rows\) against [^<(]+ v\d+ \(\d+ rows\)/);
    expect(html).not.toMatch(/current #\d|dataset #\d/);
    expect(html).toContain(`<td>${ESCAPED}</td>`);
    expect(html).toContain('<rect ');
    expect(html).toMatch(/<dt>Drift checks<\/dt><dd>1<\/dd>/);
  });

  it('renders a model version with its card, lineage and metrics across versions', async () => {
    const html = await report(['--model', 'iris-clf@2', '--format', 'html'], 'model.html');
    expectSelfContained(html);
    expect(html).toContain('Model iris-clf v2');
    expect(html).toMatch(/<ul class="tree"><li>v1 .*<ul class="tree"><li><strong>v2/s);
    expect(html).toMatch(/<dt>Model versions<\/dt><dd>2<\/dd>/);
    const v1 = await report(['--model', 'iris-clf@1', '--format', 'html'], 'model1.html');
    expect(v1).toContain(`Note: ${ESCAPED}`);
    expect(await report(['--model', 'iris-clf', '--format', 'md'], 'model.md')).toContain(
      '# Model iris-clf v2',
    );
  });

  it.skipIf(!findChromium())(
    'prints a PDF with headless Chromium',
    async () => {
      const path = join(out, 'compare.pdf');
      const r = await cli('report', '--runs', '1,2', '--format', 'pdf', '--out', path);
      expect([r.code, r.stderr]).toEqual([0, '']);
      expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
    },
    120_000,
  );

  it('says in one line that PDF needs Chromium when none is installed', async () => {
    const saved = process.env.BENCHTOP_CHROMIUM;
    process.env.BENCHTOP_CHROMIUM = join(out, 'no-such-chromium');
    try {
      const r = await cli('report', '--run', '1', '--format', 'pdf', '--out', join(out, 'x.pdf'));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^benchtop: PDF needs Chromium .*\n$/);
      expect(existsSync(join(out, 'x.pdf'))).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.BENCHTOP_CHROMIUM;
      else process.env.BENCHTOP_CHROMIUM = saved;
    }
  });
});

describe('benchtop export', () => {
  it('exports runs matching the explorer query as CSV with formula injection neutralised', async () => {
    const path = join(out, 'runs.csv');
    expect(
      (await cli('export', 'runs', '--filter', 'params.lr < 0.1', '--format', 'csv', '--out', path))
        .code,
    ).toBe(0);
    const lines = readFileSync(path, 'utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^id,name,status,experiment,.*params\.lr.*metrics\.accuracy/);
    expect(lines[1]).toMatch(/^2,run-2,finished,Default,/);
  });

  it('exports all runs as JSON with params, final metrics and provenance', async () => {
    const path = join(out, 'runs.json');
    expect((await cli('export', 'runs', '--format', 'json', '--out', path)).code).toBe(0);
    const doc = JSON.parse(readFileSync(path, 'utf8'));
    expect(doc.runs.map((r: { id: number }) => r.id)).toEqual([2, 1]);
    expect(doc.runs[1]).toMatchObject({ experiment: HOSTILE, params: { epochs: 3 } });
    expect(doc.provenance.datasets[0].hash).toMatch(/^sha256:/);
  });

  it('exports drift results and metric histories as CSV', async () => {
    const drift = join(out, 'drift.csv');
    expect(
      (await cli('export', 'drift', '--drift', '1', '--format', 'csv', '--out', drift)).code,
    ).toBe(0);
    expect(readFileSync(drift, 'utf8')).toContain(`1,${HOSTILE},tested,categorical`);
    const metrics = join(out, 'metrics.csv');
    expect(
      (await cli('export', 'metrics', '--runs', '1', '--format', 'csv', '--out', metrics)).code,
    ).toBe(0);
    const rows = readFileSync(metrics, 'utf8').trimEnd().split('\r\n');
    expect(rows[0]).toBe('run_id,key,step,value,time');
    expect(rows.filter((r) => r.startsWith('1,loss,'))).toHaveLength(3);
  });
});

describe('bad input: exit 2, one line, nothing written', () => {
  const cases: [string, string[], string][] = [
    [
      'an unknown run',
      ['report', '--run', '99', '--format', 'html'],
      'benchtop: no run with id 99',
    ],
    [
      'unknown runs in a comparison',
      ['report', '--runs', '1,98', '--format', 'html'],
      'benchtop: no run with id 98',
    ],
    [
      'an unknown drift check',
      ['report', '--drift', '42', '--format', 'md'],
      'benchtop: no drift report with id 42',
    ],
    [
      'an unknown model',
      ['report', '--model', 'nope', '--format', 'html'],
      'benchtop: no model named nope',
    ],
    [
      'an unknown model version',
      ['report', '--model', 'iris-clf@9', '--format', 'html'],
      'benchtop: model iris-clf has no version 9',
    ],
    [
      'two subjects',
      ['report', '--run', '1', '--drift', '1'],
      'benchtop: report needs exactly one of',
    ],
    [
      'a bad format',
      ['report', '--run', '1', '--format', 'docx'],
      'benchtop: --format must be html, pdf or md, got "docx"',
    ],
    [
      'a run id that is not a number',
      ['report', '--run', 'x1'],
      'benchtop: --run must be an id, got "x1"',
    ],
    [
      'an export format for a report',
      ['export', 'runs', '--format', 'html'],
      'benchtop: --format must be csv or json, got "html"',
    ],
    [
      'a bad query',
      ['export', 'runs', '--filter', 'params.lr <', '--format', 'csv'],
      'benchtop: query',
    ],
  ];
  for (const [what, args, message] of cases) {
    it(what, async () => {
      const path = join(out, `bad-${what.replace(/\W+/g, '-')}`);
      const r = await cli(...args, '--out', path);
      expect([r.code, r.stdout]).toEqual([2, '']);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(message);
      expect(existsSync(path)).toBe(false);
    });
  }

  it('an output path that cannot be written', async () => {
    const file = join(out, 'a-file');
    writeFileSync(file, '');
    const r = await cli(
      'report',
      '--run',
      '1',
      '--format',
      'html',
      '--out',
      join(file, 'report.html'),
    );
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(
      `benchtop: cannot write ${join(file, 'report.html')}: a part of the path is not a folder\n`,
    );
  });

  it('a missing --out', async () => {
    const r = await cli('report', '--run', '1', '--format', 'html');
    expect([r.code, r.stderr]).toEqual([2, 'benchtop: --out FILE is required\n']);
  });
});
