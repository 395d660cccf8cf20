import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../testing/tempDir.js';
import { prepareVersion } from './prepareVersion.js';

const tempDir = useTempDirs();

/** Several 4 MB chunks of full-precision doubles, with a bad line near the end when asked. */
function csv(rows: number, badAt = -1): string {
  const lines = ['a,b,c'];
  let s = 7;
  const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32 - 0.5) * 1e5;
  for (let i = 0; i < rows; i++)
    lines.push(i === badAt ? '1,2' : `${next()},${next()},${i % 3 === 0 ? 'NA' : next()}`);
  return `${lines.join('\n')}\n`;
}

/** Imports the same file read on the parser's thread and on the read-ahead thread. */
async function both(name: string, bytes: string | Buffer) {
  const dir = tempDir();
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const run = (readAheadFrom: number, data: string) =>
    prepareVersion({
      path,
      fileName: name,
      dataDir: join(dir, data),
      options: { types: {} },
      readAheadFrom,
    });
  return { dir, path, local: await run(Infinity, 'local'), ahead: await run(0, 'ahead') };
}

describe('reading ahead on a worker thread (hash and copy beside the parser)', () => {
  it('gives the same hash, copy, columns and profile as reading on the parser’s thread', async () => {
    const { path, local, ahead } = await both('numbers.csv', csv(300_000));
    const sha = createHash('sha256').update(readFileSync(path)).digest('hex');
    expect(ahead.hash).toBe(`sha256:${sha}`);
    expect(local.hash).toBe(ahead.hash);
    expect(readFileSync(ahead.original_path).equals(readFileSync(path))).toBe(true);
    expect(ahead.rows).toBe(300_000);
    expect(ahead.profile).toEqual(local.profile);
    expect(readFileSync(ahead.storage_path).equals(readFileSync(local.storage_path))).toBe(true);
  });

  it('reads gzip through the thread too', async () => {
    const { ahead, local } = await both('numbers.csv.gz', gzipSync(csv(50_000)));
    expect(ahead.hash).toBe(local.hash);
    expect(ahead.rows).toBe(50_000);
    expect(ahead.profile).toEqual(local.profile);
  });

  it('a bad line past the first chunks fails with its one line and leaves no scratch files', async () => {
    const dir = tempDir();
    const path = join(dir, 'bad.csv');
    writeFileSync(path, csv(300_000, 250_000));
    const dataDir = join(dir, 'data');
    await expect(
      prepareVersion({
        path,
        fileName: 'bad.csv',
        dataDir,
        options: { types: {} },
        readAheadFrom: 0,
      }),
    ).rejects.toThrow('bad.csv: line 250002 has 2 fields but the header has 3');
    expect(readdirSync(join(dataDir, 'datasets', 'tmp'))).toEqual([]);
  });

  it('a file that is not gzip though named .gz is refused with one line', async () => {
    const dir = tempDir();
    const path = join(dir, 'plain.csv.gz');
    writeFileSync(path, csv(1000));
    await expect(
      prepareVersion({
        path,
        fileName: 'plain.csv.gz',
        dataDir: join(dir, 'data'),
        options: { types: {} },
        readAheadFrom: 0,
      }),
    ).rejects.toThrow('plain.csv.gz is not gzip data (its name ends in .gz)');
  });
});
