import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../testing/tempDir.js';
import { openStore } from '../store/store.js';
import { importBytes } from './importDataset.js';

describe('importing small in-memory bytes (the demo dataset)', () => {
  const tempDir = useTempDirs();
  const setup = () => {
    const dataDir = tempDir();
    return { dataDir, store: openStore(dataDir) };
  };

  it('makes a new version, linked to its parent, when the content under the same name changes', () => {
    const { dataDir, store } = setup();
    const v1 = importBytes(store, dataDir, Buffer.from('a,b\n1,x\n2,y\n'), 'data.csv');
    const v2 = importBytes(store, dataDir, Buffer.from('a,b\n1,x\n3,y\n'), 'data.csv');
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect(v2.parent_id).toBe(v1.id);
    expect(importBytes(store, dataDir, Buffer.from('a,b\n1,x\n3,y\n'), 'data.csv').id).toBe(v2.id);
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
    store.close();
  });

  it('refuses binary bytes and stores nothing', () => {
    const { dataDir, store } = setup();
    expect(() => importBytes(store, dataDir, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]), 'x.csv')).toThrow(/not a CSV file \(it holds binary data\)/);
    expect(store.datasets.list()).toEqual([]);
    store.close();
  });
});
