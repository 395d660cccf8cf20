import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../shared/api.js';
import { openCore, type CoreHandle } from '../core/core.js';
import { benchtop } from '../testing/runCli.js';
import { useTempDirs } from '../testing/tempDir.js';
import { startServer, type RunningServer } from './httpServer.js';
import { attachmentHeader } from './downloadRoute.js';

function get(
  port: number,
  path: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    })
      .on('error', reject)
      .end();
  });
}

describe('browser mode: backups and experiment archives through serve', () => {
  const tempDir = useTempDirs();
  const open: { core: CoreHandle; server: RunningServer }[] = [];
  afterEach(async () => {
    for (const { core, server } of open.splice(0)) {
      await server.close();
      await core.close();
    }
  });
  const serve = async (dataDir: string) => {
    const core = openCore({ dataDir });
    const server = await startServer({ core, port: 0, staticDir: tempDir() });
    open.push({ core, server });
    return {
      core,
      server,
      download: (id: string, token = server.token) =>
        get(server.port, `/api/download/${id}?token=${token}`),
    };
  };

  it('prepares a backup with progress events, downloads it once with the token, then forgets it', async () => {
    const dataDir = tempDir();
    expect(
      (await benchtop(['--data-dir', dataDir, 'demo', '--runs', '3', '--points', '20'])).code,
    ).toBe(0);
    const { core, download } = await serve(dataDir);
    const events: ApiEvent[] = [];
    core.events.subscribe((e) => events.push(e));
    const prepared = await core.call('backup.prepare', { progressId: 'b1' });
    expect(prepared.fileName).toMatch(/^benchtop-backup-\d{4}-\d\d-\d\d-\d{4}\.tar\.gz$/);
    const progress = events.filter((e) => e.type === 'transfer.progress' && e.progressId === 'b1');
    expect(progress.length).toBeGreaterThan(1);
    const last = progress.at(-1)!;
    expect(last).toMatchObject({
      phase: 'backup',
      files: prepared.files,
      total_files: prepared.files,
    });
    if (last.type === 'transfer.progress') expect(last.bytes).toBe(last.total_bytes);

    expect((await download(prepared.downloadId, 'wrong')).status).toBe(401);
    const got = await download(prepared.downloadId);
    expect(got.status).toBe(200);
    expect(got.headers['content-disposition']).toBe(attachmentHeader(prepared.fileName));
    expect(got.body.length).toBe(prepared.bytes);
    expect(gunzipSync(got.body).includes('benchtop-backup.json')).toBe(true);
    // The page learns the download ended, so its "Downloading…" does not stay.
    await expect
      .poll(() => events.find((e) => e.type === 'download.done'))
      .toEqual({ type: 'download.done', downloadId: prepared.downloadId, complete: true });
    expect((await download(prepared.downloadId)).status).toBe(404);
    expect((await download('not-a-download')).status).toBe(404);
    expect((await download('%2E%2E%2Fbenchtop.db')).status).toBe(404);
  }, 30_000);

  it('exports experiments for download, and an upload of it into another install adds the runs once', async () => {
    const dataDir = tempDir();
    expect(
      (await benchtop(['--data-dir', dataDir, 'demo', '--runs', '4', '--points', '20'])).code,
    ).toBe(0);
    const source = await serve(dataDir);
    const listed = (name: string, runs: number) => ({
      id: expect.any(Number),
      name,
      runs,
      created_at: expect.any(String),
      updated_at: expect.any(String),
      deleted: false,
      tags: {},
    });
    expect(await source.core.call('experiments.list', {})).toEqual([
      listed('baseline', 1),
      listed('demo', 2),
      listed('demo-sweep', 1),
    ]);
    await expect(
      source.core.call('experiments.prepareExport', { experiments: ['nope'] }),
    ).rejects.toThrow('no experiment named "nope"');
    const prepared = await source.core.call('experiments.prepareExport', {
      experiments: ['demo', 'baseline'],
      progressId: 'x',
    });
    expect(prepared.fileName).toMatch(/^benchtop-experiments-demo-baseline-.*\.tar\.gz$/);
    const archive = (await source.download(prepared.downloadId)).body;

    const target = await serve(tempDir());
    const events: ApiEvent[] = [];
    target.core.events.subscribe((e) => events.push(e));
    const upload = {
      fileName: 'mine.tar.gz',
      base64: archive.toString('base64'),
      progressId: 'up',
    };
    expect(await target.core.call('experiments.upload', upload)).toMatchObject({
      runs_added: 3,
      runs_skipped: 0,
      experiments_added: 2,
      datasets_added: 1,
    });
    expect(
      events.some(
        (e) => e.type === 'transfer.progress' && e.phase === 'import' && e.progressId === 'up',
      ),
    ).toBe(true);
    expect((await target.core.call('runs.list', {})).map((r) => r.experiment).sort()).toEqual([
      'baseline',
      'demo',
      'demo',
    ]);
    expect(await target.core.call('experiments.upload', upload)).toMatchObject({
      runs_added: 0,
      runs_skipped: 3,
    });
    const broken = { ...upload, base64: archive.subarray(0, 200).toString('base64') };
    await expect(target.core.call('experiments.upload', broken)).rejects.toThrow(
      /^checksum error: mine\.tar\.gz is corrupt or truncated/,
    );
  }, 30_000);
});
