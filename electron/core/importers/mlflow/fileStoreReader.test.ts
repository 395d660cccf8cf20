import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openFileStore } from './fileStoreReader.js';
import type { ImportedRun, MlflowHistoryReader } from './mlflowHistory.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const MLRUNS = join(FIXTURES, 'filestore', 'mlruns');

interface ExpectedRun {
  run_id: string;
  experiment_id: string;
  name: string;
  status: string;
  lifecycle_stage: string;
  start_time: number | null;
  end_time: number | null;
  user_id: string | null;
  parent_run_id: string | null;
  params: Record<string, string>;
  tags: Record<string, string>;
  metrics: Record<string, [number, number, number | string][]>;
  artifacts: string[];
}
const expected = JSON.parse(readFileSync(join(FIXTURES, 'filestore-expected.json'), 'utf8')) as {
  counts: { metric_points: number; artifact_files: number };
  experiments: {
    experiment_id: string;
    name: string;
    lifecycle_stage: string;
    in_trash: boolean;
    creation_time: number;
    last_update_time: number;
    tags: Record<string, string>;
  }[];
  runs: ExpectedRun[];
};

/** expected.json spells non-finite values as strings (JSON has no NaN). */
const decode = (v: number | string): number =>
  v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : Number(v);
const byId = <T extends { sourceId: string }>(xs: Iterable<T>) =>
  new Map([...xs].map((x) => [x.sourceId, x]));
const history = (reader: MlflowHistoryReader, run: ImportedRun, key: string) =>
  [...reader.points(run, key)].map((p) => [p.step, p.timestamp, p.value]);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

describe('MLflow file store: a real mlruns/ (Qlib recorder, recent MLflow)', () => {
  const reader = openFileStore(MLRUNS);
  const runs = byId(reader.runs());

  it('reads every experiment, 18-digit ids kept as strings', () => {
    expect(byId(reader.experiments())).toEqual(
      new Map(
        expected.experiments.map((e) => [
          e.experiment_id,
          {
            sourceId: e.experiment_id,
            name: e.name,
            deleted: e.in_trash || e.lifecycle_stage === 'deleted',
            creationTime: e.creation_time,
            lastUpdateTime: e.last_update_time,
            tags: e.tags,
          },
        ]),
      ),
    );
  });

  it('reads every run: ids, names, statuses, times, params, tags, parents', () => {
    expect(runs.size).toBe(expected.runs.length);
    for (const e of expected.runs) {
      const { artifactsDir: _dir, ...run } = runs.get(e.run_id) ?? ({} as ImportedRun);
      expect(run).toEqual({
        sourceId: e.run_id,
        experimentSourceId: e.experiment_id,
        name: e.name,
        status: e.status,
        deleted: e.lifecycle_stage === 'deleted',
        startTime: e.start_time,
        endTime: e.end_time,
        userId: e.user_id,
        parentRunId: e.parent_run_id,
        params: e.params,
        tags: e.tags,
        metricKeys: Object.keys(e.metrics).sort(),
      });
    }
  });

  it('reads every metric point, in file order', () => {
    let points = 0;
    for (const e of expected.runs) {
      const run = runs.get(e.run_id)!;
      for (const [key, series] of Object.entries(e.metrics)) {
        const got = history(reader, run, key);
        expect(got).toEqual(series.map(([step, ts, v]) => [step, ts, decode(v)]));
        points += got.length;
      }
    }
    expect(points).toBe(expected.counts.metric_points);
  });

  it('finds artifacts beside meta.yaml, not at the Windows path artifact_uri names', () => {
    let files = 0;
    for (const e of expected.runs) {
      const dir = runs.get(e.run_id)?.artifactsDir;
      expect(dir).toBe(join(MLRUNS, e.experiment_id, e.run_id, 'artifacts'));
      expect(filesUnder(dir!)).toEqual([...e.artifacts].sort());
      files += e.artifacts.length;
    }
    expect(files).toBe(expected.counts.artifact_files);
  });

  it('has no registry and nothing to warn about', () => {
    expect(reader.modelVersions()).toEqual([]);
    expect(reader.warnings).toEqual([]);
    expect(reader.kind).toBe('mlflow-filestore');
  });

  it('reads one experiment folder on its own', () => {
    const one = openFileStore(join(MLRUNS, '259453113964109221'));
    expect(one.experiments().map((e) => e.name)).toEqual(['qlib_baseline_v2']);
    expect([...one.runs()].length).toBe(
      expected.runs.filter((r) => r.experiment_id === '259453113964109221').length,
    );
  });
});
