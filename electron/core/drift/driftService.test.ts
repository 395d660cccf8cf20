import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLES, useTempDirs } from '../../testing/tempDir.js';
import { createCore, type Core } from '../core.js';
import { ksTwoSample } from './ksTwoSample.js';
import { readFileSync } from 'node:fs';

const iris = readFileSync(join(SAMPLES, 'iris.csv'), 'utf8');
const [irisHeader, ...irisRows] = iris.trim().split('\n');

describe('drift checks', () => {
  const tempDir = useTempDirs();
  let core: Core;
  afterEach(async () => core.close());
  const setup = async () => {
    core = createCore({ dataDir: tempDir() });
    const reference = await core.call('datasets.importSample', { name: 'iris' });
    const upload = (content: string, fileName = 'iris.csv') =>
      core.call('datasets.upload', { fileName, content });
    return { reference, upload };
  };

  it('tests every shared column, with the statistics of the drift core, and keeps the report', async () => {
    const { reference, upload } = await setup();
    const current = await upload([irisHeader, ...irisRows.slice(0, 100)].join('\n'));
    const report = await core.call('drift.check', {
      referenceId: reference.id,
      currentId: current.id,
    });
    expect(report).toMatchObject({
      reference_rows: 150,
      current_rows: 100,
      tested_columns: 5,
      dataset_drift: true,
    });
    const petal = report.columns.find((c) => c.column === 'petal_length_cm')!;
    const column = (rows: string[]) => Float64Array.from(rows, (r) => Number(r.split(',')[2]));
    const expected = ksTwoSample(column(irisRows), column(irisRows.slice(0, 100)));
    expect(petal).toMatchObject({
      kind: 'numeric',
      test: 'ks',
      statistic: expected.statistic,
      p_value: expected.pValue,
      threshold: 0.05,
    });
    expect(report.columns.find((c) => c.column === 'species')).toMatchObject({
      kind: 'categorical',
      test: 'chi2',
      drifted: true,
    });
    expect(petal.distribution.labels).toHaveLength(20);
    expect(petal.distribution.reference.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // Most severe first.
    const drifted = report.columns.map((c) => c.drifted);
    expect(drifted).toEqual([...drifted].sort((a, b) => Number(b) - Number(a)));

    expect(await core.call('drift.get', { id: report.id })).toEqual(report);
    await core.call('drift.check', { referenceId: reference.id, currentId: reference.id });
    const history = await core.call('drift.list', { referenceId: reference.id });
    expect(history.map((h) => [h.id, h.dataset_drift])).toEqual([
      [2, false],
      [1, true],
    ]);
  });

  it('tests numbers as the columnar cache holds them (-0 as 0, missing left out) and dates as time stamps', async () => {
    const { upload } = await setup();
    const rows = (shift: number) =>
      Array.from({ length: 40 }, (_, i) => {
        const x = i === 0 ? 'NA' : i === 1 ? '-0' : String(i * 0.1 + shift);
        const day = `2024-01-${String((i % 28) + 1).padStart(2, '0')}`;
        return `${x},${i === 2 ? 'NA' : day}`;
      });
    const ref = await upload(['x,day', ...rows(0)].join('\n'), 'ref.csv');
    const cur = await upload(['x,day', ...rows(0.35)].join('\n'), 'cur.csv');
    expect(ref.columns.map((c) => c.type)).toEqual(['numeric', 'datetime']);
    const report = await core.call('drift.check', {
      referenceId: ref.id,
      currentId: cur.id,
      numericTest: 'ks',
    });
    const values = (shift: number) =>
      rows(shift)
        .slice(1)
        .map((r) => Number(r.split(',')[0]));
    const expected = ksTwoSample(values(0), values(0.35));
    expect(report.columns.find((c) => c.column === 'x')).toMatchObject({
      status: 'tested',
      test: 'ks',
      statistic: expected.statistic,
      p_value: expected.pValue,
      reference_missing: 1,
    });
    expect(report.columns.find((c) => c.column === 'day')).toMatchObject({
      status: 'tested',
      test: 'ks',
      statistic: 0,
      reference_missing: 1,
      current_missing: 1,
      note: 'datetime compared as time stamps',
    });
  });

  it('uses the tests and threshold asked for', async () => {
    const { reference } = await setup();
    const report = await core.call('drift.check', {
      referenceId: reference.id,
      currentId: reference.id,
      numericTest: 'wasserstein',
      categoricalTest: 'jensenshannon',
      threshold: 0.2,
    });
    expect(
      new Set(report.columns.map((c) => `${c.kind}:${c.test}:${c.threshold}:${c.p_value}`)),
    ).toEqual(new Set(['numeric:wasserstein:0.2:null', 'categorical:jensenshannon:0.2:null']));
  });

  it('compares a column numeric on one side and text on the other as categories, and says so', async () => {
    const { reference, upload } = await setup();
    const current = await upload(
      [irisHeader, ...irisRows.map((r, i) => (i % 2 ? r : r.replace(/^[^,]+/, 'unknown')))].join(
        '\n',
      ),
    );
    const column = (
      await core.call('drift.check', { referenceId: reference.id, currentId: current.id })
    ).columns.find((c) => c.column === 'sepal_length_cm')!;
    expect(column.kind).toBe('categorical');
    expect(column.note).toBe(
      'numeric in the reference but categorical in the current data: compared as categories',
    );
  });

  it('skips a column with no values on one side and counts its missing cells', async () => {
    const { reference, upload } = await setup();
    const current = await upload(
      [irisHeader, ...irisRows.map((r) => r.replace(/,[^,]+$/, ',NA'))].join('\n'),
    );
    const species = (
      await core.call('drift.check', { referenceId: reference.id, currentId: current.id })
    ).columns.find((c) => c.column === 'species')!;
    expect(species).toMatchObject({ test: null, drifted: false, current_missing: 150 });
    expect(species.note).toMatch(/no values/i);
  });

  it('reports a column missing from the current data as drifted, and a new column, without testing them', async () => {
    const { reference, upload } = await setup();
    const withoutSpecies = irisRows.map((r) => `${r.replace(/,[^,]+$/, '')},${r.length % 7}`);
    const current = await upload(
      [
        'sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm,batch',
        ...withoutSpecies,
      ].join('\n'),
    );
    const report = await core.call('drift.check', {
      referenceId: reference.id,
      currentId: current.id,
    });
    expect(report.columns.find((c) => c.column === 'species')).toMatchObject({
      status: 'missing',
      drifted: true,
      test: null,
      note: 'missing column: not in the current data',
    });
    expect(report.columns.find((c) => c.column === 'batch')).toMatchObject({
      status: 'new',
      drifted: false,
      note: 'new column: not in the reference data',
    });
    expect([report.tested_columns, report.drifted_columns]).toEqual([5, 1]);
  });

  it('applies an explicit numeric test to numeric columns with few distinct values too', async () => {
    const { upload } = await setup();
    const few = await upload('x,y\n1,a\n2,b\n3,a\n1,b\n2,a\n3,b\n', 'few.csv');
    const auto = await core.call('drift.check', { referenceId: few.id, currentId: few.id });
    expect(auto.columns.find((c) => c.column === 'x')!.test).toBe('chi2');
    const ks = await core.call('drift.check', {
      referenceId: few.id,
      currentId: few.id,
      numericTest: 'ks',
    });
    expect(ks.columns.find((c) => c.column === 'x')).toMatchObject({ kind: 'numeric', test: 'ks' });
  });

  it('honours a per-column test and threshold', async () => {
    const { reference } = await setup();
    const report = await core.call('drift.check', {
      referenceId: reference.id,
      currentId: reference.id,
      overrides: { petal_width_cm: { test: 'psi', threshold: 0.2 }, species: { threshold: 0.01 } },
    });
    expect(report.columns.find((c) => c.column === 'petal_width_cm')).toMatchObject({
      test: 'psi',
      threshold: 0.2,
    });
    expect(report.columns.find((c) => c.column === 'species')).toMatchObject({
      test: 'chi2',
      threshold: 0.01,
    });
    expect(report.columns.find((c) => c.column === 'sepal_width_cm')).toMatchObject({
      test: 'ks',
      threshold: 0.05,
    });
  });

  it("checks a model's training data and keeps the history per model, with each column's statistic", async () => {
    const { reference, upload } = await setup();
    const runId = core.store.runs.create({
      experiment_id: core.store.experiments.ensure('Default'),
      dataset_id: reference.id,
      model: 'logistic',
      task: 'multiclass',
      target: 'species',
    });
    core.store.runs.markRunning(runId, 'cpu');
    core.store.runs.markEnded(runId, 'finished');
    const version = await core.call('registry.register', { runId, name: 'iris-clf' });
    const current = await upload([irisHeader, ...irisRows.slice(0, 100)].join('\n'));
    const report = await core.call('drift.check', { model: 'iris-clf', currentId: current.id });
    expect(report).toMatchObject({
      reference_id: reference.id,
      model: 'iris-clf',
      model_version_id: version.id,
    });
    await core.call('drift.check', { referenceId: reference.id, currentId: current.id });
    const history = await core.call('drift.list', { model: 'iris-clf' });
    expect(history.map((h) => h.id)).toEqual([report.id]);
    expect(Object.keys(history[0]!.statistics).sort()).toEqual([
      'petal_length_cm',
      'petal_width_cm',
      'sepal_length_cm',
      'sepal_width_cm',
      'species',
    ]);
    expect(history[0]!.statistics.petal_length_cm).toBe(
      report.columns.find((c) => c.column === 'petal_length_cm')!.statistic,
    );
  });

  describe('bad input: one clear line, nothing stored', () => {
    const cases: [string, (ids: { ref: number; other: number }) => object, string | RegExp][] = [
      [
        'no columns in common',
        ({ ref, other }) => ({ referenceId: ref, currentId: other }),
        'the reference and current data have no columns in common',
      ],
      [
        'a threshold outside its range',
        ({ ref }) => ({ referenceId: ref, currentId: ref, threshold: 1.5 }),
        'the threshold must be below 1 when tests are chosen automatically (it is a p-value there), got 1.5',
      ],
      [
        'a p-value threshold of 0',
        ({ ref }) => ({ referenceId: ref, currentId: ref, threshold: 0 }),
        /threshold: the threshold must be greater than 0/,
      ],
      [
        'a drift share above 1',
        ({ ref }) => ({ referenceId: ref, currentId: ref, driftShare: 2 }),
        /driftShare: the drift share must be at most 1/,
      ],
      [
        'a column the reference does not have',
        ({ ref }) => ({ referenceId: ref, currentId: ref, columns: ['colour'] }),
        'column "colour" is not in the reference data',
      ],
      [
        'both a reference and a model',
        ({ ref }) => ({ referenceId: ref, model: 'm', currentId: ref }),
        'give a reference dataset or a model, not both',
      ],
      [
        'neither a reference nor a model',
        ({ ref }) => ({ currentId: ref }),
        'drift.check: give a reference dataset or a model',
      ],
      [
        'an unknown model',
        ({ ref }) => ({ model: 'churn', currentId: ref }),
        'no model named churn',
      ],
      [
        'an unknown dataset',
        ({ ref }) => ({ referenceId: ref, currentId: 99 }),
        'no dataset with id 99',
      ],
    ];
    for (const [what, request, message] of cases) {
      it(what, async () => {
        const { reference, upload } = await setup();
        const other = await upload('a,b\n1,2\n3,4\n', 'other.csv');
        await expect(
          core.call('drift.check', request({ ref: reference.id, other: other.id }) as never),
        ).rejects.toThrow(message);
        expect(await core.call('drift.list', {})).toEqual([]);
      });
    }
  });
});
