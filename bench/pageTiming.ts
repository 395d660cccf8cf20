import type { Page } from '@playwright/test';

/** Runs `act` in the page, then waits (per animation frame) for `done`; returns ms to the next paint. */
export async function timeInPage(page: Page, act: string, done: string): Promise<number> {
  // A string, not a function: tsx's helpers (`__name`) do not exist in the page.
  return page.evaluate(`new Promise((resolve, reject) => {
    const t0 = performance.now();
    ${act};
    const deadline = t0 + 60000;
    const tick = () => {
      if (${done}) requestAnimationFrame(() => resolve(performance.now() - t0));
      else if (performance.now() > deadline) reject(new Error('timed out waiting for ' + ${JSON.stringify(done)}));
      else requestAnimationFrame(tick);
    };
    tick();
  })`);
}
