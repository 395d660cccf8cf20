import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchtop } from '../testing/runCli.js';
import { DRIFTED, writeIrisWithout, writeShiftedIris } from '../testing/shiftedData.js';
import { SAMPLES } from '../testing/tempDir.js';

describe('benchtop policy and pipeline', () => {
  // One data directory for the whole file: the tests follow one model's history.
  const root = mkdtempSync(join(tmpdir(), 'benchtop-automation-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let dir = '';
  let files = '';
  const cli = (...args: string[]) => benchtop(['--data-dir', dir, ...args]);
  const versions = async () =>
    (await cli('models', '--json')).json()[0].versions as {
      id: number;
      parent_id: number | null;
      aliases: string[];
    }[];

  beforeAll(async () => {
    dir = join(root, 'data');
    files = join(root, 'files');
    mkdirSync(files);
    const train = await cli(
      'train',
      '--data',
      join(SAMPLES, 'iris.csv'),
      '--target',
      'species',
      '--epochs',
      '20',
      '--json',
    );
    expect(train.code).toBe(0);
    expect((await cli('register', '--run', String(train.json().id), '--name', 'iris')).code).toBe(
      0,
    );
  }, 120_000);

  it('refuses each bad policy with one line and exit 2, storing nothing', async () => {
    const folder = join(files, 'inbox');
    mkdirSync(folder, { recursive: true });
    const cases: [string[], RegExp][] = [
      [['--model', 'nope', '--trigger', 'drift'], /^benchtop: no registered model named nope/],
      [['--model', 'iris'], /needs --trigger drift\|decay\|always/],
      [
        ['--model', 'iris', '--trigger', 'sometimes'],
        /--trigger must be drift, decay or always; got "sometimes"/,
      ],
      [
        ['--model', 'iris', '--trigger', 'drift', '--watch', join(files, 'nowhere')],
        /the watched folder .*nowhere does not exist/,
      ],
      [
        ['--model', 'iris', '--trigger', 'drift', '--watch', folder, '--every', 'soon'],
        /--every must be a duration such as 30m, 1h or 2d/,
      ],
      [
        ['--model', 'iris', '--trigger', 'drift', '--every', '1h'],
        /a schedule needs something to check/,
      ],
      [
        ['--model', 'iris', '--trigger', 'decay', '--metric', 'rmse'],
        /metric "rmse" is not reported for multiclass/,
      ],
      [
        ['--model', 'iris', '--trigger', 'drift', '--margin', 'big'],
        /--margin must be a number, got "big"/,
      ],
      [['--model', 'iris', '--trigger', 'drift', '--margin=-1'], /the margin must be at least 0/],
      [
        ['--model', 'iris', '--trigger', 'drift', '--strategy', 'window:0'],
        /--strategy must be new, reference\+new or window:K/,
      ],
      [
        ['--model', 'iris', '--trigger', 'drift', '--threshold', '0.9'],
        /a threshold applies to the decay trigger only/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = await cli('policy', 'create', ...args, '--json');
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
    expect((await cli('policy', 'list', '--json')).json()).toEqual([]);
  });

  it('no drift: nothing trained; drift: a child version held for approval; the same data is not retrained; approval promotes it', async () => {
    const calm = await cli(
      'pipeline',
      'run',
      '--model',
      'iris',
      '--data',
      writeShiftedIris(files, 'calm.csv', { sepal_width_cm: 0.01 }),
      '--json',
    );
    expect(calm.code).toBe(0);
    const quiet = calm.json();
    expect(quiet).toMatchObject({
      status: 'finished',
      trigger: 'drift',
      triggered: false,
      candidate_version_id: null,
      promoted: false,
    });
    expect(quiet.drift.dataset_drift).toBe(false);
    expect(quiet.reason).toMatch(/^not triggered \(no drift: .*\); nothing retrained$/);
    expect(
      quiet.steps.map((s: { name: string; status: string }) => `${s.name}:${s.status}`),
    ).toEqual([
      'import:done',
      'drift:done',
      'train:skipped',
      'evaluate:skipped',
      'register:skipped',
      'promote:skipped',
    ]);

    const shifted = writeShiftedIris(files, 'shifted.csv', DRIFTED);
    const run = await cli('pipeline', 'run', '--model', 'iris', '--data', shifted, '--json');
    expect(run.code).toBe(0);
    const p = run.json();
    expect(Object.keys(p).slice(0, 8)).toEqual([
      'id',
      'status',
      'trigger',
      'steps',
      'drift',
      'candidate_version_id',
      'promoted',
      'reason',
    ]);
    expect(p).toMatchObject({
      status: 'waiting',
      trigger: 'drift',
      triggered: true,
      promoted: false,
      existing: false,
    });
    expect(p.drift).toMatchObject({ dataset_drift: true, drifted_columns: 3, model: 'iris' });
    expect(p.steps.map((s: { status: string }) => s.status)).toEqual([
      'done',
      'done',
      'done',
      'done',
      'done',
      'waiting',
    ]);
    for (const s of p.steps)
      expect(Object.keys(s)).toEqual(['name', 'status', 'started_at', 'ended_at', 'detail']);
    expect(p.reason).toMatch(
      /^waiting for approval: challenger f1_macro .* vs champion .* on the holdout/,
    );
    expect(p.evaluation).toMatchObject({
      metric: 'f1_macro',
      goal: 'max',
      holdout_rows: 30,
      train_rows: 270,
    });
    expect(p.evaluation.challenger).toBeGreaterThan(p.evaluation.champion);
    const tree = await versions();
    expect(tree).toHaveLength(2);
    expect(tree[1]).toMatchObject({
      id: p.candidate_version_id,
      parent_id: tree[0]!.id,
      aliases: ['challenger'],
    });

    const again = await cli('pipeline', 'run', '--model', 'iris', '--data', shifted, '--json');
    expect(again.json()).toMatchObject({
      id: p.id,
      existing: true,
      candidate_version_id: p.candidate_version_id,
    });
    expect(again.json().reason).toMatch(
      /already went through pipeline #\d+ \(waiting\); not retrained again/,
    );
    expect(await versions()).toHaveLength(2);

    const approved = await cli(
      'pipeline',
      'approve',
      String(p.id),
      '--reason',
      'checked by hand',
      '--json',
    );
    expect(approved.json()).toMatchObject({ status: 'finished', promoted: true });
    expect(approved.json().reason).toMatch(/^promoted on approval: checked by hand/);
    expect((await versions())[1]!.aliases).toEqual(['champion']);
    const twice = await cli('pipeline', 'approve', String(p.id));
    expect(twice).toMatchObject({
      code: 2,
      stderr: `benchtop: pipeline ${p.id} is finished, not waiting for approval\n`,
    });

    const list = (await cli('pipeline', 'list', '--model', 'iris', '--json')).json();
    expect(list.map((x: { id: number }) => x.id)).toEqual([p.id, quiet.id]);
    expect((await cli('pipeline', 'list', '--model', 'other', '--json')).json()).toEqual([]);
  }, 300_000);

  it('stops at the import step when the new file lacks a feature, registering nothing', async () => {
    const before = await versions();
    const r = await cli(
      'pipeline',
      'run',
      '--model',
      'iris',
      '--data',
      writeIrisWithout(files, 'partial.csv', 'petal_width_cm'),
      '--json',
    );
    expect(r.code).toBe(1);
    const p = r.json();
    expect(p).toMatchObject({
      status: 'failed',
      candidate_version_id: null,
      promoted: false,
      drift: null,
    });
    expect(p.steps[0]).toMatchObject({ name: 'import', status: 'failed' });
    expect(p.steps[0].detail).toBe(
      `partial.csv lacks the model's feature "petal_width_cm"; nothing was retrained or registered`,
    );
    expect(p.steps.slice(1).every((s: { status: string }) => s.status === 'skipped')).toBe(true);
    expect(await versions()).toEqual(before);
  });

  it('bad pipeline input: unknown model, missing file, missing flags, unknown pipeline', async () => {
    const cases: [string[], string][] = [
      [
        ['run', '--model', 'nope', '--data', join(SAMPLES, 'iris.csv')],
        'no registered model named nope; register a run first (benchtop register --run ID --name nope)',
      ],
      [
        ['run', '--model', 'iris', '--data', join(files, 'missing.csv')],
        `no such file: ${join(files, 'missing.csv')}`,
      ],
      [['run', '--model', 'iris'], 'pipeline run needs --data FILE'],
      [['run', '--data', 'x.csv'], 'pipeline run needs --model NAME'],
      [['show', '999'], 'no pipeline with id 999'],
      [['resume', 'x'], 'pipeline resume: the ID must be a whole number, got "x"'],
      [
        ['launch'],
        'unknown pipeline subcommand "launch"; use run, list, show, resume, approve or reject',
      ],
    ];
    for (const [args, message] of cases)
      expect(await cli('pipeline', ...args)).toMatchObject({
        code: 2,
        stderr: `benchtop: ${message}\n`,
      });
  });

  it('creates, lists, edits and disables a policy; one policy per model; pipeline run follows it', async () => {
    const inbox = join(files, 'watched');
    mkdirSync(inbox, { recursive: true });
    const created = await cli(
      'policy',
      'create',
      '--model',
      'iris',
      '--watch',
      inbox,
      '--dataset',
      'iris-feed',
      '--every',
      '1h',
      '--trigger',
      'always',
      '--metric',
      'accuracy',
      '--margin',
      '0.5',
      '--strategy',
      'new',
      '--json',
    );
    expect(created.code).toBe(0);
    const policy = created.json();
    expect(policy).toMatchObject({
      model: 'iris',
      enabled: true,
      paused_reason: null,
      watch_dir: inbox,
      dataset: 'iris-feed',
      every_seconds: 3600,
      trigger: 'always',
      metric: 'accuracy',
      margin: 0.5,
      strategy: 'new',
      auto_promote: false,
    });
    expect((await cli('policy', 'create', '--model', 'iris', '--trigger', 'drift')).stderr).toBe(
      `benchtop: model iris already has policy ${policy.id}; edit it instead (one policy per model)\n`,
    );
    expect(
      (await cli('policy', 'edit', String(policy.id), '--auto-promote', '--json')).json(),
    ).toMatchObject({ auto_promote: true, margin: 0.5 });
    expect((await cli('policy', 'disable', String(policy.id), '--json')).json()).toMatchObject({
      enabled: false,
    });
    expect((await cli('policy', 'list', '--json')).json()).toEqual([
      expect.objectContaining({ id: policy.id, enabled: false, auto_promote: true }),
    ]);

    // With the policy: trigger always, new data only, into the policy's dataset; a margin of 0.5 holds the challenger.
    const r = await cli(
      'pipeline',
      'run',
      '--model',
      'iris',
      '--data',
      writeShiftedIris(files, 'feed.csv', { sepal_width_cm: 0.2 }),
      '--json',
    );
    const p = r.json();
    expect(p).toMatchObject({
      trigger: 'always',
      triggered: true,
      policy_id: policy.id,
      status: 'finished',
      promoted: false,
    });
    expect(p.steps[0].detail).toMatch(/^imported as iris-feed v1 /);
    expect(p.steps[2].detail).toMatch(/on 120 rows \(new: new data\)/);
    expect(p.reason).toMatch(
      /^kept as challenger: challenger accuracy .* \((not better|better by .*, less than the margin 0\.5)\)$/,
    );
    expect((await versions()).at(-1)).toMatchObject({
      id: p.candidate_version_id,
      aliases: ['challenger'],
    });
  }, 300_000);

  it('the decay trigger scores the champion on the new labelled data; window:K trains on the last K versions', async () => {
    const [policy] = (await cli('policy', 'list', '--json')).json();
    const edited = await cli(
      'policy',
      'edit',
      String(policy.id),
      '--trigger',
      'decay',
      '--metric',
      'accuracy',
      '--margin',
      '0.05',
      '--strategy',
      'window:2',
      '--json',
    );
    expect(edited.json()).toMatchObject({
      trigger: 'decay',
      metric: 'accuracy',
      margin: 0.05,
      strategy: 'window:2',
      auto_promote: true,
    });
    const before = (await versions()).length;
    const far = writeShiftedIris(files, 'far.csv', {
      petal_length_cm: 4,
      petal_width_cm: 2,
      sepal_length_cm: 3,
    });
    const p = (await cli('pipeline', 'run', '--model', 'iris', '--data', far, '--json')).json();
    expect(p).toMatchObject({ trigger: 'decay', triggered: true });
    expect(p.steps[0].detail).toMatch(/^imported as iris-feed v2 /);
    expect(p.steps[1].detail).toMatch(
      /^decay: champion accuracy on the new data is [\d.]+, worse than its recorded test-split [\d.]+ by more than the margin 0\.05; drift: /,
    );
    expect(p.steps[2].detail).toMatch(/on 270 rows \(window:2: new data \+ iris-feed v1\)/);
    expect(p.evaluation).toMatchObject({ metric: 'accuracy', margin: 0.05 });
    expect(p.reason).toMatch(/^(promoted|kept as challenger): challenger accuracy /);
    expect(await versions()).toHaveLength(before + 1);
  }, 300_000);
});
