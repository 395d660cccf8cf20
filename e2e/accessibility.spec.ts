import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { callApi, demoRuns, FIXTURES, screenshot } from './helpers.js';

/** The first 100 rows of iris: imported, it becomes iris v2 (drift's current side). */
const IRIS_V2 = path.join(FIXTURES, 'iris-v2', 'iris.csv');
const SCHEMES = ['light', 'dark'] as const;
type Scheme = (typeof SCHEMES)[number];

/** Serious and critical axe violations on the page as it is now, one line per element. */
async function violations(page: Page, where: string, scheme: Scheme): Promise<string[]> {
  // Only violations come back: axe does not collect the passing and incomplete checks.
  const axe = new AxeBuilder({ page })
    .options({ resultTypes: ['violations'] })
    // axe.run in the page itself: the default mode opens a blank page per scan to merge frames'
    // results, and the app has no frames.
    .setLegacyMode(true);
  // A colour scheme changes colours only: the dark pass runs the rules about colour, the light one every rule.
  if (scheme === 'dark') axe.withRules(['color-contrast', 'link-in-text-block']);
  const results = await axe.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (node) =>
          `${where}: ${v.id} (${v.impact}) at ${node.target.join(' ')} — ${v.help}` +
          (node.failureSummary ? ` [${node.failureSummary.replace(/\s+/g, ' ').trim()}]` : ''),
      ),
    );
}

interface Seeded {
  datasetId: number;
  runIds: number[];
  sweepId: number;
  model: string;
  driftId: number;
}

/** Realistic content through the API: iris and a second version, two trained runs, a sweep, a model with two versions, a drift check, a policy. */
async function seed(page: Page, url: string): Promise<Seeded> {
  const api = <T>(method: string, input: object = {}) => callApi<T>(page, url, method, input);
  const { id: datasetId } = await api<{ id: number }>('datasets.importSample', { name: 'iris' });
  const runIds: number[] = [];
  for (const lr of [0.05, 0.3]) {
    const { runId } = await api<{ runId: number }>('jobs.train', {
      datasetId,
      target: 'species',
      params: { epochs: 4, lr },
    });
    runIds.push(runId);
  }
  const { id: sweepId } = await api<{ id: number }>('sweeps.create', {
    datasetId,
    target: 'species',
    model: 'logistic',
    params: { epochs: 3 },
    grid: { lr: [0.01, 0.1] },
  });
  await api('runs.wait', { ids: runIds });
  await api('sweeps.wait', { id: sweepId });
  const model = 'iris-clf';
  const v1 = await api<{ id: number }>('registry.register', { runId: runIds[0], name: model });
  await api('registry.register', { runId: runIds[1], name: model, parentId: v1.id });
  const current = await api<{ id: number }>('datasets.import', { path: IRIS_V2 });
  const drift = await api<{ id: number }>('drift.check', {
    referenceId: datasetId,
    currentId: current.id,
  });
  // A policy on iris: its first check retrains at once; the scan waits for that pipeline to end.
  await api('automation.createPolicy', { model, dataset: 'iris' });
  await expect
    .poll(
      async () =>
        (await api<{ status: string }[]>('automation.pipelines')).filter(
          (p) => p.status === 'running',
        ).length,
      { timeout: 60_000 },
    )
    .toBe(0);
  return { datasetId, runIds, sweepId, model, driftId: drift.id };
}

interface RouteCase {
  name: string;
  hash: string;
  /** What shows once the view has loaded its content. */
  ready: (page: Page) => Locator;
}

const heading = (page: Page, name: string | RegExp): Locator =>
  page.getByRole('heading', { level: 1, name });

function routes(s: Seeded): RouteCase[] {
  const [a, b] = s.runIds as [number, number];
  return [
    { name: 'welcome', hash: '#/', ready: (p) => heading(p, 'Pick a dataset or a run') },
    { name: 'dataset', hash: `#/datasets/${s.datasetId}`, ready: (p) => heading(p, 'iris') },
    {
      name: 'run',
      hash: `#/runs/${a}`,
      ready: (p) => p.getByRole('table', { name: 'Confusion matrix' }),
    },
    { name: 'explorer', hash: '#/runs', ready: (p) => p.getByTestId('run-count') },
    {
      name: 'explorer-grouped',
      hash: '#/runs?group=*&group=-params.seed',
      ready: (p) => p.locator('.rt-group'),
    },
    {
      name: 'compare',
      hash: `#/compare/${a},${b}`,
      ready: (p) => heading(p, 'Compare 2 runs'),
    },
    {
      name: 'compare-grouped',
      hash: `#/compare/${a},${b}?group=*&group=-params.seed`,
      ready: (p) => p.getByRole('table', { name: 'Metric summary' }),
    },
    {
      name: 'sweep',
      hash: `#/sweeps/${s.sweepId}`,
      ready: (p) => p.getByRole('main').locator('h1'),
    },
    {
      name: 'model',
      hash: `#/models/${s.model}?a=1&b=2`,
      ready: (p) => heading(p, s.model),
    },
    { name: 'drift-form', hash: '#/drift', ready: (p) => heading(p, /new data still look/) },
    {
      name: 'drift-report',
      hash: `#/drift/${s.driftId}`,
      ready: (p) => p.getByTestId('drift-verdict'),
    },
    { name: 'automation', hash: '#/automation', ready: (p) => heading(p, /Retrain when/) },
    { name: 'settings', hash: '#/settings', ready: (p) => heading(p, /Back up/) },
    {
      name: 'mlflow-run-link',
      hash: `#/experiments/0/runs/${'0'.repeat(32)}`,
      ready: (p) => p.getByRole('main').getByRole('alert'),
    },
    { name: 'not-found', hash: '#/runs/9999', ready: (p) => heading(p, /was not found/) },
  ];
}

interface PopupCase {
  name: string;
  hash: string;
  /** Opens it as a user would; returns the open dialog or menu. */
  open: (page: Page) => Promise<Locator>;
}

function popups(s: Seeded): PopupCase[] {
  const [a, b] = s.runIds as [number, number];
  return [
    {
      name: 'columns-popover',
      hash: '#/runs',
      open: async (p) => {
        await p.getByRole('button', { name: /^Columns/ }).click();
        return p.getByRole('dialog', { name: 'Choose columns' });
      },
    },
    {
      name: 'import-runs-dialog',
      hash: '#/runs',
      open: async (p) => {
        await p.getByRole('button', { name: 'Import runs…' }).click();
        return p.getByRole('dialog');
      },
    },
    {
      name: 'export-menu',
      hash: `#/compare/${a},${b}`,
      open: async (p) => {
        await p.getByRole('button', { name: 'Export' }).click();
        return p.getByRole('menu', { name: 'Export' });
      },
    },
    {
      name: 'import-data-dialog',
      hash: '#/',
      open: async (p) => {
        await p.getByLabel('Import data file').setInputFiles(IRIS_V2);
        const dialog = p.getByRole('dialog', { name: /Import iris\.csv/ });
        await expect(dialog.getByRole('table')).toBeVisible();
        return dialog;
      },
    },
  ];
}

/** Waits for the view's content and for every "Loading…" placeholder to go. */
async function settle(page: Page, ready: Locator): Promise<void> {
  await expect(ready.first()).toBeVisible();
  await expect(page.getByRole('main').getByText(/^Loading/)).toHaveCount(0);
  // Recharts animates its first draw; scan the drawn chart, not a half-faded one.
  await page.waitForTimeout(600);
}

test('every route passes axe (no serious or critical violation) in light and dark', async ({
  app: page,
  server,
  browser,
}) => {
  // About 30 axe passes: minutes on a busy two-core machine.
  test.setTimeout(900_000);
  const report = (where: string, found: string[]) =>
    expect
      .soft(found, `axe found serious or critical violations on ${where}:\n${found.join('\n')}\n`)
      .toEqual([]);

  // The first start: nothing imported yet.
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    await settle(page, heading(page, 'Welcome to Benchtop'));
    const where = `welcome-empty (${scheme})`;
    report(where, await violations(page, where, scheme));
    await screenshot(page, `a11y-welcome-empty-${scheme}`);
  }

  const seeded = await seed(page, server.url);
  await page.reload();
  for (const route of routes(seeded)) {
    await page.evaluate((hash) => (window.location.hash = hash), route.hash);
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      await settle(page, route.ready(page));
      const where = `${route.name} (${scheme})`;
      report(where, await violations(page, where, scheme));
      await screenshot(page, `a11y-${route.name}-${scheme}`);
    }
  }

  // Dialogs and popovers, each opened as a user opens it, scanned while open.
  for (const popup of popups(seeded)) {
    await page.evaluate((hash) => (window.location.hash = hash), popup.hash);
    const shown = await popup.open(page);
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      await settle(page, shown);
      const where = `${popup.name} (${scheme})`;
      report(where, await violations(page, where, scheme));
      await screenshot(page, `a11y-${popup.name}-${scheme}`);
    }
    await page.keyboard.press('Escape');
    await expect(shown).toHaveCount(0);
  }

  // Browser mode's token page: a fresh browser with no token and no session cookie.
  for (const scheme of SCHEMES) {
    const context = await browser.newContext({ colorScheme: scheme });
    const fresh = await context.newPage();
    await fresh.goto(server.url.split('?')[0]!);
    await settle(fresh, heading(fresh, 'Benchtop needs its token'));
    const where = `token-page (${scheme})`;
    report(where, await violations(fresh, where, scheme));
    await screenshot(fresh, `a11y-token-page-${scheme}`);
    await context.close();
  }
});

/** Presses Tab (or Shift+Tab) until the focused element is `target`; fails after `limit` presses. */
async function tabTo(
  page: Page,
  target: Locator,
  { back = false, limit = 60 } = {},
): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${String(target)} was not reached with ${limit} presses of Tab`);
}

/** The focused element's outline: style, width, and its contrast with the page behind it. */
async function focusRing(page: Page): Promise<{ style: string; width: number; contrast: number }> {
  return page.evaluate(() => {
    const luminance = (rgb: string): number => {
      const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((c) => {
        const v = Number(c) / 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
    };
    const el = document.activeElement!;
    const style = getComputedStyle(el);
    // The first opaque background behind the element: what the outline is drawn against.
    let bg = 'rgb(255, 255, 255)';
    for (let n = el.parentElement; n; n = n.parentElement) {
      const c = getComputedStyle(n).backgroundColor;
      if (c !== 'transparent' && !c.startsWith('rgba(0, 0, 0, 0)')) {
        bg = c;
        break;
      }
    }
    const [hi, lo] = [luminance(style.outlineColor), luminance(bg)].sort((x, y) => y - x);
    return {
      style: style.outlineStyle,
      width: parseFloat(style.outlineWidth),
      contrast: (hi! + 0.05) / (lo! + 0.05),
    };
  });
}

for (const scheme of SCHEMES) {
  test(`the explorer by keyboard alone (${scheme}): sort a column, select two runs, compare, back, open a run; focus always visible`, async ({
    app: page,
    server,
  }) => {
    // Some sixty key presses, each checked: slow on a busy machine.
    test.setTimeout(150_000);
    demoRuns(server.dataDir, 4, 20);
    await page.emulateMedia({ colorScheme: scheme });
    await page.reload();
    const visibleFocus = async () => {
      const ring = await focusRing(page);
      expect(ring.style, 'the focused control has a solid outline').toBe('solid');
      expect(ring.width).toBeGreaterThanOrEqual(2);
      expect(ring.contrast, 'outline against the page (WCAG non-text 3:1)').toBeGreaterThanOrEqual(
        3,
      );
    };

    // From the sidebar's link to the explorer, by Tab and Enter.
    await tabTo(page, page.getByRole('link', { name: 'Explore and compare runs →' }));
    await visibleFocus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/runs$/);
    const grid = page.getByRole('grid', { name: 'Runs table' });
    await expect(grid.getByRole('row')).toHaveCount(1 + 4);

    // Sort by run name: Enter on the header, then Space for the other direction.
    const nameHeader = grid.getByRole('columnheader', { name: 'Run', exact: true });
    await tabTo(page, nameHeader.getByRole('button'));
    await visibleFocus();
    await page.keyboard.press('Enter');
    await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
    await page.keyboard.press('Space');
    await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
    const names = await grid.locator('.rt-name a').allTextContents();
    expect(names).toEqual([...names].sort().reverse());

    // Select the first two rows with Space on their checkboxes.
    const rows = grid.getByRole('row').filter({ has: page.getByRole('gridcell') });
    for (const i of [0, 1]) {
      // The first by Tab; the next row's by Down, as in a spreadsheet.
      if (i === 0) await tabTo(page, rows.nth(i).getByRole('checkbox'));
      else await page.keyboard.press('ArrowDown');
      await expect(rows.nth(i).getByRole('checkbox')).toBeFocused();
      await visibleFocus();
      await page.keyboard.press('Space');
      await expect(rows.nth(i)).toHaveAttribute('aria-selected', 'true');
      // Selecting keeps the focus where it was: the next Tab goes on from this row.
      await expect(rows.nth(i).getByRole('checkbox')).toBeFocused();
    }
    await screenshot(page, `a11y-keyboard-explorer-${scheme}`);

    // Back up to the selection bar's Compare, and open the comparison.
    const compare = page
      .getByRole('toolbar', { name: 'Selected runs' })
      .getByRole('button', { name: /^Compare/ });
    await tabTo(page, compare, { back: true });
    await visibleFocus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Compare 2 runs' })).toBeVisible();
    await expect(page).toHaveURL(/#\/compare\/\d+,\d+$/);

    // Back to the explorer by the breadcrumb, then open a run by its name.
    await tabTo(page, page.getByRole('main').getByRole('link', { name: 'Runs', exact: true }), {
      back: true,
    });
    await visibleFocus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/runs$/);
    const first = grid.getByRole('link', { name: names[0]!, exact: true });
    await tabTo(page, first);
    await visibleFocus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/runs\/\d+$/);
    await expect(page.getByRole('heading', { level: 1, name: names[0]! })).toBeVisible();
  });
}

test('arrow keys walk the runs table by row, past what is drawn: Down, Page Up, Ctrl+End reach rows the virtualised table had not drawn', async ({
  app: page,
  server,
}) => {
  demoRuns(server.dataDir, 300, 2);
  await page.goto(`${server.url.split('?')[0]}#/runs`);
  await expect(page.getByTestId('run-count')).toHaveText('300 of 300 runs');
  const grid = page.getByRole('grid', { name: 'Runs table' });
  const row = (i: number) => grid.locator(`[role=row][aria-rowindex="${i + 2}"]`);
  await row(0).getByRole('checkbox').focus();
  await page.keyboard.press('ArrowDown');
  await expect(row(1).getByRole('checkbox')).toBeFocused();
  await page.keyboard.press('Control+End');
  await expect(row(299).getByRole('checkbox')).toBeFocused();
  await page.keyboard.press('PageUp');
  await expect(row(289).getByRole('checkbox')).toBeFocused();
  // The same column: from a run's name link, Up lands on the name above.
  await row(289).locator('.rt-name a').focus();
  await page.keyboard.press('ArrowUp');
  await expect(row(288).locator('.rt-name a')).toBeFocused();
  await page.keyboard.press('Control+Home');
  await expect(row(0).locator('.rt-name a')).toBeFocused();
  // Space still selects the focused run.
  await row(0).getByRole('checkbox').focus();
  await page.keyboard.press('Space');
  await expect(row(0)).toHaveAttribute('aria-selected', 'true');
});
