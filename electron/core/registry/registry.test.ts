import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../testing/tempDir.js';
import { waitForRunEnd } from '../../testing/waitForRun.js';
import { PolicySettings } from '../../../shared/api/automation.js';
import { createAutomationRepo } from '../store/automationRepo.js';
import { createCore, type Core } from '../core.js';

describe('model registry', () => {
  const tempDir = useTempDirs();
  const cores: Core[] = [];
  afterEach(async () => {
    for (const c of cores.splice(0)) await c.close();
  });
  const open = (dir = tempDir()) => {
    const core = createCore({ dataDir: dir });
    cores.push(core);
    return core;
  };
  /** A run in the store with the given status and metrics (stored as a training job would). */
  const run = async (core: Core, status: 'finished' | 'failed' | 'running', accuracy = 0.9) => {
    const { id } = await core.call('datasets.importSample', { name: 'iris' });
    const runId = core.store.runs.create({
      experiment_id: core.store.experiments.ensure('Default'),
      dataset_id: id,
      model: 'logistic',
      task: 'multiclass',
      target: 'species',
    });
    core.store.params.set(runId, { lr: 0.1, epochs: 5 + runId });
    core.store.db.transaction(() =>
      core.store.metrics.append(runId, {
        keys: ['accuracy'],
        keyIndex: Uint16Array.of(0),
        step: Float64Array.of(1),
        value: Float64Array.of(accuracy),
        time: Float64Array.of(Date.now()),
      }),
    )();
    if (status !== 'running') {
      core.store.runs.markRunning(runId, 'cpu');
      core.store.runs.markEnded(runId, status, status === 'failed' ? 'boom' : null);
    } else core.store.runs.markRunning(runId, 'cpu');
    return runId;
  };

  it('registers versions as a tree, moves aliases, changes stages and keeps the history', async () => {
    const core = open();
    const v1 = await core.call('registry.register', {
      runId: await run(core, 'finished', 0.9),
      name: 'iris-clf',
      note: 'baseline',
    });
    expect(v1).toMatchObject({
      model: 'iris-clf',
      version: 1,
      parent_id: null,
      dataset_id: 1,
      aliases: [],
      stage: 'none',
      metrics: { accuracy: 0.9 },
    });
    const v2 = await core.call('registry.register', {
      runId: await run(core, 'finished', 0.95),
      name: 'iris-clf',
      parentId: v1.id,
    });
    const v3 = await core.call('registry.register', {
      runId: await run(core, 'finished', 0.93),
      name: 'iris-clf',
      parentId: v1.id,
    });
    expect([v2.version, v2.parent_id, v3.version, v3.parent_id]).toEqual([2, v1.id, 3, v1.id]);
    expect((await core.call('registry.version', { id: v1.id })).children).toEqual([v2.id, v3.id]);

    await core.call('registry.promote', { model: 'iris-clf', version: 1 });
    const promoted = await core.call('registry.promote', {
      model: 'iris-clf',
      version: 2,
      reason: 'better accuracy',
    });
    expect(promoted.aliases).toEqual(['champion']);
    expect((await core.call('registry.version', { id: v1.id })).aliases).toEqual([]);
    const rolledBack = await core.call('registry.rollback', {
      model: 'iris-clf',
      reason: 'regression in prod',
    });
    expect([rolledBack.version, rolledBack.aliases]).toEqual([1, ['champion']]);

    await core.call('registry.alias', { model: 'iris-clf', version: 3, set: 'challenger' });
    await core.call('registry.stage', {
      model: 'iris-clf',
      version: 3,
      to: 'staging',
      reason: 'shadow traffic',
    });
    const detail = await core.call('registry.version', { id: v3.id });
    expect(detail).toMatchObject({ stage: 'staging', aliases: ['challenger'] });
    expect(detail.history.map((h) => [h.action, h.detail, h.reason])).toEqual([
      ['registered', expect.stringContaining('child of v1'), ''],
      ['alias set', 'challenger', ''],
      ['stage', 'none → staging', 'shadow traffic'],
    ]);
    const models = await core.call('registry.models', {});
    expect(models.map((m) => [m.name, m.versions.map((v) => v.version)])).toEqual([
      ['iris-clf', [1, 2, 3]],
    ]);
  });

  it('diffs two versions: params, metrics and the dataset', async () => {
    const core = open();
    const a = await core.call('registry.register', {
      runId: await run(core, 'finished', 0.9),
      name: 'm',
    });
    const b = await core.call('registry.register', {
      runId: await run(core, 'finished', 0.8),
      name: 'm',
      parentId: a.id,
    });
    const diff = await core.call('registry.diff', { a: a.id, b: b.id });
    expect(diff.params.find((p) => p.name === 'epochs')).toEqual({
      name: 'epochs',
      a: 6,
      b: 7,
      same: false,
    });
    expect(diff.params.find((p) => p.name === 'lr')).toMatchObject({ same: true });
    expect(diff.metrics).toEqual([{ name: 'accuracy', a: 0.9, b: 0.8 }]);
    expect(diff.dataset).toMatchObject({
      a: 'iris v1',
      b: 'iris v1',
      same: true,
      columns_added: [],
      columns_removed: [],
    });
  });

  it('round-trips a trained version through a bundle into another data directory, once', async () => {
    const source = open();
    const { id } = await source.call('datasets.importSample', { name: 'iris' });
    const { runId } = await source.call('jobs.train', {
      datasetId: id,
      target: 'species',
      params: { epochs: 2 },
    });
    expect(await waitForRunEnd(source, runId)).toBe('finished');
    const parent = await source.call('registry.register', { runId, name: 'iris-clf' });
    const child = await source.call('registry.register', {
      runId,
      name: 'iris-clf',
      parentId: parent.id,
      note: 'retrained',
    });
    await source.call('registry.card', { id: child.id, card: '# Intended use\nDemos.' });
    const dir = tempDir();
    const exported = await source.call('registry.export', {
      model: 'iris-clf',
      version: 1,
      out: join(dir, 'v1.json'),
    });
    await source.call('registry.export', {
      model: 'iris-clf',
      version: 2,
      out: join(dir, 'v2.json'),
    });
    expect(exported.files).toBeGreaterThan(0);

    const target = open();
    const first = await target.call('registry.import', { path: join(dir, 'v1.json') });
    const second = await target.call('registry.import', { path: join(dir, 'v2.json') });
    expect(first).toMatchObject({
      existing: false,
      version: { model: 'iris-clf', version: 1, run_id: null, metrics: parent.metrics },
    });
    expect(second.version.parent_id).toBe(first.version.id);
    expect((await target.call('registry.version', { id: second.version.id })).card).toBe(
      '# Intended use\nDemos.',
    );
    const again = await target.call('registry.import', { path: join(dir, 'v2.json') });
    expect(again).toEqual({ existing: true, version: second.version });
    expect((await target.call('registry.models', {}))[0]!.versions).toHaveLength(2);
    // The model files arrived byte for byte.
    const bundled = JSON.parse(readFileSync(join(dir, 'v2.json'), 'utf8')) as {
      files: { path: string; data: string }[];
    };
    const file = bundled.files[0]!;
    const landed = readFileSync(
      join(
        target.dataDir,
        'artifacts',
        'versions',
        JSON.parse(readFileSync(join(dir, 'v2.json'), 'utf8')).version.uid,
        ...file.path.split('/'),
      ),
    );
    expect(landed.toString('base64')).toBe(file.data);
  });

  describe('bad input: a clear message and nothing changed', () => {
    it('a run that failed, or has not finished', async () => {
      const core = open();
      const failed = await run(core, 'failed');
      await expect(core.call('registry.register', { runId: failed, name: 'm' })).rejects.toThrow(
        `run ${failed} is failed; only a finished run can be registered`,
      );
      const running = await run(core, 'running');
      await expect(core.call('registry.register', { runId: running, name: 'm' })).rejects.toThrow(
        `run ${running} is running; only a finished run can be registered`,
      );
      expect(await core.call('registry.models', {})).toEqual([]);
    });

    it('a parent version from another model', async () => {
      const core = open();
      const other = await core.call('registry.register', {
        runId: await run(core, 'finished'),
        name: 'fraud',
      });
      await expect(
        core.call('registry.register', {
          runId: await run(core, 'finished'),
          name: 'churn',
          parentId: other.id,
        }),
      ).rejects.toThrow(
        `version ${other.id} belongs to model fraud, not churn; a parent must be a version of the same model`,
      );
      expect((await core.call('registry.models', {})).map((m) => m.name)).toEqual(['fraud']);
    });

    it('an unknown alias or stage', async () => {
      const core = open();
      await core.call('registry.register', { runId: await run(core, 'finished'), name: 'm' });
      await expect(
        core.call('registry.alias', { model: 'm', version: 1, unset: 'gold' }),
      ).rejects.toThrow('model m v1 has no alias gold');
      await expect(
        core.call('registry.stage', { model: 'm', version: 1, to: 'prod' as never }),
      ).rejects.toThrow(
        'registry.stage: to: the stage must be one of none, staging, production, archived',
      );
      await expect(core.call('registry.promote', { model: 'm', version: 9 })).rejects.toThrow(
        'model m has no version 9',
      );
      expect((await core.call('registry.version', { id: 1 })).history).toHaveLength(1);
    });

    it('a bundle with a bad checksum, or from a newer Benchtop', async () => {
      const core = open();
      await core.call('registry.register', { runId: await run(core, 'finished'), name: 'm' });
      const dir = tempDir();
      const path = join(dir, 'b.json');
      await core.call('registry.export', { model: 'm', version: 1, out: path });
      const bundle = JSON.parse(readFileSync(path, 'utf8'));
      writeFileSync(join(dir, 'tampered.json'), JSON.stringify({ ...bundle, model: 'n' }));
      writeFileSync(join(dir, 'newer.json'), JSON.stringify({ ...bundle, format_version: 99 }));
      // A bundle whose uid is a path, with a checksum recomputed to match: refused before any write.
      const hostile = {
        ...bundle,
        version: { ...bundle.version, uid: '../../../../tmp/escaped' },
        checksum: undefined,
      };
      const { createHash } = await import('node:crypto');
      hostile.checksum = createHash('sha256').update(JSON.stringify(hostile)).digest('hex');
      writeFileSync(join(dir, 'hostile.json'), JSON.stringify(hostile));
      const target = open();
      await expect(
        target.call('registry.import', { path: join(dir, 'tampered.json') }),
      ).rejects.toThrow('tampered.json fails its checksum; the bundle is damaged');
      await expect(
        target.call('registry.import', { path: join(dir, 'newer.json') }),
      ).rejects.toThrow('was written by a newer Benchtop (bundle format 99)');
      await expect(
        target.call('registry.import', { path: join(dir, 'nope.json') }),
      ).rejects.toThrow('no such file');
      await expect(
        target.call('registry.import', { path: join(dir, 'hostile.json') }),
      ).rejects.toThrow('hostile.json is a damaged model bundle');
      expect(await target.call('registry.models', {})).toEqual([]);
    });
  });

  describe('MLflow-era details: sources, tags, descriptions, deleting', () => {
    const source = (
      core: Core,
      name: string,
      extra: { parentId?: number; tags?: Record<string, string> } = {},
    ) =>
      core.call('registry.register', {
        name,
        source_uri: `s3://bucket/${name}`,
        note: '',
        ...extra,
      });

    it('registers from a source URI with no run, with tags; a model can be described, tagged and renamed', async () => {
      const core = open();
      await expect(core.call('registry.register', { name: 'm', note: '' })).rejects.toThrow(
        'a version is registered from a run or a source URI',
      );
      await expect(
        source(core, 'm', {}).then(() =>
          core.call('registry.register', {
            name: 'ghost',
            source_uri: 's3://x',
            note: '',
            createModel: false,
          }),
        ),
      ).rejects.toThrow('no model named ghost');
      const v = await source(core, 'm', { tags: { team: 'a' } });
      expect(v).toMatchObject({
        version: 2,
        run_id: null,
        run_uid: null,
        source_uri: 's3://bucket/m',
        tags: { team: 'a' },
        metrics: {},
        params: {},
      });
      await core.call('registry.versionTags', {
        model: 'm',
        version: 2,
        set: { team: 'b', extra: '1' },
      });
      await core.call('registry.versionTags', {
        model: 'm',
        version: 2,
        unset: ['extra', 'never'],
      });
      const detail = await core.call('registry.version', { id: v.id });
      expect(detail.tags).toEqual({ team: 'b' });
      expect(detail.history.map((h) => [h.action, h.detail])).toEqual([
        ['registered', 'from s3://bucket/m'],
        ['tag set', 'team = b'],
        ['tag set', 'extra = 1'],
        ['tag removed', 'extra'],
      ]);
      await core.call('registry.describeModel', { model: 'm', description: 'words' });
      await core.call('registry.modelTags', { model: 'm', set: { t: '1' } });
      await core.call('registry.renameModel', { model: 'm', to: 'n' });
      expect(await core.call('registry.model', { name: 'n' })).toMatchObject({
        name: 'n',
        description: 'words',
        tags: { t: '1' },
        versions: [{ version: 1 }, { version: 2 }],
      });
      await expect(core.call('registry.model', { name: 'm' })).rejects.toThrow('no model named m');
      await expect(core.call('registry.createModel', { name: 'n' })).rejects.toThrow(
        'a registered model named "n" already exists',
      );
      await expect(
        core.call('registry.modelTags', { model: 'n', set: { 'bad?key': '1' } }),
      ).rejects.toThrow('invalid key');
    });

    it('archives the versions already in a stage only when moving into staging or production', async () => {
      const core = open();
      for (let i = 0; i < 3; i++) await source(core, 'm');
      await core.call('registry.stage', { model: 'm', version: 1, to: 'production' });
      await core.call('registry.stage', { model: 'm', version: 2, to: 'production' });
      await core.call('registry.stage', {
        model: 'm',
        version: 3,
        to: 'production',
        archiveOthers: true,
        reason: 'rollout',
      });
      expect(
        (await core.call('registry.model', { name: 'm' })).versions.map((v) => v.stage),
      ).toEqual(['archived', 'archived', 'production']);
      await expect(
        core.call('registry.stage', { model: 'm', version: 1, to: 'none', archiveOthers: true }),
      ).rejects.toThrow(
        'only a move into staging or production can archive the versions already there, not a move into none',
      );
    });

    it('deletes a version out of every listing but keeps its record; its bundle is not imported back', async () => {
      const core = open();
      const v1 = await source(core, 'm');
      const v2 = await source(core, 'm', { parentId: v1.id });
      await core.call('registry.promote', { model: 'm', version: 1 });
      await core.call('registry.promote', { model: 'm', version: 2 });
      const bundle = join(tempDir(), 'v1.json');
      await core.call('registry.export', { model: 'm', version: 1, out: bundle });
      expect(
        await core.call('registry.deleteVersion', { model: 'm', version: 1, reason: 'bad data' }),
      ).toEqual({ id: v1.id, model: 'm', version: 1 });
      expect(
        (await core.call('registry.models', {}))[0]!.versions.map((v) => [v.version, v.parent_id]),
      ).toEqual([[2, v1.id]]);
      await expect(core.call('registry.deleteVersion', { model: 'm', version: 1 })).rejects.toThrow(
        'model m has no version 1',
      );
      await expect(core.call('registry.rollback', { model: 'm' })).rejects.toThrow(
        'has had no other champion to roll back to',
      );
      await expect(core.call('registry.import', { path: bundle })).rejects.toThrow(
        'which was deleted from this registry',
      );
      expect(core.store.registry.history(v1.id).at(-1)).toMatchObject({
        action: 'deleted',
        detail: 'v1',
        reason: 'bad data',
      });
      expect((await source(core, 'm')).version).toBe(3);
      expect((await core.call('registry.version', { id: v2.id })).children).toEqual([]);
    });

    it('deletes a model unless Benchtop retrains it, and frees its name', async () => {
      const core = open();
      await source(core, 'm');
      await source(core, 'm');
      const automation = createAutomationRepo(core.store.db);
      const modelId = core.store.registry.model('m')!.id;
      const policy = automation.insertPolicy(modelId, PolicySettings.parse({}));
      await expect(core.call('registry.deleteModel', { model: 'm' })).rejects.toThrow(
        'model m has a retraining policy; remove the policy before deleting the model',
      );
      automation.deletePolicy(policy);
      expect(await core.call('registry.deleteModel', { model: 'm' })).toEqual({
        name: 'm',
        versions: 2,
      });
      expect(await core.call('registry.models', {})).toEqual([]);
      expect((await source(core, 'm')).version).toBe(1);
      expect(core.store.registry.model('m')!.id).not.toBe(modelId);
    });
  });
});
