import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLES, useTempDirs } from '../../testing/tempDir.js';
import { openStore } from '../store/store.js';
import { importBytes, importFile } from './importDataset.js';

describe('importing a dataset', () => {
  const tempDir = useTempDirs();
  const setup = () => {
    const dataDir = tempDir();
    return { dataDir, store: openStore(dataDir) };
  };

  it('profiles iris: four numeric columns and a categorical species', () => {
    const { dataDir, store } = setup();
    const d = importFile(store, dataDir, join(SAMPLES, 'iris.csv'));
    expect(d).toMatchObject({ name: 'iris', version: 1, rows: 150 });
    expect(d.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(d.columns.map((c) => [c.name, c.type, c.missing])).toEqual([
      ['sepal_length_cm', 'numeric', 0],
      ['sepal_width_cm', 'numeric', 0],
      ['petal_length_cm', 'numeric', 0],
      ['petal_width_cm', 'numeric', 0],
      ['species', 'categorical', 0],
    ]);
    store.close();
  });

  it('stores the bytes once under their hash and does not duplicate a re-import', () => {
    const { dataDir, store } = setup();
    const a = importFile(store, dataDir, join(SAMPLES, 'iris.csv'));
    const b = importFile(store, dataDir, join(SAMPLES, 'iris.csv'));
    expect(b.id).toBe(a.id);
    expect(store.datasets.list()).toHaveLength(1);
    expect(readFileSync(a.storage_path)).toEqual(readFileSync(join(SAMPLES, 'iris.csv')));
    store.close();
  });

  it('makes a new version when the content under the same name changes', () => {
    const { dataDir, store } = setup();
    const v1 = importBytes(store, dataDir, Buffer.from('a,b\n1,x\n2,y\n'), 'data.csv');
    const v2 = importBytes(store, dataDir, Buffer.from('a,b\n1,x\n3,y\n'), 'data.csv');
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect(v2.hash).not.toBe(v1.hash);
    store.close();
  });

  it('counts NA, N/A, NaN, null, None and empty as missing and sniffs ; and tabs', () => {
    const { dataDir, store } = setup();
    const semi = importBytes(store, dataDir, Buffer.from('x;flag;when\n1;true;2024-01-02\nNA;false;\nN/A;TRUE;2024-03-04\n'), 's.csv');
    expect(semi.columns.map((c) => [c.type, c.missing])).toEqual([
      ['numeric', 2],
      ['boolean', 0],
      ['datetime', 1],
    ]);
    const tabs = importBytes(store, dataDir, Buffer.from('\ufeffa\tb\n1\tnull\n2\tNone\n3\tNaN\n'), 't.tsv');
    expect(tabs.columns.map((c) => [c.name, c.missing])).toEqual([
      ['a', 0],
      ['b', 3],
    ]);
    store.close();
  });

  describe('bad input gets one clear line and stores nothing', () => {
    const cases: [string, (dir: string) => string, RegExp][] = [
      ['a file that does not exist', (dir) => join(dir, 'missing.csv'), /^no such file: .*missing\.csv$/],
      ['an empty file', (dir) => write(dir, 'empty.csv', ''), /^empty\.csv is empty$/],
      ['a header with no rows', (dir) => write(dir, 'head.csv', 'a,b\n'), /^head\.csv has a header but no data rows$/],
      ['a binary file named .csv', (dir) => write(dir, 'x.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1])), /not a CSV file \(it holds binary data\)/],
      ['a PNG', (dir) => write(dir, 'photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47])), /^photo\.png is not a CSV file/],
      ['a ragged row', (dir) => write(dir, 'r.csv', 'a,b\n1,2\n3\n'), /^r\.csv: row 3 has 1 fields but the header has 2$/],
      ['a folder', (dir) => dir, /is a folder, not a file$/],
    ];
    for (const [what, make, message] of cases) {
      it(what, () => {
        const { dataDir, store } = setup();
        const dir = tempDir();
        expect(() => importFile(store, dataDir, make(dir))).toThrow(message);
        expect(store.datasets.list()).toEqual([]);
        store.close();
      });
    }
  });
});

function write(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
