import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withRemoteCommands } from '../../cli/remoteCommands.js';
import type { CliOptions } from '../../cli/parseCli.js';
import { startServer, type RunningServer } from '../../server/httpServer.js';
import { benchtop } from '../../testing/runCli.js';
import { useTempDirs } from '../../testing/tempDir.js';
import { createCore, type Core } from '../core.js';
import { createMlflowClient, RemoteError } from './mlflowClient.js';

const TOKEN = 'a-fixed-token-for-the-second-benchtop';
const POINTS = 26_000; // more than one log-batch (1000) and one get-history page (25000)
const BYTES = Buffer.from([0, 1, 2, 255, 254, 10, 13, 0]);

describe('runs push / runs pull over the MLflow wire', () => {
  const tempDir = useTempDirs();
  const cores: Core[] = [];
  const servers: RunningServer[] = [];
  afterEach(async () => {
    vi.unstubAllEnvs();
    for (const s of servers.splice(0)) await s.close();
    for (const c of cores.splice(0)) await c.close();
  });

  const newCore = () => {
    const dataDir = tempDir();
    const core = createCore({ dataDir });
    cores.push(core);
    return { core, dataDir };
  };
  /** A second Benchtop, served in-process: the "team server" runs are pushed to and pulled from. */
  async function remote() {
    const { core } = newCore();
    const server = await startServer({ core, port: 0, token: TOKEN, staticDir: tempDir() });
    servers.push(server);
    return { core, url: `http://127.0.0.1:${server.port}` };
  }

  async function localRun(core: Core) {
    const e = await core.call('experiments.create', { name: 'vision' });
    const run = await core.call('runs.start', {
      experimentId: e.id,
      name: 'resnet-1',
      startTime: 1_700_000_000_000,
      tags: { team: 'a', 'mlflow.source.name': 'train.py' },
    });
    await core.call('runs.log', {
      uid: run.uid,
      params: [
        { key: 'lr', value: '0.01' },
        { key: 'optimizer', value: 'adam' },
        { key: 'layers', value: '50' },
      ],
    });
    for (let s = 0; s < POINTS; s += 1000) {
      const metrics = Array.from({ length: 1000 }, (_, i) => ({
        key: 'loss',
        value: (s + i) % 97 === 0 ? NaN : 1 / (s + i + 1),
        time: 1_700_000_000_000 + s + i,
        step: s + i,
      }));
      await core.call('runs.log', { uid: run.uid, metrics });
    }
    const odd = [NaN, Infinity, -Infinity, 0.5].map((value, step) => ({
      key: 'val/acc',
      value,
      time: 1_700_000_100_000 + step,
      step,
    }));
    await core.call('runs.log', { uid: run.uid, metrics: odd });
    for (const [path, bytes] of [
      ['model/weights.bin', BYTES],
      ['notes.txt', Buffer.from('hello\n')],
    ] as const) {
      const { tempFile } = await core.call('artifacts.prepareUpload', { uid: run.uid, path });
      writeFileSync(tempFile, bytes);
      await core.call('artifacts.commitUpload', { uid: run.uid, path, tempFile });
    }
    return core.call('runs.update', {
      uid: run.uid,
      status: 'finished',
      endTime: 1_700_000_500_000,
    });
  }

  /** What a copy must keep: everything but identity, with every metric point in full. */
  async function snapshot(core: Core, uid: string) {
    const [run] = await core.call('runs.tracked', { uids: [uid] });
    const history = async (key: string) => (await core.call('runs.history', { uid, key })).points;
    const bytes = async (path: string) =>
      readFileSync((await core.call('artifacts.locate', { uid, path })).file);
    const tags = { ...run!.tags };
    delete tags['benchtop.uid'];
    delete tags['benchtop.source_run_id'];
    return {
      name: run!.name,
      status: run!.status,
      experiment: run!.experiment,
      started_at: run!.started_at,
      ended_at: run!.ended_at,
      params: run!.param_text,
      tags,
      loss: await history('loss'),
      valAcc: await history('val/acc'),
      files: (await core.call('artifacts.list', { uid, path: '' })).files.map((f) => f.path),
      weights: await bytes('model/weights.bin'),
      notes: await bytes('notes.txt'),
    };
  }
  const onlyRun = async (core: Core) => {
    const { ids } = await core.call('runs.query', {});
    expect(ids).toHaveLength(1);
    return (await core.call('runs.tracked', { ids }))[0]!;
  };

  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return {
      out,
      err,
      io: {
        out: (t: string) => out.push(t),
        err: (t: string) => err.push(t),
        interrupted: () => new Promise<void>(() => {}),
      },
    };
  };
  const runsCommand = withRemoteCommands(async () => 0);
  const pull = async (core: Core, from: string, extra: Record<string, unknown> = {}) => {
    const o = io();
    expect(
      await runsCommand(
        core,
        ['pull'],
        { from, json: true, ...extra } as unknown as CliOptions,
        o.io,
      ),
    ).toBe(0);
    return JSON.parse(o.out.join('\n'));
  };

  it('pushes a run whole, skips it the second time, pulls it whole into a fresh install, then skips it', async () => {
    vi.stubEnv('MLFLOW_TRACKING_TOKEN', TOKEN);
    const { core: here, dataDir } = newCore();
    const source = await localRun(here);
    const expected = await snapshot(here, source.uid);
    expect(expected.loss).toHaveLength(POINTS);
    const { core: team, url } = await remote();
    await here.close(); // the CLI opens the data directory itself
    cores.splice(cores.indexOf(here), 1);

    const first = await benchtop([
      '--data-dir',
      dataDir,
      'runs',
      'push',
      '--to',
      url,
      '--experiment',
      'vision',
      '--json',
    ]);
    expect([first.code, first.stderr]).toEqual([0, '']);
    expect(first.json()).toEqual({
      to: url,
      runs_pushed: 1,
      runs_skipped: 0,
      params: 3,
      metric_points: POINTS + 4,
      artifacts: 2,
      warnings: [],
    });
    const pushed = await onlyRun(team);
    expect(pushed.tags['benchtop.uid']).toBe(source.uid);
    expect(await snapshot(team, pushed.uid)).toEqual({
      ...expected,
      tags: { ...expected.tags, 'mlflow.runName': 'resnet-1' },
    });

    const again = await benchtop([
      '--data-dir',
      dataDir,
      'runs',
      'push',
      '--to',
      url,
      '--filter',
      'params.lr = 0.01',
      '--json',
    ]);
    expect(again.json()).toMatchObject({ runs_pushed: 0, runs_skipped: 1, metric_points: 0 });

    const { core: third } = newCore();
    expect(await pull(third, url)).toEqual({
      from: url,
      experiments: 1,
      runs_added: 1,
      runs_skipped: 0,
      params: 3,
      metric_points: POINTS + 4,
      artifacts: 2,
      warnings: [],
    });
    const pulled = await onlyRun(third);
    expect(pulled.source).toBe('import');
    expect(pulled.tags['benchtop.source_run_id']).toBe(pushed.uid.replaceAll('-', ''));
    expect(await snapshot(third, pulled.uid)).toEqual({
      ...expected,
      tags: { ...expected.tags, 'mlflow.runName': 'resnet-1' },
    });
    expect(await pull(third, url, { experiment: 'vision' })).toMatchObject({
      experiments: 1,
      runs_added: 0,
      runs_skipped: 1,
    });

    // A run pulled from the server is not pushed back to it, and one pushed from here never comes back.
    const back = io();
    await runsCommand(third, ['push'], { to: url, json: true } as CliOptions, back.io);
    expect(JSON.parse(back.out.join(''))).toMatchObject({ runs_pushed: 0, runs_skipped: 1 });
    const reopened = createCore({ dataDir });
    cores.push(reopened);
    expect(await pull(reopened, url)).toMatchObject({ runs_added: 0, runs_skipped: 1 });
  });

  it('prints a short summary without --json', async () => {
    vi.stubEnv('MLFLOW_TRACKING_TOKEN', TOKEN);
    const { core: here } = newCore();
    await localRun(here);
    const { url } = await remote();
    const o = io();
    await runsCommand(here, ['push'], { to: url } as CliOptions, o.io);
    expect(o.out).toEqual([
      `pushed 1 runs to ${url}: 3 params, ${POINTS + 4} metric points, 2 artifacts`,
    ]);
  });

  it('leaves runs still running for later, both ways, with a warning', async () => {
    vi.stubEnv('MLFLOW_TRACKING_TOKEN', TOKEN);
    const { core: here } = newCore();
    const { core: team, url } = await remote();
    for (const core of [here, team]) {
      const e = await core.call('experiments.create', { name: 'live' });
      await core.call('runs.start', { experimentId: e.id, name: 'training', tags: {} });
    }
    const o = io();
    await runsCommand(here, ['push'], { to: url, json: true } as CliOptions, o.io);
    expect(JSON.parse(o.out.join(''))).toMatchObject({
      runs_pushed: 0,
      runs_skipped: 1,
      warnings: ['run 1 (training) is running: not pushed; push again once it has ended'],
    });
    const pulled = await pull(here, url);
    expect(pulled).toMatchObject({ runs_added: 0, runs_skipped: 1 });
    expect(pulled.warnings[0]).toMatch(
      /^run [0-9a-f]{32} \(training\) is RUNNING on the server: not pulled; pull again once it has ended$/,
    );
    expect((await team.call('runs.query', {})).ids).toHaveLength(1);
  });

  it('says which server it cannot reach, and what the server refused, in one line with exit 2', async () => {
    const { dataDir } = newCore();
    const { core: team, url } = await remote();
    await team.call('experiments.create', { name: 'vision' });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));

    const unreachable = await benchtop([
      '--data-dir',
      dataDir,
      'runs',
      'push',
      '--to',
      `http://127.0.0.1:${deadPort}`,
      '--json',
    ]);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stdout).toBe('');
    expect(unreachable.stderr).toMatch(
      new RegExp(
        `^benchtop: cannot reach the MLflow server at http://127\\.0\\.0\\.1:${deadPort}: ECONNREFUSED .*\\n$`,
      ),
    );

    vi.stubEnv('MLFLOW_TRACKING_TOKEN', 'wrong');
    const refused = await benchtop(['--data-dir', dataDir, 'runs', 'push', '--to', url, '--json']);
    expect(refused.code).toBe(2);
    expect(refused.stderr.split('\n')).toHaveLength(2);
    expect(refused.stderr).toContain(
      `benchtop: the MLflow server at ${url} refused POST experiments/search: 401 UNAUTHENTICATED: missing or wrong token`,
    );

    const badUrl = await benchtop([
      '--data-dir',
      dataDir,
      'runs',
      'push',
      '--to',
      'ftp://x',
      '--json',
    ]);
    expect([badUrl.code, badUrl.stderr]).toEqual([
      2,
      'benchtop: --to must be an http(s) URL such as http://127.0.0.1:5000, got "ftp://x"\n',
    ]);
    expect((await benchtop(['--data-dir', dataDir, 'runs', 'push'])).stderr).toContain(
      'runs push needs --to URL',
    );
    expect(
      (await benchtop(['--data-dir', dataDir, 'runs', 'push', '--to', url, '--experiment', 'nope']))
        .stderr,
    ).toBe('benchtop: no experiment named "nope" here\n');

    vi.stubEnv('MLFLOW_TRACKING_TOKEN', TOKEN);
    const { core: third } = newCore();
    await expect(pull(third, url, { experiment: 'nope' })).rejects.toThrow(
      `no experiment named "nope" on ${url}`,
    );
    // MLflow's error_code and message, as the server sent them.
    const client = createMlflowClient({ url, authorization: `Bearer ${TOKEN}` });
    const bad = await client
      .post('runs/search', { experiment_ids: ['1'], filter: 'metrics.acc >>> 1' })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(RemoteError);
    expect(bad).toMatchObject({ code: 'INVALID_PARAMETER_VALUE', status: 400 });
    expect((bad as Error).message).toMatch(
      /^the MLflow server at .* refused POST runs\/search: 400 INVALID_PARAMETER_VALUE: \S/,
    );
  });
});
