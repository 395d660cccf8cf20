import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../e2e/chromiumLaunch.js';
import { tinyPng } from '../electron/core/importers/tensorboard/tinyPng.js';
import { loggedImageName } from '../shared/loggedImages.js';

/**
 * The compare view's images by step (needs `npm run build`): BENCH_IMAGE_RUNS (50) runs ×
 * BENCH_IMAGE_STEPS (200) steps of small PNGs logged through the MLflow API of `benchtop serve`,
 * then in Chromium (a) a programmatic sweep of the slider over every step, each step waited for
 * until every run's cell shows that step's image, and (b) a hand-like mouse drag over the slider
 * (one step per move, ~60 moves a second) while every animation frame is recorded. Baseline:
 * 30 frames per second (the goal). BENCH_BEFORE_APP_ROOT=DIR also measures another
 * build (main's, before the step cache) on the same data, alternating with ours. Asserts no times.
 */
const ROOT = resolve(process.env.BENCH_APP_ROOT ?? resolve(import.meta.dirname, '..'));
const BEFORE = process.env.BENCH_BEFORE_APP_ROOT
  ? resolve(process.env.BENCH_BEFORE_APP_ROOT)
  : null;
const RUNS = Number(process.env.BENCH_IMAGE_RUNS ?? 50);
const STEPS = Number(process.env.BENCH_IMAGE_STEPS ?? 200);
const ROUNDS = Number(process.env.BENCH_REPEAT ?? 2);
const SIZE = 64;
const BASELINE_FPS = 30;
/** A sweep that takes longer than this stops where it is (the old path can be very slow). */
const SWEEP_CAP_MS = 120_000;
const T0 = 1_700_000_000_000;
const round = (n: number, places = 1) => Math.round(n * 10 ** places) / 10 ** places;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const runName = (r: number) => `r${String(r).padStart(2, '0')}`;

/** Each image differs: the run's colour, a bar at the step's place, and the step in the first row. */
const png = (run: number, step: number) =>
  tinyPng(SIZE, SIZE, (x, y) => {
    if (y === 0) return [step & 255, step >> 8, run];
    const bar = Math.abs((x - (step * SIZE) / STEPS) | 0) < 4;
    return bar ? [20, 20, 20] : [(run * 37) % 256, (x * 4) % 256, (y * 4) % 256];
  });
const fileName = (run: number, step: number) =>
  loggedImageName({
    key: 'val/pred',
    step,
    timestamp: T0 + step,
    id: `${runName(run)}s${step}`,
    ext: 'png',
  });

interface Server {
  url: string;
  child: ChildProcess;
}

function serve(root: string, dataDir: string): Promise<Server> {
  const child = spawn(
    process.execPath,
    [join(root, 'bin', 'benchtop.js'), 'serve', '--port', '0', '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((ok, fail) => {
    child.once('exit', (code) => fail(new Error(`benchtop serve exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /serving at (http:\/\/\S+)/.exec(line);
      if (m?.[1]) ok({ url: m[1], child });
    });
  });
}

/** CPU seconds (user + system) a process has used so far, from /proc. */
function cpuSeconds(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** The runs and their images, logged as a script would: runs/create, then one PUT per image. */
async function logImages(url: string): Promise<{ ids: number[]; seconds: number; bytes: number }> {
  const origin = new URL(url).origin;
  const token = new URL(url).searchParams.get('token') ?? '';
  const auth = { authorization: `Bearer ${token}` };
  const post = async (endpoint: string, body: object) => {
    const res = await fetch(`${origin}/api/2.0/mlflow/${endpoint}`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${endpoint}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const t0 = performance.now();
  const { experiment_id } = await post('experiments/create', { name: 'image-slider' });
  const uploads: (() => Promise<void>)[] = [];
  let bytes = 0;
  for (let r = 0; r < RUNS; r++) {
    const { run } = (await post('runs/create', {
      experiment_id,
      run_name: runName(r),
      start_time: T0,
    })) as unknown as { run: { info: { artifact_uri: string } } };
    const base = run.info.artifact_uri.replace('mlflow-artifacts:/', '');
    for (let s = 0; s < STEPS; s++)
      uploads.push(async () => {
        const body = png(r, s);
        bytes += body.length;
        const file = encodeURIComponent(`images/${fileName(r, s)}`).replaceAll('%2F', '/');
        const res = await fetch(`${origin}/api/2.0/mlflow-artifacts/artifacts/${base}/${file}`, {
          method: 'PUT',
          headers: auth,
          body: new Uint8Array(body),
        });
        if (!res.ok) throw new Error(`PUT ${file}: ${res.status} ${await res.text()}`);
      });
  }
  // Eight uploads at a time, as a few logging scripts would.
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let next = uploads.shift(); next; next = uploads.shift()) await next();
    }),
  );
  const res = await fetch(`${origin}/api/runs.table`, {
    method: 'POST',
    headers: { 'x-benchtop-token': token, 'content-type': 'application/json' },
    body: '{}',
  });
  const table = (await res.json()) as { data: { id: number; name: string }[] };
  const ids = table.data.sort((a, b) => a.name.localeCompare(b.name)).map((r) => r.id);
  return { ids, seconds: (performance.now() - t0) / 1000, bytes };
}

/**
 * In the page: what every cell shows. Ours names the drawn image on its canvas (`data-path`);
 * the old view shows an <img> whose data URL is looked up by its tail (unique per image).
 */
const PAGE_HELPERS = `
window.__slider = () => document.querySelector('input[aria-label="Image step"]');
window.__state = () => {
  const v = Number(window.__slider().value);
  const cells = document.querySelectorAll('section.image-compare .image-cell');
  let complete = cells.length === ${RUNS};
  let blank = 0;
  for (const cell of cells) {
    const run = cell.querySelector('figcaption span').textContent;
    const canvas = cell.querySelector('canvas');
    let shown = null;
    if (canvas) shown = canvas.hidden ? null : (canvas.dataset.path ?? null);
    else {
      const img = cell.querySelector('img');
      shown = img && img.complete && img.naturalWidth > 0 ? (window.__tails[img.src.slice(-64)] ?? null) : null;
    }
    if (shown === null) blank++;
    if (shown === null || !shown.endsWith('%' + run + 's' + v + '.png')) complete = false;
  }
  return { v, complete, blank };
};
window.__set = (v) => {
  const input = window.__slider();
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, String(v));
  input.dispatchEvent(new Event('input', { bubbles: true }));
};
/** Resolves at the first animation frame where every cell shows the slider's step. */
window.__settle = (deadline) => new Promise((resolve) => {
  let frames = 0;
  let blank = 0;
  const tick = () => {
    frames++;
    const s = window.__state();
    blank += s.blank > 0 ? 1 : 0;
    if (s.complete || performance.now() > deadline) resolve({ frames, blank, ok: s.complete });
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
});
`;

interface SideFigures {
  open_ms: number;
  sweep: {
    fps: number;
    steps: number;
    seconds: number;
    frames_per_step_median: number;
    frames_per_step_max: number;
    frames_with_blank: number;
    capped: boolean;
  };
  drag: {
    fps: number;
    frame_rate: number;
    complete_fraction: number;
    frames_with_blank: number;
    steps_moved: number;
    seconds: number;
  };
  server_cpu_s: number | null;
}

async function measure(
  browser: Browser,
  root: string,
  dataDir: string,
  ids: number[],
  tails: Record<string, string>,
): Promise<SideFigures> {
  const server = await serve(root, dataDir);
  const cpu0 = cpuSeconds(server.child.pid);
  /** A fresh page (nothing cached) on the compare view, every cell showing the last step. */
  const open = async (): Promise<{ page: Page; ms: number }> => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.addInitScript(PAGE_HELPERS);
    await page.addInitScript(
      (t) => ((window as unknown as { __tails: object }).__tails = t),
      tails,
    );
    const t0 = performance.now();
    await page.goto(`${server.url}#/compare/${ids.join(',')}`);
    await page.locator('section.image-compare').waitFor({ timeout: 120_000 });
    // Not waitForFunction: it evaluates with eval, which the app's CSP refuses.
    await page.evaluate(`window.__settle(performance.now() + 120000)`);
    const ms = performance.now() - t0;
    await page.locator('section.image-compare').scrollIntoViewIfNeeded();
    return { page, ms };
  };
  const opened = await open();
  const openMs = opened.ms;
  let page = opened.page;
  try {
    // (a) Sweep: jump to the first step (not timed), then every step in turn, each shown whole.
    await page.evaluate(`(window.__set(0), window.__settle(performance.now() + 60000))`);
    const sweep = (await page.evaluate(`(async () => {
      const t0 = performance.now();
      const perStep = [];
      let blank = 0;
      let steps = 0;
      for (let v = 1; v < ${STEPS}; v++) {
        window.__set(v);
        const s = await window.__settle(t0 + ${SWEEP_CAP_MS});
        perStep.push(s.frames);
        blank += s.blank;
        steps++;
        if (!s.ok) break;
      }
      return { seconds: (performance.now() - t0) / 1000, perStep, blank, steps };
    })()`)) as { seconds: number; perStep: number[]; blank: number; steps: number };

    // (b) A hand on the mouse, on another fresh page (the sweep filled the first one's caches):
    // down on the thumb at the first step, one step to the right per move about every 16 ms,
    // while the page records each animation frame.
    await page.close();
    ({ page } = await open());
    await page.evaluate(`(window.__set(0), window.__settle(performance.now() + 60000))`);
    const slider = page.locator('input[aria-label="Image step"]');
    // Mid-window: at the top edge the app's sticky header would take the mouse.
    await slider.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    const box = (await slider.boundingBox())!;
    const thumb = 8; // half of Chromium's range thumb: its centre travels between the two insets
    const xAt = (v: number) => box.x + thumb + ((box.width - 2 * thumb) * v) / (STEPS - 1);
    const y = box.y + box.height / 2;
    await page.evaluate(`(() => {
      window.__frames = [];
      const tick = () => {
        if (window.__frames === null) return;
        window.__frames.push({ t: performance.now(), ...window.__state() });
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    })()`);
    await page.mouse.move(xAt(0), y);
    await page.mouse.down();
    const moveT0 = performance.now();
    // The slider is ~240 px wide: a step is about a pixel, as a hand moves it.
    for (let v = 1; v < STEPS; v++) {
      await page.mouse.move(xAt(v), y);
      const due = moveT0 + v * 16.7;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    await page.mouse.up();
    const frames = (await page.evaluate(
      `(() => { const f = window.__frames; window.__frames = null; return f; })()`,
    )) as {
      t: number;
      v: number;
      complete: boolean;
      blank: number;
    }[];
    // The drag's frames: from the first that saw the slider move to the last that saw it at the end.
    const first = frames.findIndex((f) => f.v > 0);
    const last = frames.findLastIndex((f) => f.v < STEPS - 1) + 1;
    const during = frames.slice(Math.max(0, first), Math.min(frames.length, last + 1));
    const seconds = during.length > 1 ? (during.at(-1)!.t - during[0]!.t) / 1000 : NaN;
    const complete = during.filter((f) => f.complete).length;
    return {
      open_ms: round(openMs),
      sweep: {
        fps: round(sweep.steps / sweep.seconds),
        steps: sweep.steps,
        seconds: round(sweep.seconds, 2),
        frames_per_step_median: median(sweep.perStep),
        frames_per_step_max: Math.max(...sweep.perStep),
        frames_with_blank: sweep.blank,
        capped: sweep.steps < STEPS - 1,
      },
      drag: {
        fps: round(complete / seconds),
        frame_rate: round(during.length / seconds),
        complete_fraction: round(complete / during.length, 3),
        frames_with_blank: during.filter((f) => f.blank > 0).length,
        steps_moved: new Set(during.map((f) => f.v)).size,
        seconds: round(seconds, 2),
      },
      server_cpu_s: cpu0 === null ? null : round(cpuSeconds(server.child.pid)! - cpu0, 2),
    };
  } finally {
    await page.close();
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'benchtop-bench-images-'));
const browser = await chromium.launch(CHROMIUM_LAUNCH);
const cleanup = () => rmSync(dataDir, { recursive: true, force: true });
process.once('SIGINT', () => {
  cleanup();
  process.exit(130);
});
try {
  const load0 = loadavg()[0]!;
  const writer = await serve(ROOT, dataDir);
  let logged: Awaited<ReturnType<typeof logImages>>;
  try {
    logged = await logImages(writer.url);
  } finally {
    writer.child.kill('SIGTERM');
    await new Promise((r) => writer.child.once('exit', r));
  }
  // The old view's <img> data URLs, told apart by their last characters (the IDAT's CRC and IEND).
  const tails: Record<string, string> = {};
  for (let r = 0; r < RUNS; r++)
    for (let s = 0; s < STEPS; s++)
      tails[`data:image/png;base64,${Buffer.from(png(r, s)).toString('base64')}`.slice(-64)] =
        `images/${fileName(r, s)}`;

  const ours: SideFigures[] = [];
  const before: SideFigures[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    ours.push(await measure(browser, ROOT, dataDir, logged.ids, tails));
    if (BEFORE) before.push(await measure(browser, BEFORE, dataDir, logged.ids, tails));
  }
  const best = (sides: SideFigures[]) =>
    sides.reduce((a, b) => (b.sweep.fps + b.drag.fps > a.sweep.fps + a.drag.fps ? b : a));
  const ourBest = best(ours);
  const beforeBest = before.length ? best(before) : null;
  console.log(
    JSON.stringify({
      name: 'imageSlider',
      runs: RUNS,
      steps: STEPS,
      image_bytes_mean: Math.round(logged.bytes / (RUNS * STEPS)),
      log_images_s: round(logged.seconds, 1),
      sweep_fps: ourBest.sweep.fps,
      drag_fps: ourBest.drag.fps,
      baseline: { fps: BASELINE_FPS, what: "the issue's goal: 30 frames per second" },
      ratio: round(ourBest.sweep.fps / BASELINE_FPS, 2),
      ratio_drag: round(ourBest.drag.fps / BASELINE_FPS, 2),
      before: beforeBest && {
        root: BEFORE,
        sweep_fps: beforeBest.sweep.fps,
        drag_fps: beforeBest.drag.fps,
        speedup_sweep: round(ourBest.sweep.fps / beforeBest.sweep.fps, 1),
        speedup_drag: round(ourBest.drag.fps / beforeBest.drag.fps, 1),
      },
      rounds: { ours, before },
      load_average: { start: round(load0, 2), end: round(loadavg()[0]!, 2) },
    }),
  );
} finally {
  await browser.close();
  cleanup();
}
