import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../testing/tempDir.js';
import { restoreBackup } from './backup/restoreBackup.js';
import { BLOCK, tarHeader } from './backup/tarFormat.js';
import { createCore } from './core.js';

/**
 * Every place a name from outside becomes a path: it stays in its folder. (Report, export and
 * backup `--out` paths are the user's own choice of where to write, so they are not confined.)
 */
const tempDirs = useTempDirs();

/** Every file under `dir`, relative to it. */
const filesUnder = (dir: string) =>
  existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }) : [];

/** A one-entry tar.gz; `type` is the ustar type flag ('0' file, '1' hard link, '2' symlink, '5' folder). */
function archive(path: string, type = '0', linkTarget = ''): Buffer {
  const body = Buffer.from('owned\n');
  const h = tarHeader(path, type === '0' ? body.length : 0, 0o644, 0);
  h.write(type, 156, 'ascii');
  h.write(linkTarget, 157, 100, 'utf8');
  h.write('        ', 148, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  const data =
    type === '0' ? Buffer.concat([body, Buffer.alloc(BLOCK - body.length)]) : Buffer.alloc(0);
  return gzipSync(Buffer.concat([h, data, Buffer.alloc(BLOCK * 2)]));
}

describe('names from outside never escape their folder', () => {
  it('restore refuses tar entries that climb out, are absolute, or are links, and writes nothing anywhere', async () => {
    const entries: [string, string, string?][] = [
      ['../escaped.txt', '0'],
      ['data/../../escaped.txt', '0'],
      ['/tmp/escaped-absolute.txt', '0'],
      ['datasets\\..\\..\\escaped.txt', '0'],
      ['./benchtop.db', '0'],
      ['link', '2', '/etc/passwd'],
      ['hard', '1', '../escaped.txt'],
      ['folder', '5'],
    ];
    for (const [path, type, link] of entries) {
      const base = tempDirs();
      const file = join(base, 'hostile.tar.gz');
      writeFileSync(file, archive(path, type, link));
      const target = join(base, 'restored');
      await expect(restoreBackup(file, target), path).rejects.toThrow(
        /\((unsafe path in the archive: .*|an entry is not a regular file)\); nothing restored$/,
      );
      expect(filesUnder(base), path).toEqual(['hostile.tar.gz']);
    }
    expect(existsSync('/tmp/escaped-absolute.txt')).toBe(false);
  });

  it('an upload named ../../x.csv lands in the uploads folder, then in the content-addressed store', async () => {
    const base = tempDirs();
    const dataDir = join(base, 'data');
    const core = createCore({ dataDir });
    try {
      const imported = await core.call('datasets.upload', {
        fileName: '../../../escape.csv',
        content: 'a,b\n1,2\n',
        name: '../../named',
      });
      expect(imported.name).toBe('../../named');
      await core.call('datasets.preview', { fileName: '../../../peek.csv', content: 'a\n1\n' });
      expect(filesUnder(base).filter((f) => !f.startsWith('data'))).toEqual([]);
      expect(filesUnder(dataDir).filter((f) => /escape|peek|named/.test(f))).toEqual([]);
    } finally {
      await core.close();
    }
  });

  it('a model bundle whose file paths climb out is refused before anything is written', async () => {
    const base = tempDirs();
    const dataDir = join(base, 'data');
    const core = createCore({ dataDir });
    try {
      for (const path of ['../../escaped.bin', '/abs.bin', 'a//b.bin', 'ok/../../escaped.bin']) {
        const data = Buffer.from('weights');
        const body = {
          format: 'benchtop-model-bundle',
          format_version: 1,
          exported_at: new Date(0).toISOString(),
          model: 'm',
          version: {
            uid: randomUUID(),
            version: 1,
            note: '',
            card: '',
            created_at: new Date(0).toISOString(),
          },
          lineage: {
            source_run_id: null,
            source: { run: { params: {}, metrics: {} }, dataset: null, parent_uid: null },
          },
          files: [
            {
              path,
              sha256: createHash('sha256').update(data).digest('hex'),
              data: data.toString('base64'),
            },
          ],
        };
        const checksum = createHash('sha256')
          .update(JSON.stringify({ ...body, checksum: undefined }))
          .digest('hex');
        const file = join(base, 'bundle.json');
        writeFileSync(file, JSON.stringify({ ...body, checksum }));
        await expect(core.call('registry.import', { path: file }), path).rejects.toThrow(
          `file ${path} would land outside the bundle's folder`,
        );
      }
      expect(await core.call('registry.models', {})).toEqual([]);
      const outside = filesUnder(base).filter((f) => !f.startsWith('data') && f !== 'bundle.json');
      expect(outside).toEqual([]);
      expect(filesUnder(join(dataDir, 'artifacts')).filter((f) => f.includes('escaped'))).toEqual(
        [],
      );
    } finally {
      await core.close();
    }
  });

  it('dataset and run names never become paths (the store is content-addressed)', async () => {
    const base = tempDirs();
    const dataDir = join(base, 'data');
    mkdirSync(dataDir);
    const core = createCore({ dataDir });
    try {
      const src = join(base, 'in.csv');
      writeFileSync(src, 'x,y\n1,a\n2,b\n');
      await core.call('datasets.import', { path: src, name: '../../../../tmp/evil' });
      for (const f of filesUnder(dataDir))
        expect(relative(dataDir, join(dataDir, f)).startsWith('..')).toBe(false);
      expect(filesUnder(dirname(dataDir)).filter((f) => f.includes('evil'))).toEqual([]);
    } finally {
      await core.close();
    }
  });
});
