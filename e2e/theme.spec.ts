import { expect, test } from './fixtures.js';
import { screenshot } from './helpers.js';

/** Relative luminance of a computed `rgb(r, g, b)` colour (WCAG 2). */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((c) => {
    const v = Number(c) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}
const contrast = (a: string, b: string): number => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

test.describe('dark theme', () => {
  test.use({ colorScheme: 'dark' });

  test('follows the OS: dark page, readable text, readable primary buttons', async ({
    app: page,
  }) => {
    await page
      .getByRole('region', { name: 'Try with a sample' })
      .getByRole('button', { name: 'Import iris' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'iris' })).toBeVisible();
    const colours = await page.evaluate(() => {
      const style = (el: Element | null) => (el ? getComputedStyle(el) : null);
      const root = style(document.documentElement)!;
      const primary = style(document.querySelector('.button.primary'));
      return {
        bg: root.backgroundColor,
        text: root.color,
        buttonBg: primary?.backgroundColor ?? '',
        buttonText: primary?.color ?? '',
      };
    });
    expect(luminance(colours.bg)).toBeLessThan(0.05);
    expect(contrast(colours.text, colours.bg)).toBeGreaterThan(7);
    expect(contrast(colours.buttonText, colours.buttonBg)).toBeGreaterThan(4.5);
    await screenshot(page, 'dark-dataset');
  });

  test('trained runs and the explorer stay dark', async ({ app: page }) => {
    await page
      .getByRole('region', { name: 'Try with a sample' })
      .getByRole('button', { name: 'Import iris' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'iris' })).toBeVisible();
    await page.locator('form.train-form').first().getByRole('button', { name: 'Train' }).click();
    await expect(page).toHaveURL(/#\/runs\/\d+$/);
    await expect(page.getByRole('main').getByText('finished', { exact: true })).toBeVisible({
      timeout: 60_000,
    });
    await screenshot(page, 'dark-run');
    await page.getByRole('link', { name: /Explore and compare runs/ }).click();
    await expect(page).toHaveURL(/#\/runs$/);
    const head = page.locator('.rt-head');
    await expect(head).toBeVisible();
    const headBg = await head.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(luminance(headBg)).toBeLessThan(0.05);
    await screenshot(page, 'dark-explorer');
  });
});

test('stays light when the OS is light', async ({ app: page }) => {
  const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(luminance(bg)).toBeGreaterThan(0.8);
});
