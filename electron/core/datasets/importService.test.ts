import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../shared/api.js';
import { SAMPLES, useTempDirs } from '../../testing/tempDir.js';
import { createCore, type Core } from '../core.js';
import { loadTable } from './loadTable.js';

describe('importing versions through the core (job process)', () => {
  const tempDir = useTempDirs();
  const open: Core[] = [];
  const start = () => {
    const core = createCore({ dataDir: tempDir() });
    open.push(core);
    return core;
  };
  afterEach(async () => {
    for (const core of open.splice(0)) await core.close();
  });

  it('identical content is the existing version; new content under the name is the next, linked to its parent', async () => {
    const core = start();
    const dir = tempDir();
    const file = join(dir, 'data.csv');
    writeFileSync(file, 'a,b\n1,x\n2,y\n');
    const events: ApiEvent[] = [];
    core.events.subscribe((e) => events.push(e));
    const v1 = await core.call('datasets.import', { path: file, importId: 'first' });
    expect(v1).toMatchObject({
      name: 'data',
      version: 1,
      parent_id: null,
      existing: false,
      rows: 2,
    });
    expect(
      events.some(
        (e) => e.type === 'dataset.progress' && e.importId === 'first' && e.bytes === e.total_bytes,
      ),
    ).toBe(true);

    const again = await core.call('datasets.import', { path: file });
    expect(again).toMatchObject({ id: v1.id, hash: v1.hash, existing: true });

    writeFileSync(file, 'a,b\n1,x\n3,y\n4,z\n');
    const v2 = await core.call('datasets.import', { path: file });
    expect(v2).toMatchObject({
      name: 'data',
      version: 2,
      parent_id: v1.id,
      existing: false,
      rows: 3,
    });
    expect(await core.call('datasets.list', {})).toHaveLength(2);

    const diff = await core.call('datasets.diff', { from: v1.id, to: v2.id });
    expect(diff.rows_delta).toBe(1);
    expect(diff.changed.find((c) => c.name === 'a')?.changes).toContainEqual({
      stat: 'max',
      before: 2,
      after: 4,
    });
  });

  it('a type override is part of the version and of its profile', async () => {
    const core = start();
    const path = join(SAMPLES, 'iris.csv');
    const plain = await core.call('datasets.import', { path });
    const typed = await core.call('datasets.import', {
      path,
      types: { petal_width_cm: 'categorical' },
    });
    expect(typed.id).not.toBe(plain.id);
    expect(typed.hash).toBe(plain.hash);
    expect(typed.columns.find((c) => c.name === 'petal_width_cm')?.type).toBe('categorical');
    const shown = await core.call('datasets.show', { id: typed.id });
    expect(shown.types).toEqual({ petal_width_cm: 'categorical' });
    const profile = shown.profile!.columns.find((c) => c.name === 'petal_width_cm')!;
    expect(profile.top?.[0]).toEqual({ value: '0.2', count: 29 });
    const sepal = shown.profile!.columns.find((c) => c.name === 'sepal_length_cm')!;
    expect(sepal.stats).toMatchObject({ min: 4.3, max: 7.9, p50: 5.8 });
    expect(sepal.histogram?.counts.reduce((a, b) => a + b, 0)).toBe(150);
  });

  it('stores the original once under its hash and a columnar cache that loads as the same table', async () => {
    const core = start();
    const d = await core.call('datasets.import', { path: join(SAMPLES, 'iris.csv') });
    const stored = core.store.datasets.get(d.id)!;
    expect(readFileSync(stored.original_path!)).toEqual(readFileSync(join(SAMPLES, 'iris.csv')));
    expect(statSync(stored.original_path!).mode & 0o222).toBe(0);
    const table = await loadTable(stored.storage_path, stored.file_name);
    expect(table.header).toEqual(d.columns.map((c) => c.name));
    expect(table.rows).toHaveLength(150);
    expect(table.rows[0]).toEqual(['5.1', '3.5', '1.4', '0.2', 'setosa']);
  });

  it('uploads bytes as base64 (any format) and refuses an unknown column in a type override', async () => {
    const core = start();
    const d = await core.call('datasets.upload', {
      fileName: 'u.jsonl',
      base64: Buffer.from('{"a":1}\n{"a":2}\n').toString('base64'),
    });
    expect(d).toMatchObject({ name: 'u', rows: 2 });
    await expect(
      core.call('datasets.import', { path: join(SAMPLES, 'iris.csv'), types: { nope: 'numeric' } }),
    ).rejects.toThrow(/^--type nope: iris\.csv has no column named "nope"$/);
    expect(await core.call('datasets.list', {})).toHaveLength(1);
  });

  it('a refused file stores nothing and the message names the file', async () => {
    const core = start();
    const file = join(tempDir(), 'r.csv');
    writeFileSync(file, 'a,b\n1,2\n3\n');
    await expect(core.call('datasets.import', { path: file })).rejects.toThrow(
      /^r\.csv: line 3 has 1 fields but the header has 2/,
    );
    expect(await core.call('datasets.list', {})).toEqual([]);
    const skipped = await core.call('datasets.import', { path: file, skipBadLines: true });
    expect(skipped.warnings).toContain(
      'skipped 1 bad line (a different number of fields than the header)',
    );
  });

  it('cancels a running import: nothing is stored', async () => {
    const core = start();
    const file = join(tempDir(), 'big.csv');
    writeFileSync(file, `a,b\n${'1.5,xyz\n'.repeat(3_000_000)}`);
    core.events.subscribe((e) => {
      if (e.type === 'dataset.progress' && e.importId === 'big')
        void core.call('datasets.cancelImport', { importId: 'big' });
    });
    await expect(core.call('datasets.import', { path: file, importId: 'big' })).rejects.toThrow(
      /^the import of big\.csv was cancelled$/,
    );
    expect(await core.call('datasets.list', {})).toEqual([]);
  });

  it('previews the first rows with inferred types', async () => {
    const core = start();
    const preview = await core.call('datasets.preview', {
      fileName: 'p.csv',
      content: 'x;y\n1;a\n2;b\n',
    });
    expect(preview).toMatchObject({
      delimiter: ';',
      columns: [
        { name: 'x', type: 'numeric' },
        { name: 'y', type: 'categorical' },
      ],
      rows: [
        ['1', 'a'],
        ['2', 'b'],
      ],
    });
  });

  it('imports numbers too large for a double (1e999) as infinite, and leaves them out of the statistics with a note', async () => {
    const core = start();
    const file = join(tempDir(), 'huge.csv');
    writeFileSync(file, 'a,b\n1.5,x\n1e999,y\n2.5,z\n-1e999,x\n');
    const imported = await core.call('datasets.import', { path: file });
    expect(imported.rows).toBe(4);
    expect(imported.warnings).toContain(
      'a: 2 infinite values (a number too large for a double, such as 1e999) left out of its statistics',
    );
    const { profile } = await core.call('datasets.show', { id: imported.id });
    const a = profile!.columns[0]!;
    expect(a).toMatchObject({ type: 'numeric', missing: 0, distinct: 4 });
    expect(a.stats).toMatchObject({ min: 1.5, max: 2.5, mean: 2 });
    expect(a.histogram!.counts.reduce((x: number, y: number) => x + y, 0)).toBe(2);
    const { rows } = await core.call('datasets.rows', { id: imported.id });
    expect(rows.map((r) => r[0])).toEqual(['1.5', 'Infinity', '2.5', '-Infinity']); // kept in the data
  });
});
