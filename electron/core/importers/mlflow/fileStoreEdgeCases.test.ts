import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../testing/tempDir.js';
import { UserError } from '../../userError.js';
import { openFileStore } from './fileStoreReader.js';
import type { ImportedRun, MlflowHistoryReader } from './mlflowHistory.js';

/** Layouts and damage the real fixture does not show, built file by file in a temporary folder. */

const byId = <T extends { sourceId: string }>(xs: Iterable<T>) =>
  new Map([...xs].map((x) => [x.sourceId, x]));
const history = (reader: MlflowHistoryReader, run: ImportedRun, key: string) =>
  [...reader.points(run, key)].map((p) => [p.step, p.timestamp, p.value]);

/** Asserts fn throws a UserError of one line matching re. */
function expectUserError(fn: () => unknown, re: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(UserError);
  const message = (caught as Error).message;
  expect(message).not.toContain('\n');
  expect(message).toMatch(re);
}

const tempDir = useTempDirs();

function write(root: string, rel: string, content: string): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), content);
}

/** An MLflow 1.x-style store with the edge cases a recent store does not show. */
function oldStore(): string {
  const root = join(tempDir(), 'mlruns');
  write(
    root,
    '0/meta.yaml',
    "artifact_location: /elsewhere/mlruns/0\nexperiment_id: '0'\nlifecycle_stage: active\nname: Default\n",
  );
  write(root, '0/tags/note', 'kept as is\n');
  write(root, '0/datasets/d1/meta.yaml', 'name: not a run\ndigest: abc\n');
  // Unquoted 18-digit id: more than a double holds exactly.
  write(
    root,
    '123456789012345678/meta.yaml',
    'experiment_id: 123456789012345678\nname: big id\nlifecycle_stage: active\n',
  );
  const parent = '0/aaa';
  write(
    root,
    `${parent}/meta.yaml`,
    "artifact_uri: s3://bucket/0/aaa/artifacts\nend_time: null\nexperiment_id: '0'\nlifecycle_stage: active\n" +
      "name: ''\nrun_uuid: aaa\nsource_type: 4\nstart_time: 1500000000000\nstatus: 1\ntags: []\nuser_id: bob\n",
  );
  write(root, `${parent}/tags/mlflow.runName`, 'parent-run');
  write(root, `${parent}/params/model/lr`, '0.1');
  write(root, `${parent}/metrics/loss`, '1000 0.5\n1001 nan\r\n1002 inf\n1003 -inf\n\n');
  write(root, `${parent}/metrics/train/acc`, '1000 0.25 7\n999 0.5 3\n');
  write(root, `${parent}/artifacts/model/weights.txt`, 'w');
  write(
    root,
    '0/bbb/meta.yaml',
    "run_id: bbb\nrun_uuid: bbb\nrun_name: child\nexperiment_id: '0'\nstatus: 5\nlifecycle_stage: deleted\nstart_time: 1500000001000\nend_time: 1500000002000\nuser_id: ''\n",
  );
  write(root, '0/bbb/tags/mlflow.parentRunId', 'aaa');
  write(
    root,
    '.trash/7/meta.yaml',
    "experiment_id: '7'\nname: old\nlifecycle_stage: deleted\ncreation_time: 1400000000000\n",
  );
  write(
    root,
    '.trash/7/ccc/meta.yaml',
    "run_id: ccc\nexperiment_id: '7'\nstatus: 4\nlifecycle_stage: active\n",
  );
  write(root, 'models/m1/meta.yaml', 'name: m1\ncreation_timestamp: 1600000000000\n');
  write(
    root,
    'models/m1/version-1/meta.yaml',
    'name: m1\nversion: 1\nrun_id: aaa\ncurrent_stage: Production\nsource: runs:/aaa/model\ncreation_timestamp: 1600000000001\ndescription: first\n',
  );
  write(
    root,
    'models/m1/version-2/meta.yaml',
    'name: m1\nversion: 2\ncurrent_stage: Deleted_Internal\n',
  );
  write(root, 'models/m1/aliases/champion', '1');
  return root;
}

describe('MLflow file store: older layouts and edge cases', () => {
  it('reads MLflow 1.x runs: run_uuid, empty name, two-field metric lines, nested keys, non-finite values', () => {
    const root = oldStore();
    const reader = openFileStore(root);
    expect(byId(reader.experiments()).get('123456789012345678')?.name).toBe('big id');
    expect(byId(reader.experiments()).get('0')).toEqual({
      sourceId: '0',
      name: 'Default',
      deleted: false,
      creationTime: null,
      lastUpdateTime: null,
      tags: { note: 'kept as is\n' },
    });
    expect(byId(reader.experiments()).get('7')).toMatchObject({
      deleted: true,
      creationTime: 1400000000000,
    });
    const runs = byId(reader.runs());
    expect([...runs.keys()].sort()).toEqual(['aaa', 'bbb', 'ccc']);
    const parent = runs.get('aaa')!;
    expect(parent).toMatchObject({
      name: 'parent-run',
      status: 'RUNNING',
      endTime: null,
      userId: 'bob',
      params: { 'model/lr': '0.1' },
      metricKeys: ['loss', 'train/acc'],
    });
    expect(parent.artifactsDir).toBe(join(root, '0', 'aaa', 'artifacts'));
    expect(history(reader, parent, 'loss')).toEqual([
      [0, 1000, 0.5],
      [0, 1001, NaN],
      [0, 1002, Infinity],
      [0, 1003, -Infinity],
    ]);
    expect(history(reader, parent, 'train/acc')).toEqual([
      [7, 1000, 0.25],
      [3, 999, 0.5],
    ]);
    expect(runs.get('bbb')).toMatchObject({
      name: 'child',
      status: 'KILLED',
      deleted: true,
      parentRunId: 'aaa',
      userId: null,
      artifactsDir: null,
      metricKeys: [],
    });
    expect(runs.get('ccc')).toMatchObject({ experimentSourceId: '7', status: 'FAILED', name: '' });
    expect(reader.modelVersions()).toEqual([
      {
        model: 'm1',
        version: 1,
        runSourceId: 'aaa',
        source: 'runs:/aaa/model',
        aliases: ['champion'],
        stage: 'Production',
        description: 'first',
        creationTime: 1600000000001,
        tags: {},
        storageLocation: null,
        files: {
          path: join(root, '0', 'aaa', 'artifacts', 'model'),
          inRun: 'model',
          loggedModelId: null,
        },
      },
    ]);
    expect(reader.warnings).toEqual([]);
  });

  it('reports symlink loops and broken links as warnings, not crashes', () => {
    const root = oldStore();
    symlinkSync('..', join(root, '0/aaa/params/loop'));
    symlinkSync('.', join(root, '0/self'));
    symlinkSync('..', join(root, '0/up'));
    symlinkSync('/nonexistent/benchtop', join(root, '0/aaa/tags/dangling'));
    const reader = openFileStore(root);
    const runs = byId(reader.runs());
    expect([...runs.keys()].sort()).toEqual(['aaa', 'bbb', 'ccc']);
    expect(runs.get('aaa')?.params).toEqual({ 'model/lr': '0.1' });
    expect(reader.warnings).toContain(`${join(root, '0/aaa/params/loop')}: symlink loop, skipped`);
    expect(reader.warnings).toContain(`${join(root, '0/self')}: symlink loop, skipped`);
    expect(reader.warnings).toContain(`${join(root, '0/up')}: symlink loop, skipped`);
    expect(reader.warnings.some((w) => w.includes('dangling') && w.includes('ENOENT'))).toBe(true);
  });

  it('reads a long metric file across chunk boundaries', () => {
    const root = oldStore();
    const n = 50_000;
    const lines = Array.from({ length: n }, (_, i) => `${1_700_000_000_000 + i} ${i / 3} ${i}`);
    write(root, '0/aaa/metrics/long', `${lines.join('\n')}\n`);
    const reader = openFileStore(root);
    const got = history(reader, byId(reader.runs()).get('aaa')!, 'long');
    expect(got.length).toBe(n);
    expect(got[n - 1]).toEqual([n - 1, 1_700_000_000_000 + n - 1, (n - 1) / 3]);
  });
});

describe('MLflow file store: bad input gets one line saying what and where', () => {
  it('a folder with no meta.yaml, a file, a missing path', () => {
    const empty = tempDir();
    expectUserError(
      () => openFileStore(empty),
      /is not an MLflow file store \(no meta\.yaml in it or in its sub-folders\)$/,
    );
    write(empty, 'notes.txt', 'hello');
    expectUserError(
      () => openFileStore(join(empty, 'notes.txt')),
      /notes\.txt is not an MLflow file store \(no meta\.yaml/,
    );
    expectUserError(() => openFileStore(join(empty, 'nope')), /nope does not exist$/);
  });

  it('a meta.yaml that is not YAML, or not a mapping, or lacks what it must have', () => {
    const root = oldStore();
    write(root, '5/meta.yaml', 'name: [unclosed\n  - : :\n');
    expectUserError(() => openFileStore(root), /5\/meta\.yaml is not valid YAML: .*line \d+/);
    write(root, '5/meta.yaml', 'just some text\n');
    expectUserError(() => openFileStore(root), /5\/meta\.yaml is not an MLflow meta\.yaml/);
    write(root, '5/meta.yaml', 'experiment_id: "5"\n');
    expectUserError(() => openFileStore(root), /5\/meta\.yaml lacks the experiment's name$/);
    write(root, '5/meta.yaml', 'name: five\n');
    write(root, '5/ddd/meta.yaml', 'status: 3\n');
    expectUserError(() => [...openFileStore(root).runs()], /ddd\/meta\.yaml lacks the run's id/);
    write(root, '5/ddd/meta.yaml', 'run_id: ddd\nstatus: 9\n');
    expectUserError(
      () => [...openFileStore(root).runs()],
      /ddd\/meta\.yaml has status "9"; expected 1–5/,
    );
  });

  it('a metric line that is not numbers names the file and line', () => {
    const root = oldStore();
    write(root, '0/aaa/metrics/loss', '1000 0.5 0\n1001 abc 1\n');
    const reader = openFileStore(root);
    const parent = byId(reader.runs()).get('aaa')!;
    const file = join(root, '0/aaa/metrics/loss');
    expectUserError(
      () => history(reader, parent, 'loss'),
      new RegExp(
        `^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} line 2: value "abc" is not a number$`,
      ),
    );
    write(root, '0/aaa/metrics/loss', '1000 0.5 0 9\n');
    expectUserError(
      () => history(reader, parent, 'loss'),
      /loss line 1: expected "timestamp value step", got "1000 0.5 0 9"$/,
    );
    expectUserError(() => history(reader, parent, '../params/model/lr'), /is not a file in/);
  });
});
