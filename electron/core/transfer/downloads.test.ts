import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../testing/tempDir.js';
import { createDownloads } from './downloads.js';

const tempDir = useTempDirs();

describe('prepared downloads', () => {
  it('hands a download out once', () => {
    const downloads = createDownloads(join(tempDir(), 'root'));
    const path = downloads.reserve('backup.tar.gz');
    writeFileSync(path, 'archive');
    const { downloadId, bytes } = downloads.add(path, 'backup.tar.gz');
    expect(bytes).toBe(7);
    expect(downloads.take(downloadId)).toEqual({ path, fileName: 'backup.tar.gz' });
    expect(downloads.take(downloadId)).toBeUndefined();
    downloads.close();
  });

  it('removes a download nobody fetched once it expires', () => {
    const downloads = createDownloads(join(tempDir(), 'root'), -1);
    const path = downloads.reserve('backup.tar.gz');
    writeFileSync(path, 'archive');
    const { downloadId } = downloads.add(path, 'backup.tar.gz');
    expect(downloads.take(downloadId)).toBeUndefined();
    expect(existsSync(path)).toBe(false);
    downloads.close();
  });
});
