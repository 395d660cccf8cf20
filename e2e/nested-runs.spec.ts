import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { callApi, screenshot, mlflowClient } from './helpers.js';

const grid = (page: Page): Locator => page.getByRole('treegrid', { name: 'Runs table' });
const rowOf = (page: Page, name: string): Locator =>
  grid(page)
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name, exact: true }) });
/** The names of the body rows, top to bottom. */
const shownNames = (page: Page): Promise<string[]> =>
  grid(page)
    .locator('[role=row][aria-rowindex]')
    .evaluateAll((rows) =>
      rows
        .map((r) => ({
          at: Number(r.getAttribute('aria-rowindex')),
          name: r.querySelector('.rt-name a')?.textContent ?? '',
        }))
        .sort((a, b) => a.at - b.at)
        .map((r) => r.name),
    );

test('nested runs: a parent folds its children, counts them, sorts them among themselves, and compares with them in one click', async ({
  app: page,
  server,
}) => {
  const post = mlflowClient(server.url);
  await page.getByRole('link', { name: 'Explore and compare runs →' }).click();
  await expect(page.getByTestId('run-count')).toHaveText('0 of 0 runs');

  const { experiment_id } = await post<{ experiment_id: string }>('experiments/create', {
    name: 'sweeps',
  });
  const start = async (name: string, parent?: string) =>
    (
      await post<{ run: { info: { run_id: string } } }>('runs/create', {
        experiment_id,
        run_name: name,
        start_time: Date.now(),
        tags: parent ? [{ key: 'mlflow.parentRunId', value: parent }] : [],
      })
    ).run.info.run_id;
  const finish = async (runId: string, lr: number, valAcc: number) => {
    const now = Date.now();
    await post('runs/log-batch', {
      run_id: runId,
      params: [{ key: 'lr', value: String(lr) }],
      metrics: [0, 1, 2].map((step) => ({
        key: 'val_acc',
        value: valAcc - (2 - step) * 0.1,
        timestamp: now + step,
        step,
      })),
    });
    await post('runs/update', { run_id: runId, status: 'FINISHED', end_time: Date.now() });
  };
  // The parent as MLflow's `with start_run(): ... start_run(nested=True)` logs it.
  const parent = await start('lr-sweep');
  const a = await start('trial-a', parent);
  const b = await start('trial-b', parent);
  const baseline = await start('baseline');
  await finish(a, 0.1, 0.95);
  await finish(b, 0.01, 0.8);
  await finish(parent, 0.1, 0.9);
  await finish(baseline, 0.05, 0.85);
  const ids = new Map(
    (
      await callApi<{ id: number; uid: string }[]>(page, server.url, 'runs.tracked', {
        uids: [parent, a, b].map((id) => id.replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-')),
      })
    ).map((r) => [r.uid.replaceAll('-', ''), r.id]),
  );

  // Folded at first: the parent with its count, its children out of sight.
  await expect(page.getByTestId('run-count')).toHaveText('4 of 4 runs');
  const toggle = grid(page).getByRole('button', { name: 'Show 2 child runs of lr-sweep' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  const parentRow = rowOf(page, 'lr-sweep');
  await expect(parentRow).toHaveAttribute('aria-level', '1');
  await expect(parentRow).toHaveAttribute('aria-expanded', 'false');
  await expect(parentRow.locator('.rt-child-count')).toHaveText('2');
  await expect(rowOf(page, 'baseline')).not.toHaveAttribute('aria-expanded');
  await expect(rowOf(page, 'trial-a')).toHaveCount(0);
  await screenshot(page, 'nested-runs-1-folded');

  // The keyboard opens it (→) from the toggle; the children follow their parent, a level deeper.
  await toggle.focus();
  await page.keyboard.press('ArrowRight');
  const hide = grid(page).getByRole('button', { name: 'Hide 2 child runs of lr-sweep' });
  await expect(hide).toHaveAttribute('aria-expanded', 'true');
  await expect(hide).toBeFocused();
  await expect(parentRow).toHaveAttribute('aria-expanded', 'true');
  for (const child of ['trial-a', 'trial-b'])
    await expect(rowOf(page, child)).toHaveAttribute('aria-level', '2');
  // Unsorted, the table's own order (newest first) holds among siblings too.
  const names = await shownNames(page);
  const at = names.indexOf('lr-sweep');
  expect(names.slice(at + 1, at + 3)).toEqual(['trial-b', 'trial-a']);

  // Sorting orders siblings: top-level runs among themselves, children under their parent.
  const header = page.getByRole('columnheader', { name: /val_acc/ });
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(() => shownNames(page)).toEqual(['lr-sweep', 'trial-a', 'trial-b', 'baseline']);
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  // trial-b (0.8) is the lowest of all, yet stays under its parent.
  await expect.poll(() => shownNames(page)).toEqual(['baseline', 'lr-sweep', 'trial-b', 'trial-a']);
  await screenshot(page, 'nested-runs-2-open');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'nested-runs-2-open-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // ← folds it again.
  await hide.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(rowOf(page, 'trial-b')).toHaveCount(0);

  // A query that keeps a child but not its parent: the parent shows, open, as the child's context
  // (folded a moment ago as a parent, it still opens as context: a match is never hidden).
  const box = page.getByLabel('Filter runs');
  await box.fill('metrics.val_acc > 0.92');
  await box.press('Enter');
  await expect(page.getByTestId('run-count')).toHaveText('1 of 4 runs');
  await expect.poll(() => shownNames(page)).toEqual(['lr-sweep', 'trial-a']);
  await expect(parentRow).toHaveClass(/rt-context/);
  await expect(parentRow.locator('.rt-child-count')).toHaveText('1 of 2');
  await expect(
    grid(page).getByRole('button', { name: 'Hide 1 of 2 child runs of lr-sweep' }),
  ).toBeVisible();
  await screenshot(page, 'nested-runs-3-query-context');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'nested-runs-3-query-context-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // Compare with children: one click from the parent's row to the three runs side by side.
  await box.fill('');
  await box.press('Enter');
  await expect(page.getByTestId('run-count')).toHaveText('4 of 4 runs');
  await grid(page).getByRole('button', { name: 'Compare lr-sweep with its 2 child runs' }).click();
  await expect(page.getByRole('heading', { name: 'Compare 3 runs' })).toBeVisible();
  const compared = /#\/compare\/([\d,]+)$/.exec(page.url())?.[1]?.split(',').map(Number);
  expect(compared?.sort()).toEqual([parent, a, b].map((id) => ids.get(id)).sort());
  await expect(page.getByRole('figure', { name: 'val_acc chart', exact: true })).toBeVisible();
  await screenshot(page, 'nested-runs-4-compare');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'nested-runs-4-compare-dark');
});
