import { describe, expect, it } from 'vitest';
import { downloadLine } from './useBrowserDownload.js';

describe('the line a browser download shows', () => {
  it('says "Downloading…" only until the server has sent the file', () => {
    expect(downloadLine('b.tar.gz', '3 files, 1 KB', null)).toBe(
      'Downloading b.tar.gz (3 files, 1 KB)…',
    );
    expect(downloadLine('b.tar.gz', '3 files, 1 KB', true)).toBe(
      'Downloaded b.tar.gz (3 files, 1 KB): it is in your browser’s downloads.',
    );
    expect(downloadLine('b.tar.gz', '3 files, 1 KB', false)).toBe(
      'The download of b.tar.gz stopped before the end; start it again for a whole file.',
    );
  });
});
