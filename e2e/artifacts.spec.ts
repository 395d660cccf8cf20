import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { screenshot } from './helpers.js';

const SHOTS = path.resolve(import.meta.dirname, '..', 'test-results', 'screenshots');

/** MLflow's wire as a script's client speaks it: JSON calls and the artifact proxy's PUT. */
function mlflow(serverUrl: string) {
  const url = new URL(serverUrl);
  const auth = { authorization: `Bearer ${url.searchParams.get('token') ?? ''}` };
  return {
    async post(endpoint: string, body: object): Promise<Record<string, unknown>> {
      const res = await fetch(`${url.origin}/api/2.0/mlflow/${endpoint}`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const json = (await res.json()) as Record<string, unknown>;
      expect(res.status, JSON.stringify(json)).toBe(200);
      return json;
    },
    async put(base: string, file: string, body: string | Buffer): Promise<void> {
      const res = await fetch(`${url.origin}/api/2.0/mlflow-artifacts/artifacts/${base}/${file}`, {
        method: 'PUT',
        headers: auth,
        body: typeof body === 'string' ? body : new Uint8Array(body),
      });
      expect(res.status, await res.text()).toBe(200);
    },
  };
}

/** A real PNG (a 96×64 gradient), so the preview has something to draw. */
function gradientPng(width = 96, height = 64, blue = 160): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      raw.set([(x * 255) / width, (y * 255) / height, blue], y * (width * 3 + 1) + 1 + x * 3);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const MLMODEL = `artifact_path: model
flavors:
  python_function:
    loader_module: mlflow.sklearn
    python_version: 3.11.4
  sklearn:
    sklearn_version: 1.5.0
mlflow_version: 2.19.0
signature:
  inputs: '[{"type": "double", "name": "sepal_length"}, {"type": "double", "name": "petal_width"}]'
  outputs: '[{"type": "long", "name": "species"}]'
`;

async function shoot(page: Page, panel: Locator, name: string): Promise<void> {
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  await page.emulateMedia({ colorScheme: 'dark' });
  await panel.screenshot({ path: path.join(SHOTS, `${name}-dark.png`) });
  await page.emulateMedia({ colorScheme: 'light' });
}

test('a script logs artifacts over the MLflow API; the run page lists, previews, downloads and refuses them', async ({
  app: page,
  server,
}) => {
  const { post, put } = mlflow(server.url);
  test.setTimeout(180_000); // many views in one test, on a shared two-core machine
  const { experiment_id } = (await post('experiments/create', { name: 'plots' })) as {
    experiment_id: string;
  };
  const { run } = (await post('runs/create', {
    experiment_id,
    run_name: 'with-artifacts',
    start_time: Date.now(),
  })) as { run: { info: { run_id: string; artifact_uri: string } } };
  const base = run.info.artifact_uri.replace('mlflow-artifacts:/', '');
  const log = Array.from(
    { length: 6000 },
    (_, i) => `step ${i} loss ${(1 / (i + 1)).toFixed(6)}`,
  ).join('\n');
  await put(base, 'plots/roc.png', gradientPng());
  await put(base, 'plots/fake.png', 'this is not a PNG');
  await put(base, 'logs/train.log', log);
  await put(
    base,
    'config.json',
    JSON.stringify({ lr: 0.01, layers: [64, 32], optimizer: { name: 'adam', beta: 0.9 } }),
  );
  await put(
    base,
    'predictions.csv',
    'id,label,score\n1,setosa,0.98\n2,virginica,0.71\n3,versicolor,0.55\n',
  );
  await put(
    base,
    'report.html',
    '<h1 id="title">Evaluation report</h1><p>Accuracy 0.97</p><script>document.getElementById("title").textContent = "SCRIPT RAN"</script>',
  );
  await put(
    base,
    'plots/evil.svg',
    '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
  );
  await put(base, 'model/MLmodel', MLMODEL);
  await put(base, 'model/requirements.txt', 'mlflow==2.19.0\nscikit-learn==1.5.0\n');
  await put(base, 'model/model.pkl', Buffer.from([0x80, 0x04, 0x95, 0, 0, 0]));
  await post('runs/update', { run_id: run.info.run_id, status: 'FINISHED', end_time: Date.now() });

  await page.evaluate(
    (hash) => (window.location.hash = hash),
    `#/experiments/${experiment_id}/runs/${run.info.run_id}`,
  );
  await expect(page.getByRole('heading', { name: 'with-artifacts' })).toBeVisible();
  const panel = page.locator('section.artifacts-panel');
  const tree = panel.getByRole('tree', { name: 'Artifacts' });
  const item = (name: string) =>
    tree.getByRole('treeitem', { name, exact: false }).filter({ hasText: name });
  // Folders first, each listed only when opened.
  await expect(tree.getByRole('treeitem')).toHaveText([
    /^▸logs/,
    /^▸model/,
    /^▸plots/,
    /config\.json/,
    /predictions\.csv/,
    /report\.html/,
  ]);
  const viewer = panel.getByRole('region', { name: /^Preview of / });

  await item('plots').click();
  await item('roc.png').click();
  const image = viewer.getByRole('img', { name: 'plots/roc.png' });
  await expect(image).toBeVisible();
  expect(
    await image.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]),
  ).toEqual([96, 64]);
  await shoot(page, panel, 'artifacts-01-image');

  await item('fake.png').click();
  await expect(viewer.getByRole('alert')).toHaveText(
    'Not shown: fake.png is not a PNG image: its bytes do not start with the signature',
  );
  await item('evil.svg').click();
  await expect(viewer.getByRole('alert')).toHaveText('Not shown: the SVG has a <script> element');
  await shoot(page, panel, 'artifacts-02-refused-svg');

  await item('logs').click();
  await item('train.log').click();
  const text = viewer.getByTestId('artifact-text');
  await expect(text).toContainText('step 0 loss 1.000000');
  await expect(text).not.toContainText('step 5999');
  await expect(viewer).toContainText(/First 64\.0 KB of 1\d\d\.\d KB/);
  await viewer.getByRole('button', { name: 'Load more' }).click();
  await expect(viewer).toContainText(/First 128\.0 KB of/);
  await expect(text).not.toContainText('step 5999');
  await viewer.getByRole('button', { name: 'Load more' }).click();
  await expect(text).toContainText('step 5999 loss');
  await expect(viewer).toContainText(/KB, shown whole/);
  await expect(viewer.getByRole('button', { name: 'Load more' })).toHaveCount(0);
  await shoot(page, panel, 'artifacts-03-log');

  await item('config.json').click();
  const json = viewer.getByRole('tree', { name: 'JSON tree' });
  await expect(json).toContainText('lr: 0.01');
  await expect(json).toContainText('name: "adam"');
  await json.getByRole('button', { name: /optimizer/ }).click(); // collapse
  await expect(json).not.toContainText('name: "adam"');
  await shoot(page, panel, 'artifacts-04-json');

  await item('predictions.csv').click();
  const table = viewer.getByRole('table', { name: 'Table preview' });
  await expect(table.getByRole('columnheader')).toHaveText(['id', 'label', 'score']);
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(table.getByRole('row').nth(2)).toHaveText('2virginica0.71');

  await item('report.html').click();
  await expect(viewer.getByRole('note')).toHaveText(
    'This page has scripts: they are disabled in the preview.',
  );
  const frame = viewer.locator('iframe[title="HTML preview"]');
  await expect(frame).toHaveAttribute('sandbox', '');
  await expect(page.frameLocator('iframe[title="HTML preview"]').locator('h1')).toHaveText(
    'Evaluation report',
  );
  await shoot(page, panel, 'artifacts-05-html');

  await item('model').click();
  await expect(viewer.getByRole('heading', { name: 'MLflow model · model' })).toBeVisible();
  await expect(viewer.getByRole('list', { name: 'Flavours' })).toContainText('python_function');
  await expect(viewer.getByRole('list', { name: 'Flavours' })).toContainText(
    'sklearn_version 1.5.0',
  );
  await expect(viewer.getByRole('table', { name: 'Signature' }).getByRole('row')).toHaveText([
    'SideNameType',
    'inputsepal_lengthdouble',
    'inputpetal_widthdouble',
    'outputspecieslong',
  ]);
  await expect(viewer.getByRole('list', { name: 'Requirements' })).toHaveText(
    'mlflow==2.19.0scikit-learn==1.5.0',
  );
  await shoot(page, panel, 'artifacts-06-model');

  // Download streams the file from the server as an attachment.
  await item('predictions.csv').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    viewer.getByRole('button', { name: 'Download' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('predictions.csv');
  const saved = await download.path();
  const { readFile } = await import('node:fs/promises');
  expect(await readFile(saved, 'utf8')).toContain('2,virginica,0.71');

  // Paths that climb out are refused by the server in one line, encoded or not.
  const origin = new URL(server.url).origin;
  const runId = Number(/#\/runs\/(\d+)$/.exec(page.url())![1]);
  for (const p of ['../../../../etc/passwd', '%2e%2e%2f%2e%2e%2fsecret', '%2Fetc%2Fpasswd']) {
    const reply = await page.request.get(`${origin}/api/artifact?run=${runId}&path=${p}`);
    expect(reply.status()).toBe(400);
    expect(((await reply.json()) as { error: string }).error).toMatch(/^invalid artifact path "/);
  }
  await screenshot(page, 'artifacts-07-run-page');
});

test('images logged per step compare side by side across runs with one step slider', async ({
  app: page,
  server,
}) => {
  test.setTimeout(120_000);
  const { post, put } = mlflow(server.url);
  const { experiment_id } = (await post('experiments/create', { name: 'vision' })) as {
    experiment_id: string;
  };
  // Run A logs at steps 0, 1, 2; run B only at 0 and 2 (at step 1 it still shows step 0's image).
  for (const [name, steps] of [
    ['seg-a', [0, 1, 2]],
    ['seg-b', [0, 2]],
  ] as const) {
    const { run } = (await post('runs/create', {
      experiment_id,
      run_name: name,
      start_time: Date.now(),
    })) as { run: { info: { run_id: string; artifact_uri: string } } };
    const base = run.info.artifact_uri.replace('mlflow-artifacts:/', '');
    for (const step of steps) {
      const file = `images/val#masks%step%${step}%timestamp%${1_700_000_000_000 + step}%g${name}-${step}`;
      await put(
        base,
        `${encodeURIComponent(file).replaceAll('%2F', '/')}.png`,
        gradientPng(32, 32, step * 100),
      );
    }
    await post('runs/update', {
      run_id: run.info.run_id,
      status: 'FINISHED',
      end_time: Date.now(),
    });
  }
  await page.evaluate((hash) => (window.location.hash = hash), '#/compare/1,2');
  const panel = page.locator('section.image-compare');
  await expect(panel.getByRole('heading', { name: 'Images by step' })).toBeVisible();
  await expect(panel.getByLabel('Image key')).toHaveValue('val/masks');
  const slider = panel.getByRole('slider', { name: 'Image step' });
  const captions = panel.locator('figcaption');
  await expect(panel.getByLabel('Shown step')).toHaveText('2');
  await expect(captions).toHaveText(['seg-astep 2', 'seg-bstep 2']);
  await expect(panel.getByRole('img', { name: 'val/masks at step 2' })).toHaveCount(2);

  await slider.fill('1');
  await expect(panel.getByLabel('Shown step')).toHaveText('1');
  await expect(captions).toHaveText(['seg-astep 1', 'seg-bstep 0']);
  await expect(panel.getByRole('img', { name: 'val/masks at step 1' })).toHaveCount(1);
  await expect(panel.getByRole('img', { name: 'val/masks at step 0' })).toHaveCount(1);
  await slider.fill('0');
  await expect(captions).toHaveText(['seg-astep 0', 'seg-bstep 0']);
  await slider.fill('1');
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: path.join(SHOTS, 'artifacts-08-images-by-step.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await panel.screenshot({ path: path.join(SHOTS, 'artifacts-08-images-by-step-dark.png') });
});

test('a folder of 5,000 artifacts opens without drawing 5,000 rows', async ({
  app: page,
  server,
}) => {
  const { post } = mlflow(server.url);
  const { run } = (await post('runs/create', {
    experiment_id: '0',
    run_name: 'many-files',
    start_time: Date.now(),
  })) as { run: { info: { run_id: string } } };
  // Written straight into the run's folder: 5,000 uploads would only test the upload route.
  const folder = path.join(server.dataDir, 'artifacts', 'runs', '1', 'many');
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < 5000; i++)
    writeFileSync(path.join(folder, `f${String(i).padStart(4, '0')}.txt`), 'x');
  await page.evaluate(
    (hash) => (window.location.hash = hash),
    `#/experiments/0/runs/${run.info.run_id}`,
  );
  const tree = page.getByRole('tree', { name: 'Artifacts' });
  await tree.getByRole('treeitem', { name: 'many' }).click();
  await expect(tree.getByRole('treeitem', { name: /^f0000\.txt/ })).toBeVisible();
  const drawn = await tree.getByRole('treeitem').count();
  expect(drawn).toBeGreaterThan(10);
  expect(drawn).toBeLessThan(60);
  await tree.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(tree.getByRole('treeitem', { name: /^f4999\.txt/ })).toBeVisible();
});

test('a CSV of 12,000 rows previews virtualised, 500 rows a page, up to 10,000', async ({
  app: page,
  server,
}) => {
  test.setTimeout(120_000);
  const { post, put } = mlflow(server.url);
  const { run } = (await post('runs/create', {
    experiment_id: '0',
    run_name: 'big-table',
    start_time: Date.now(),
  })) as { run: { info: { run_id: string; artifact_uri: string } } };
  const base = run.info.artifact_uri.replace('mlflow-artifacts:/', '');
  const csv = ['id,label', ...Array.from({ length: 12_000 }, (_, i) => `${i},"row ${i}"`)].join(
    '\n',
  );
  await put(base, 'rows.csv', csv);
  await page.evaluate(
    (hash) => (window.location.hash = hash),
    `#/experiments/0/runs/${run.info.run_id}`,
  );
  const tree = page.getByRole('tree', { name: 'Artifacts' });
  await tree.getByRole('treeitem', { name: /rows\.csv/ }).click();
  const table = page.getByRole('table', { name: 'Table preview' });
  await expect(table.getByRole('cell', { name: 'row 0', exact: true })).toBeVisible();
  const caption = page.getByTestId('table-rows');
  await expect(caption).toHaveText('CSV: 2 columns, first 500 rows');
  const scroller = page.locator('.artifact-table-scroll');
  // Scrolling to the end fetches the next page each time, until the cap.
  for (let shown = 1000; shown <= 10_000; shown += 500) {
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect(caption).toHaveText(new RegExp(`first ${shown.toLocaleString('en-US')} rows`));
  }
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(table.getByRole('cell', { name: 'row 9999', exact: true })).toBeVisible();
  await expect(caption).toHaveText(
    'CSV: 2 columns, first 10,000 rows (download the file for the rest)',
  );
  expect(await table.locator('tbody tr').count()).toBeLessThan(100);
  await page.locator('section.artifacts-panel').screenshot({
    path: path.join(SHOTS, 'artifacts-09-table-10000.png'),
  });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.locator('section.artifacts-panel').screenshot({
    path: path.join(SHOTS, 'artifacts-09-table-10000-dark.png'),
  });
});
