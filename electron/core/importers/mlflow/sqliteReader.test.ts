import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../testing/tempDir.js';
import type { MlflowDbRun } from '../../store/mlflowDbReader.js';
import { findArtifactsDir, openSqliteHistory } from './sqliteReader.js';

const DB_FILE = join(import.meta.dirname, 'fixtures', 'sqlite', 'mlflow.db');
const RUN = '92025337761b47258bb509b166789a29';

const tempDir = useTempDirs();

function run(artifactUri: string | null): MlflowDbRun {
  return {
    sourceId: RUN,
    experimentSourceId: '1',
    name: 'r',
    status: 'FINISHED',
    deleted: false,
    startTime: null,
    endTime: null,
    userId: null,
    parentRunId: null,
    params: {},
    tags: {},
    metricKeys: [],
    artifactUri,
  };
}

describe('finding an mlflow.db run’s artifacts on this machine', () => {
  it('finds mlruns/<exp>/<run>/artifacts beside a copied database, whatever Windows path artifact_uri names', () => {
    const dir = tempDir();
    copyFileSync(DB_FILE, join(dir, 'mlflow.db'));
    const artifacts = join(dir, 'mlruns', '1', RUN, 'artifacts');
    mkdirSync(join(artifacts, 'model'), { recursive: true });
    const reader = openSqliteHistory(join(dir, 'mlflow.db'));
    const found = [...reader.runs()].filter((r) => r.artifactsDir !== null);
    expect(found.map((r) => [r.sourceId, r.artifactsDir])).toEqual([[RUN, artifacts]]);
    reader.close();
  });

  it('takes artifact_uri when it is a local path that exists, relative ones from the database’s folder', () => {
    const dir = tempDir();
    const elsewhere = join(dir, 'store', 'a', 'artifacts');
    mkdirSync(elsewhere, { recursive: true });
    const db = join(dir, 'mlflow.db');
    expect(findArtifactsDir(run(pathToFileURL(elsewhere).href), db)).toBe(elsewhere);
    expect(findArtifactsDir(run(elsewhere), db)).toBe(elsewhere);
    expect(findArtifactsDir(run('./store/a/artifacts'), db)).toBe(elsewhere);
    expect(findArtifactsDir(run('s3://bucket/1/x/artifacts'), db)).toBeNull();
    expect(findArtifactsDir(run(null), db)).toBeNull();
  });

  it('finds mlflow server’s artifacts under mlartifacts/, and artifact_uri’s tail under it', () => {
    const dir = tempDir();
    const served = join(dir, 'mlartifacts', '7', 'abc', 'artifacts');
    mkdirSync(served, { recursive: true });
    expect(findArtifactsDir(run('mlflow-artifacts:/7/abc/artifacts'), join(dir, 'mlflow.db'))).toBe(
      served,
    );
    expect(
      findArtifactsDir(run('mlflow-artifacts://host:5000/7/abc/artifacts'), join(dir, 'mlflow.db')),
    ).toBe(served);
    expect(
      findArtifactsDir(run('file:C:\\srv\\mlartifacts\\7\\abc\\artifacts'), join(dir, 'mlflow.db')),
    ).toBe(served);
  });
});
