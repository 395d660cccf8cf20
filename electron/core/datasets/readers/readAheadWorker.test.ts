import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../testing/tempDir.js';
import { readAhead } from './readAheadWorker.js';

const tempDir = useTempDirs();
const CHUNK = 64 * 1024;

/** A file of `bytes` random bytes, and where its copy goes. */
function fileOf(bytes: number) {
  const dir = tempDir();
  const path = join(dir, 'in.bin');
  const data = randomBytes(bytes);
  writeFileSync(path, data);
  return { path, copyTo: join(dir, 'copy.bin'), data };
}

/** Reads the whole file through the thread, copying each chunk before asking for the next. */
async function drain(path: string, copyTo: string, slowWriteMs?: number) {
  const reader = readAhead(path, copyTo, CHUNK, slowWriteMs);
  const seen: Buffer[] = [];
  for await (const chunk of reader.chunks) seen.push(Buffer.from(chunk));
  return { read: Buffer.concat(seen), hash: reader.hash(), chunks: seen.length };
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('the read-ahead thread', () => {
  it('goes round its ring of slots many times and reads, hashes and copies every byte', async () => {
    // 23 chunks and a ragged tail: each slot is refilled four times, the last write is padded.
    const { path, copyTo, data } = fileOf(23 * CHUNK + 1_234);
    const { read, hash, chunks } = await drain(path, copyTo);
    expect(chunks).toBe(24);
    expect(read.equals(data)).toBe(true);
    expect(hash).toBe(sha256(data));
    expect(statSync(copyTo).size).toBe(data.length);
    expect(readFileSync(copyTo).equals(data)).toBe(true);
  });

  it('after two slow direct writes it writes the rest through the page cache, the copy still whole', async () => {
    const { path, copyTo, data } = fileOf(9 * CHUNK + 77);
    const { read, hash } = await drain(path, copyTo, -1); // every write counts as slow
    expect(read.equals(data)).toBe(true);
    expect(hash).toBe(sha256(data));
    expect(readFileSync(copyTo).equals(data)).toBe(true);
  });

  it('a file smaller than one block is copied to its exact size', async () => {
    const { path, copyTo, data } = fileOf(100);
    expect((await drain(path, copyTo)).read.equals(data)).toBe(true);
    expect(readFileSync(copyTo).equals(data)).toBe(true);
  });

  it('stops when the reader stops early, and then has no hash', async () => {
    const { path, copyTo } = fileOf(20 * CHUNK);
    const reader = readAhead(path, copyTo, CHUNK);
    let taken = 0;
    for await (const chunk of reader.chunks) {
      expect(chunk.length).toBe(CHUNK);
      if (++taken === 3) break;
    }
    expect(() => reader.hash()).toThrow('the file was not read to its end');
  });

  it('refuses a chunk size that is not whole 4 KiB blocks', () => {
    expect(() => readAhead('x', undefined, 1000)).toThrow('whole number of 4 KiB blocks');
  });
});
