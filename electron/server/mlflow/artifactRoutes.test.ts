import { existsSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../testing/tempDir.js';
import { startMlflowServer, type MlflowServer } from '../../testing/mlflowWire.js';

/** Artifacts through `mlflow-artifacts:/` URIs: upload, list, download, delete, and paths that climb out. */
describe('MLflow artifact proxy', () => {
  const tempDir = useTempDirs();
  let s: MlflowServer;
  let dataDir: string;
  afterEach(async () => s?.close());

  async function run() {
    dataDir = tempDir();
    s = await startMlflowServer(dataDir, tempDir());
    const created = await s.post('runs/create', { experiment_id: '0', start_time: 1 });
    const info = (created.json.run as { info: { run_id: string; artifact_uri: string } }).info;
    expect(info.artifact_uri).toMatch(/^mlflow-artifacts:\/0\/[0-9a-f]{32}\/artifacts$/);
    const base = info.artifact_uri.replace('mlflow-artifacts:/', '');
    return { runId: info.run_id, base };
  }
  const put = (path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
    s.send('PUT', `/api/2.0/mlflow-artifacts/artifacts/${path}`, { body, headers });
  const list = (path: string) =>
    s.send('GET', `/api/2.0/mlflow-artifacts/artifacts?path=${encodeURIComponent(path)}`);

  it('round-trips files and folders, empty files sent chunked included', async () => {
    const { base } = await run();
    expect((await put(`${base}/a.txt`, 'hello\n', { 'content-type': 'text/plain' })).json).toEqual(
      {},
    );
    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 256));
    expect((await put(`${base}/sub/dir/model.bin`, bytes)).status).toBe(200);
    expect((await put(`${base}/empty.txt`, '', { 'transfer-encoding': 'chunked' })).status).toBe(
      200,
    );

    expect((await list(base)).json).toEqual({
      files: [
        { path: 'a.txt', is_dir: false, file_size: 6 },
        { path: 'empty.txt', is_dir: false },
        { path: 'sub', is_dir: true },
      ],
    });
    expect((await list(`${base}/sub/dir`)).json).toEqual({
      files: [{ path: 'model.bin', is_dir: false, file_size: 70_000 }],
    });
    expect((await list(`${base}/nothing`)).json).toEqual({});

    const text = await s.send('GET', `/api/2.0/mlflow-artifacts/artifacts/${base}/a.txt`);
    expect([text.status, text.body]).toEqual([200, 'hello\n']);
    const binary = await s.send(
      'GET',
      `/api/2.0/mlflow-artifacts/artifacts/${base}/sub/dir/model.bin`,
    );
    expect(Buffer.from(binary.body, 'latin1').length).toBeGreaterThan(0);
    expect(binary.headers['content-length']).toBe('70000');
    const missing = await s.send('GET', `/api/2.0/mlflow-artifacts/artifacts/${base}/nope.txt`);
    expect([missing.status, missing.json.error_code]).toEqual([404, 'RESOURCE_DOES_NOT_EXIST']);

    expect((await s.send('DELETE', `/api/2.0/mlflow-artifacts/artifacts/${base}/sub`)).status).toBe(
      200,
    );
    expect((await list(base)).json).toEqual({
      files: [
        { path: 'a.txt', is_dir: false, file_size: 6 },
        { path: 'empty.txt', is_dir: false },
      ],
    });
    // A user's files are where Benchtop keeps every run's artifacts, and nothing is left in the upload area.
    expect(readdirSync(join(dataDir, 'artifacts', '.incoming'))).toEqual([]);
  });

  it('refuses paths that climb out, and writes nothing outside the run', async () => {
    const { base, runId } = await run();
    await put(`${base}/keep.txt`, 'k');
    const outside = join(dataDir, 'artifacts');
    const before = readdirSync(outside, { recursive: true });
    for (const path of [
      `${base}/../escape.txt`,
      `${base}/%2E%2E/escape.txt`,
      `${base}/a/%2e%2e/%2e%2e/escape.txt`,
      `${base}/..%2Fescape.txt`,
      `${base}/a%5C..%5C..%5Cescape.txt`,
      `${base}/%2Fetc%2Fescape.txt`,
      `${base}/nul%00.txt`,
      `${base}/bad%ZZ.txt`,
    ]) {
      const reply = await put(path, 'x');
      expect([path, reply.status, reply.json.error_code]).toEqual([
        path,
        400,
        'INVALID_PARAMETER_VALUE',
      ]);
    }
    const wrongRun = await put(`0/${'e'.repeat(32)}/artifacts/x.txt`, 'x');
    expect([wrongRun.status, wrongRun.json.error_code]).toEqual([404, 'RESOURCE_DOES_NOT_EXIST']);
    expect(readdirSync(outside, { recursive: true }).sort()).toEqual(before.sort());
    expect(existsSync(join(dataDir, 'escape.txt'))).toBe(false);

    // A symlink inside the run that points out is neither listed, read, nor written through.
    const [row] = await s.core.call('runs.tracked', {
      uids: [
        `${runId.slice(0, 8)}-${runId.slice(8, 12)}-${runId.slice(12, 16)}-${runId.slice(16, 20)}-${runId.slice(20)}`,
      ],
    });
    const secret = join(tempDir(), 'secret.txt');
    writeFileSync(secret, 'secret');
    symlinkSync(secret, join(dataDir, 'artifacts', 'runs', String(row!.id), 'link.txt'));
    symlinkSync(join(secret, '..'), join(dataDir, 'artifacts', 'runs', String(row!.id), 'linkdir'));
    expect((await list(base)).json).toEqual({
      files: [{ path: 'keep.txt', is_dir: false, file_size: 1 }],
    });
    const read = await s.send('GET', `/api/2.0/mlflow-artifacts/artifacts/${base}/link.txt`);
    expect([read.status, read.body.includes('secret')]).toEqual([400, false]);
    const through = await put(`${base}/linkdir/planted.txt`, 'x');
    expect(through.status).toBe(400);
    expect(existsSync(join(secret, '..', 'planted.txt'))).toBe(false);
  });
});
