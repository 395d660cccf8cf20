import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterEach, describe, expect, it } from 'vitest';
import { TEXT_PAGE_BYTES } from '../../../shared/api/artifactPreview.js';
import { openCore, type CoreHandle } from '../core.js';
import { useTempDirs } from '../../testing/tempDir.js';

const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82,
]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70]);

/** The run page's artifact previews: what each kind of file shows, and what is refused. */
describe('artifact previews', () => {
  const tempDir = useTempDirs();
  let core: CoreHandle;
  let dataDir: string;
  afterEach(async () => core?.close());

  /** A script run with these files (path → bytes) in its artifact folder. */
  async function runWith(files: Record<string, string | Buffer>) {
    dataDir = tempDir();
    core = openCore({ dataDir });
    const experiment = await core.call('experiments.create', { name: 'e' });
    const run = await core.call('runs.start', { experimentId: experiment.id, name: 'r' });
    const root = join(dataDir, 'artifacts', 'runs', String(run.id));
    mkdirSync(root, { recursive: true });
    for (const [path, bytes] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), bytes);
    }
    return { runId: run.id, root };
  }
  const preview = (runId: number, path: string, offset = 0) =>
    core.call('artifacts.preview', { runId, path, offset });

  it('lists one folder at a time, folders first, with paths from the root', async () => {
    const { runId } = await runWith({
      'b.txt': 'b',
      'a/inner.txt': 'x',
      'a/deeper/z.txt': 'z',
      'model/MLmodel': 'flavors: {}',
    });
    expect((await core.call('artifacts.browse', { runId, path: '' })).entries).toEqual([
      { name: 'a', path: 'a', is_dir: true, size: 0 },
      { name: 'model', path: 'model', is_dir: true, size: 0 },
      { name: 'b.txt', path: 'b.txt', is_dir: false, size: 1 },
    ]);
    expect((await core.call('artifacts.browse', { runId, path: 'a' })).entries).toEqual([
      { name: 'deeper', path: 'a/deeper', is_dir: true, size: 0 },
      { name: 'inner.txt', path: 'a/inner.txt', is_dir: false, size: 1 },
    ]);
  });

  it('a run without artifacts lists nothing; an unknown run is refused', async () => {
    dataDir = tempDir();
    core = openCore({ dataDir });
    const experiment = await core.call('experiments.create', { name: 'e' });
    const run = await core.call('runs.start', { experimentId: experiment.id });
    expect(await core.call('artifacts.browse', { runId: run.id })).toEqual({ entries: [] });
    await expect(core.call('artifacts.browse', { runId: 999 })).rejects.toThrow(
      'no run with id 999',
    );
  });

  it('refuses paths that climb out of the run: .., absolute, backslashes', async () => {
    const { runId } = await runWith({ 'a.txt': 'a' });
    writeFileSync(join(dataDir, 'secret.txt'), 'secret');
    for (const path of [
      '../secret.txt',
      '../../../secret.txt',
      'a/../../x',
      '/etc/passwd',
      '..\\x',
    ]) {
      await expect(preview(runId, path)).rejects.toThrow(/invalid artifact path/);
      await expect(core.call('artifacts.file', { runId, path })).rejects.toThrow(
        /invalid artifact path/,
      );
      await expect(core.call('artifacts.browse', { runId, path })).rejects.toThrow(
        /invalid artifact path/,
      );
    }
    // Percent-encoding is not decoded by the core: `%2e%2e` is a file name that does not exist.
    await expect(preview(runId, '%2e%2e/secret.txt')).rejects.toThrow(/no artifact/);
  });

  it('refuses a symlink that points out of the run, and does not list it', async () => {
    const { runId, root } = await runWith({ 'a.txt': 'a' });
    writeFileSync(join(dataDir, 'secret.txt'), 'secret');
    symlinkSync(join(dataDir, 'secret.txt'), join(root, 'leak.txt'));
    symlinkSync(dataDir, join(root, 'outside'));
    symlinkSync(join(root, 'a.txt'), join(root, 'alias.txt'));
    for (const path of ['leak.txt', 'outside/secret.txt', 'outside']) {
      await expect(preview(runId, path)).rejects.toThrow(/points outside the run/);
      await expect(core.call('artifacts.file', { runId, path })).rejects.toThrow(/outside the run/);
    }
    const names = (await core.call('artifacts.browse', { runId })).entries.map((e) => e.name);
    expect(names).toEqual(['a.txt', 'alias.txt']); // a link inside the run is fine
    expect(await preview(runId, 'alias.txt')).toMatchObject({ kind: 'text', text: 'a' });
  });

  it('shows images by their bytes and refuses a file that claims to be an image and is not', async () => {
    const { runId } = await runWith({
      'plot.png': PNG,
      'photo.jpg': JPEG,
      'fake.png': 'hello, I am text',
      'swapped.png': JPEG,
      'anim.gif': 'GIF89a\x01\x00\x01\x00',
      noext: PNG,
    });
    expect(await preview(runId, 'plot.png')).toEqual({
      kind: 'image',
      mime: 'image/png',
      size: PNG.length,
      base64: PNG.toString('base64'),
    });
    expect(await preview(runId, 'photo.jpg')).toMatchObject({ kind: 'image', mime: 'image/jpeg' });
    expect(await preview(runId, 'anim.gif')).toMatchObject({ kind: 'image', mime: 'image/gif' });
    expect(await preview(runId, 'noext')).toMatchObject({ kind: 'image', mime: 'image/png' });
    expect(await preview(runId, 'fake.png')).toEqual({
      kind: 'refused',
      reason: 'fake.png is not a PNG image: its bytes do not start with the signature',
    });
    expect(await preview(runId, 'swapped.png')).toEqual({
      kind: 'refused',
      reason: 'swapped.png is not a PNG image: its bytes are JPEG',
    });
  });

  it('refuses SVGs that could run code or fetch, and shows plain ones', async () => {
    const svg = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg">${body}</svg>`;
    const { runId } = await runWith({
      'ok.svg': svg(
        '<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="4" height="4"/><use href="#g"/>',
      ),
      'script.svg': svg('<script>alert(1)</script>'),
      'onload.svg': svg('<rect onload="alert(1)"/>'),
      'foreign.svg': svg('<foreignObject><div/></foreignObject>'),
      'external.svg': svg('<image href="https://example.com/x.png"/>'),
      'xlink.svg': svg('<use xlink:href="file:///etc/passwd#x"/>'),
      'css.svg': svg('<rect style="fill: url(http://evil/x)"/>'),
      'entity.svg': `<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>${svg('&x;')}`,
    });
    expect(await preview(runId, 'ok.svg')).toMatchObject({ kind: 'image', mime: 'image/svg+xml' });
    const reasons = await Promise.all(
      ['script', 'onload', 'foreign', 'external', 'xlink', 'css', 'entity'].map(
        async (n) => await preview(runId, `${n}.svg`),
      ),
    );
    expect(reasons).toEqual([
      { kind: 'refused', reason: 'the SVG has a <script> element' },
      { kind: 'refused', reason: 'the SVG has an event handler (onload)' },
      { kind: 'refused', reason: 'the SVG has a <foreignObject> element' },
      { kind: 'refused', reason: 'the SVG links to "https://example.com/x.png"' },
      { kind: 'refused', reason: 'the SVG links to "file:///etc/passwd#x"' },
      { kind: 'refused', reason: 'the SVG refers to "http://evil/x"' },
      { kind: 'refused', reason: 'the SVG declares XML entities' },
    ]);
  });

  it('pages a 2 GB log 64 KB at a time without reading the rest', async () => {
    const { runId, root } = await runWith({ 'train.log': 'epoch 1 loss 0.5\n'.repeat(10_000) });
    truncateSync(join(root, 'train.log'), 2 * 1024 ** 3); // sparse: 2 GB on paper, nothing on disk
    const first = await preview(runId, 'train.log');
    expect(first).toMatchObject({
      kind: 'text',
      size: 2 * 1024 ** 3,
      offset: 0,
      next: TEXT_PAGE_BYTES,
    });
    if (first.kind !== 'text') throw new Error('not text');
    expect(first.text.length).toBe(TEXT_PAGE_BYTES);
    expect(first.text.startsWith('epoch 1 loss 0.5\nepoch 1')).toBe(true);
    const last = await preview(runId, 'train.log', 2 * 1024 ** 3 - 10);
    expect(last).toMatchObject({ kind: 'text', offset: 2 * 1024 ** 3 - 10, next: null });
  });

  it('cuts a page on a whole UTF-8 character and carries on from there', async () => {
    const text = 'a'.repeat(TEXT_PAGE_BYTES - 1) + 'é and more';
    const { runId } = await runWith({ 'notes.txt': text });
    const first = await preview(runId, 'notes.txt');
    if (first.kind !== 'text') throw new Error('not text');
    expect(first.next).toBe(TEXT_PAGE_BYTES - 1);
    const second = await preview(runId, 'notes.txt', first.next!);
    expect(second).toMatchObject({ kind: 'text', text: 'é and more', next: null });
  });

  it('shows HTML as markup to frame without scripts, and says when it had some', async () => {
    const { runId } = await runWith({
      'report.html': '<h1>Report</h1><script>fetch("/api/runs.list")</script>',
      'plain.html': '<h1>Plain</h1>',
    });
    expect(await preview(runId, 'report.html')).toMatchObject({
      kind: 'html',
      scripts_disabled: true,
    });
    expect(await preview(runId, 'plain.html')).toMatchObject({
      kind: 'html',
      scripts_disabled: false,
    });
  });

  it('parses JSON and YAML; invalid JSON is shown as text with the reason', async () => {
    const { runId } = await runWith({
      'config.json': JSON.stringify({ lr: 0.1, layers: [64, 32], opt: { name: 'adam' } }),
      'params.yaml': 'lr: 0.1\nlayers:\n  - 64\n',
      'broken.json': '{"lr": ',
    });
    expect(await preview(runId, 'config.json')).toEqual({
      kind: 'structured',
      format: 'json',
      size: expect.any(Number),
      value: { lr: 0.1, layers: [64, 32], opt: { name: 'adam' } },
    });
    expect(await preview(runId, 'params.yaml')).toMatchObject({ value: { lr: 0.1, layers: [64] } });
    const broken = await preview(runId, 'broken.json');
    expect(broken).toMatchObject({ kind: 'text', text: '{"lr": ' });
    if (broken.kind === 'text')
      expect(broken.note).toMatch(/^not valid JSON \(.+\): shown as text$/);
  });

  it('shows the first rows of CSV, TSV and Parquet tables', async () => {
    const csv = [
      'x,y,label',
      ...Array.from({ length: 300 }, (_, i) => `${i},${i * 2},"a, b"`),
    ].join('\n');
    const parquet = parquetWriteBuffer({
      columnData: [
        { name: 'id', data: Int32Array.from({ length: 250 }, (_, i) => i), type: 'INT32' },
        { name: 's', data: Array.from({ length: 250 }, (_, i) => `row ${i}`), type: 'STRING' },
      ],
    });
    const { runId } = await runWith({
      'data.csv': csv,
      'small.tsv': 'a\tb\n1\t2\n',
      'data.parquet': Buffer.from(parquet),
      'bad.parquet': 'not parquet at all',
    });
    const table = await preview(runId, 'data.csv');
    expect(table).toMatchObject({
      kind: 'table',
      columns: ['x', 'y', 'label'],
      total_rows: 300,
      truncated: false,
      next: null,
    });
    if (table.kind !== 'table') throw new Error('not a table');
    expect(table.rows).toHaveLength(300);
    expect(table.rows[1]).toEqual(['1', '2', 'a, b']);
    expect(await preview(runId, 'small.tsv')).toMatchObject({
      columns: ['a', 'b'],
      rows: [['1', '2']],
      total_rows: 1,
      truncated: false,
    });
    const pq = await preview(runId, 'data.parquet');
    expect(pq).toMatchObject({
      kind: 'table',
      format: 'parquet',
      columns: ['id', 's'],
      total_rows: 250,
      truncated: false,
      next: null,
    });
    if (pq.kind === 'table') expect(pq.rows[3]).toEqual([3, 'row 3']);
    expect(await preview(runId, 'bad.parquet')).toMatchObject({
      kind: 'refused',
      reason: expect.stringMatching(/^bad\.parquet is not a readable Parquet file/),
    });
  });

  it('reads a CSV whose header ends in LF and its rows in CRLF without a stray CR', async () => {
    const { runId } = await runWith({
      'mixed.csv': 'a,b\n1,2\r\n3,"x"\r\n4,5\r\n',
    });
    const table = await preview(runId, 'mixed.csv');
    expect(table).toMatchObject({ kind: 'table', columns: ['a', 'b'], total_rows: 3 });
    if (table.kind === 'table')
      expect(table.rows).toEqual([
        ['1', '2'],
        ['3', 'x'],
        ['4', '5'],
      ]);
  });

  it('reads an MLflow model folder: flavours, signature, requirements, conda', async () => {
    const mlmodel = [
      'artifact_path: model',
      'mlflow_version: 2.19.0',
      'flavors:',
      '  python_function:',
      '    loader_module: mlflow.sklearn',
      '    python_version: 3.11.4',
      '  sklearn:',
      '    sklearn_version: 1.5.0',
      '    serialization_format: cloudpickle',
      'signature:',
      `  inputs: '[{"type": "double", "name": "sepal_length", "required": true}]'`,
      `  outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "int64", "shape": [-1]}}]'`,
    ].join('\n');
    const { runId } = await runWith({
      'model/MLmodel': mlmodel,
      'model/requirements.txt': '# pinned\nmlflow==2.19.0\nscikit-learn==1.5.0\n',
      'model/conda.yaml': 'name: mlflow-env\n',
      'model/model.pkl': Buffer.from([0x80, 0x04, 0, 0]),
    });
    const expected = {
      kind: 'model',
      path: 'model',
      flavors: [
        {
          name: 'python_function',
          details: { loader_module: 'mlflow.sklearn', python_version: '3.11.4' },
        },
        {
          name: 'sklearn',
          details: { sklearn_version: '1.5.0', serialization_format: 'cloudpickle' },
        },
      ],
      signature: {
        inputs: [{ name: 'sepal_length', type: 'double' }],
        outputs: [{ name: '(unnamed)', type: 'tensor int64 [-1]' }],
      },
      requirements: ['mlflow==2.19.0', 'scikit-learn==1.5.0'],
      conda: 'name: mlflow-env\n',
      fields: { artifact_path: 'model', mlflow_version: '2.19.0' },
    };
    expect(await preview(runId, 'model')).toEqual(expected);
    expect(await preview(runId, 'model/MLmodel')).toEqual(expected);
    expect(await preview(runId, 'model/model.pkl')).toEqual({
      kind: 'unavailable',
      reason: 'a binary file (0.0 MB): download it',
    });
  });

  it('names the file behind an artifact for a download; folders are refused', async () => {
    const { runId, root } = await runWith({ 'sub/a.txt': 'abc' });
    expect(await core.call('artifacts.file', { runId, path: 'sub/a.txt' })).toEqual({
      file: join(root, 'sub', 'a.txt'),
      fileName: 'a.txt',
      size: 3,
    });
    await expect(core.call('artifacts.file', { runId, path: 'sub' })).rejects.toThrow(
      'the artifact "sub" is a folder',
    );
  });

  it("lists each run's images logged per step, and refuses an unknown run", async () => {
    const { runId } = await runWith({
      'images/val#pred%step%0%timestamp%10%gaa.png': PNG,
      'images/val#pred%step%0%timestamp%10%gaa%compressed.webp': 'RIFF....WEBP',
      'images/val#pred%step%3%timestamp%13%gbb.png': PNG,
      'images/README.txt': 'not an image',
    });
    expect(await core.call('artifacts.images', { runIds: [runId] })).toEqual({
      runs: [
        {
          runId,
          images: [
            {
              key: 'val/pred',
              step: 0,
              timestamp: 10,
              path: 'images/val#pred%step%0%timestamp%10%gaa.png',
              thumb: 'images/val#pred%step%0%timestamp%10%gaa%compressed.webp',
            },
            {
              key: 'val/pred',
              step: 3,
              timestamp: 13,
              path: 'images/val#pred%step%3%timestamp%13%gbb.png',
              thumb: null,
            },
          ],
        },
      ],
    });
    await expect(core.call('artifacts.images', { runIds: [runId, 77] })).rejects.toThrow(
      'no run with id 77',
    );
  });
});
