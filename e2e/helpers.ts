import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, type JSHandle, type Page } from '@playwright/test';

export const FIXTURES = path.join(import.meta.dirname, 'fixtures');
export const IRIS_CSV = path.join(FIXTURES, 'iris.csv');
export const PIXEL_PNG = path.join(FIXTURES, 'pixel.png');
/** Only categorical columns: nothing for logistic regression to learn from. */
export const WORDS_CSV = path.join(FIXTURES, 'words.csv');
/** One class in the label column: the server refuses to train on it. */
export const ONE_CLASS_CSV = path.join(FIXTURES, 'one-class.csv');
export const SAMPLES_DIR = path.resolve(import.meta.dirname, '..', 'samples');
const SCREENSHOTS = path.resolve(import.meta.dirname, '..', 'test-results', 'screenshots');

/** A DataTransfer in the page holding the file's real bytes, as a drag from the desktop would. */
export async function fileTransfer(
  page: Page,
  filePath: string,
  type: string,
): Promise<JSHandle<DataTransfer>> {
  const base64 = (await readFile(filePath)).toString('base64');
  return page.evaluateHandle(
    ({ base64, name, type }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name, { type }));
      return transfer;
    },
    { base64, name: path.basename(filePath), type },
  );
}

/** Drags the file over the window (dragenter, dragover) without dropping it. */
export async function dragOver(page: Page, transfer: JSHandle<DataTransfer>): Promise<void> {
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: transfer });
  await page.dispatchEvent('body', 'dragover', { dataTransfer: transfer });
}

/**
 * A real drop of a file onto the window: dragenter, dragover, then drop. Outside the drift view one
 * file opens the import preview; unless `preview: 'keep'`, this confirms it with Import.
 */
export async function dropFile(
  page: Page,
  filePath: string,
  type: string,
  { preview = 'import' }: { preview?: 'import' | 'keep' } = {},
): Promise<void> {
  const transfer = await fileTransfer(page, filePath, type);
  await dragOver(page, transfer);
  await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
  if (preview === 'keep' || page.url().includes('#/drift')) return;
  const ready = page.locator('.import-dialog button.primary:not([disabled])');
  await ready.or(page.getByRole('alert')).first().waitFor();
  if (await ready.isVisible()) await ready.click();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Calls the API directly (as the page does) to check what is stored. */
export async function callApi<T>(
  page: Page,
  serverUrl: string,
  method: string,
  input: object = {},
): Promise<T> {
  const url = new URL(serverUrl);
  const token = url.searchParams.get('token') ?? '';
  const res = await page.request.post(new URL(`/api/${method}`, url).toString(), {
    headers: { 'x-benchtop-token': token },
    data: input,
  });
  const reply = (await res.json()) as { ok: true; data: T } | { ok: false; error: string };
  if (!reply.ok) throw new Error(reply.error);
  return reply.data;
}

/** How many points an SVG path draws (each M or L command is one; Recharts draws `type="linear"`). */
export const pointsInPath = (d: string | null): number => (d ?? '').match(/[ML]/g)?.length ?? 0;

/** MLflow's wire as a script's client speaks it (Bearer token, JSON bodies), from outside the page; each answer must be 200. */
export function mlflowClient(serverUrl: string) {
  const url = new URL(serverUrl);
  const token = url.searchParams.get('token') ?? '';
  return async <T = Record<string, unknown>>(endpoint: string, body: object): Promise<T> => {
    const res = await fetch(`${url.origin}/api/2.0/mlflow/${endpoint}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as T;
    expect(res.status, JSON.stringify(json)).toBe(200);
    return json;
  };
}

/** Synthetic runs through the real store, written by `benchtop demo` beside the running server. */
export function demoRuns(dataDir: string, runs: number, points: number): void {
  const root = path.resolve(import.meta.dirname, '..');
  const args = ['demo', '--runs', String(runs), '--points', String(points)];
  execFileSync(
    process.execPath,
    [path.join(root, 'bin', 'benchtop.js'), ...args, '--data-dir', dataDir, '--json'],
    { cwd: root },
  );
}
