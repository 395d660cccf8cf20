import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { test as base, expect, type Page } from '@playwright/test';

export interface Server {
  /** The page URL with its session token, as printed by `benchtop serve`. */
  url: string;
  dataDir: string;
}

const ROOT = path.resolve(import.meta.dirname, '..');
/** Overridable to run the suite against another build of the CLI. */
const BIN = process.env['BENCHTOP_E2E_BIN'] ?? path.join(ROOT, 'bin', 'benchtop.js');
const READY = /^Benchtop is serving at (http:\/\/\S+)$/;

/** Spawns `benchtop serve` on a free port and resolves with its URL once it says it is serving. */
export function startServer(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    // Every answer is checked against its method's output schema (electron/core/outputCheck.ts).
    env: { ...process.env, BENCHTOP_CHECK_OUTPUTS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail('did not say it was serving within 20 s'), 20_000);
    const fail = (why: string): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`benchtop serve ${why}\n${stderr}`));
    };
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code) => fail(`exited with ${code}`));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = READY.exec(line.trim());
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ url: match[1], child });
    });
  });
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

export const test = base.extend<{ server: Server; app: Page }>({
  // Playwright requires an object pattern for a fixture's first argument, even when unused.
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use) => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'benchtop-e2e-'));
    const { url, child } = await startServer(dataDir);
    try {
      await use({ url, dataDir });
    } finally {
      await stopServer(child);
      await rm(dataDir, { recursive: true, force: true });
    }
  },
  app: async ({ page, server }, use) => {
    // Uncaught exceptions and CSP violations fail the test even when every assertion passed.
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Uncaught/.test(message.text())) {
        problems.push(message.text());
      }
    });
    await page.goto(server.url);
    await expect(page.getByRole('link', { name: 'Benchtop' })).toBeVisible();
    await use(page);
    expect(problems, 'page errors').toEqual([]);
  },
});

export { expect };
