import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { screenshot } from './helpers.js';

const appShown = (page: Page) => expect(page.getByRole('link', { name: 'Benchtop' })).toBeVisible();
const tokenPage = (page: Page) =>
  expect(page.getByRole('heading', { level: 1, name: 'Benchtop needs its token' })).toBeVisible();
const bare = (url: string): string => url.split('?')[0]!;

async function freshPage(browser: Browser, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 800 } });
  return context.newPage();
}

test('opened once with its token, the app survives a reload and a new tab without it', async ({
  app: page,
  server,
}) => {
  // The app took the token out of the address bar.
  await expect(page).toHaveURL(bare(server.url));
  await page.reload();
  await appShown(page);
  // No script-readable place keeps the token: the HttpOnly cookie carries the session.
  const token = new URL(server.url).searchParams.get('token')!;
  const kept = await page.evaluate(() =>
    JSON.stringify([{ ...sessionStorage }, { ...localStorage }, document.cookie]),
  );
  expect(kept).not.toContain(token);
  // A second tab: only the session cookie gets it in, calls included.
  const tab = await page.context().newPage();
  await tab.goto(`${bare(server.url)}#/`);
  await appShown(tab);
  await tab
    .getByRole('region', { name: 'Try with a sample' })
    .getByRole('button', { name: 'Import iris' })
    .click();
  await expect(tab.getByRole('heading', { level: 1, name: 'iris' })).toBeVisible();
  // The event stream opens on the cookie alone too (no ?token=).
  const stream = await tab.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const source = new EventSource('/api/events');
        source.onopen = () => (source.close(), resolve('open'));
        source.onerror = () => (source.close(), resolve('refused'));
      }),
  );
  expect(stream).toBe('open');
  await tab.close();
});

test('without the token, or with a wrong one, a fresh browser gets the token page, never the app', async ({
  browser,
  server,
}) => {
  const page = await freshPage(browser);
  await page.goto(`${bare(server.url)}#/`);
  await tokenPage(page);
  await expect(page.getByText('tracking-token')).toBeVisible();
  await expect(page.getByText('benchtop token', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Benchtop' })).toHaveCount(0);
  await screenshot(page, 'token-page-light');

  await page.goto(`${bare(server.url)}?token=not-the-token#/`);
  await tokenPage(page);
  await expect(page.getByText(/not this server’s/)).toBeVisible();
  // Then the right one: the app, and from now on without it.
  await page.goto(server.url);
  await appShown(page);
  await page.goto(`${bare(server.url)}#/runs`);
  await appShown(page);
  await page.context().close();

  const dark = await freshPage(browser, 'dark');
  await dark.goto(bare(server.url));
  await tokenPage(dark);
  await screenshot(dark, 'token-page-dark');
  await dark.context().close();
});
