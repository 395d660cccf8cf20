import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLES, useTempDirs } from '../../testing/tempDir.js';
import { createCore, type Core } from '../core.js';

describe('datasets.rows', () => {
  const tempDir = useTempDirs();
  const open: Core[] = [];
  afterEach(async () => {
    for (const core of open.splice(0)) await core.close();
  });
  const start = () => {
    const core = createCore({ dataDir: tempDir() });
    open.push(core);
    return core;
  };

  it('answers the first rows of a stored version as text, with the total', async () => {
    const core = start();
    const d = await core.call('datasets.import', { path: join(SAMPLES, 'iris.csv') });
    const page = await core.call('datasets.rows', { id: d.id });
    expect(page.total).toBe(150);
    expect(page.columns).toContain('species');
    expect(page.rows).toHaveLength(20);
    expect(page.rows[0]).toHaveLength(page.columns.length);
    expect(page.rows[0]![page.columns.indexOf('sepal_length_cm')]).toBe('5.1');
    expect((await core.call('datasets.rows', { id: d.id, limit: 500 })).rows).toHaveLength(150);
  });

  it('shows a missing value as an empty cell', async () => {
    const core = start();
    const file = join(tempDir(), 'gaps.csv');
    writeFileSync(file, 'a,b\n1,x\n,y\n3,\n');
    const d = await core.call('datasets.import', { path: file });
    expect((await core.call('datasets.rows', { id: d.id })).rows).toEqual([
      ['1', 'x'],
      ['', 'y'],
      ['3', ''],
    ]);
  });

  it('refuses an unknown id and a limit out of range in one line', async () => {
    const core = start();
    await expect(core.call('datasets.rows', { id: 99 })).rejects.toThrow('no dataset with id 99');
    await expect(core.call('datasets.rows', { id: 1, limit: 0 })).rejects.toThrow(
      'the row limit must be at least 1',
    );
  });
});
