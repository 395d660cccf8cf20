import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../shared/api.js';
import { SAVE_CHANNEL } from '../../shared/desktopSave.js';
import { buildBridge, type IpcRendererLike } from '../bridge.js';
import { openCore, type CoreHandle } from '../core/core.js';
import type { IpcMainLike } from '../ipc.js';
import { benchtop } from '../testing/runCli.js';
import { useTempDirs } from '../testing/tempDir.js';
import { printHtmlToPdf, type PdfWindowLike } from './printToPdf.js';
import { createSaver } from './saveFiles.js';
import { bindSave } from './saveIpc.js';

describe('desktop save dialog', () => {
  const tempDir = useTempDirs();
  let core: CoreHandle;
  let picked: { name: string; extensions: string[] }[][];
  let asked: string[];
  let printed: string[];
  let answer: string | null;
  beforeEach(async () => {
    const dataDir = tempDir();
    await benchtop(['--data-dir', dataDir, 'demo', '--runs', '2', '--points', '10']);
    core = openCore({ dataDir });
    picked = [];
    asked = [];
    printed = [];
    answer = join(tempDir(), 'chosen');
  });
  afterEach(() => core.close());
  const saver = () =>
    createSaver({
      core,
      pickSavePath: async (name, filters) => {
        asked.push(name);
        picked.push(filters);
        return answer;
      },
      printToPdf: async (html) => {
        printed.push(html);
        return Buffer.from('%PDF-1.7 printed by the fake window');
      },
    });

  it('asks where to save a report under its suggested name and writes it there', async () => {
    const result = await saver()({
      kind: 'report',
      request: { kind: 'compare', runIds: [1, 2], format: 'md' },
    });
    expect(asked).toEqual(['benchtop-compare-1-2.md']);
    expect(picked).toEqual([[{ name: 'MD', extensions: ['md'] }]]);
    expect(result).toEqual({ saved: true, path: answer, bytes: readFileSync(answer!).length });
    expect(readFileSync(answer!, 'utf8')).toContain('run-1');
    expect(printed).toEqual([]);
  });

  it('prints a PDF from the report HTML in Electron (no Chromium needed)', async () => {
    const result = await saver()({
      kind: 'report',
      request: { kind: 'run', runId: 2, format: 'pdf' },
    });
    expect(asked).toEqual(['benchtop-run-2.pdf']);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/^<!doctype html>/i);
    expect(readFileSync(answer!, 'utf8')).toBe('%PDF-1.7 printed by the fake window');
    expect(result.saved).toBe(true);
  });

  it('a cancelled dialog writes nothing and prints nothing', async () => {
    answer = null;
    expect(
      await saver()({ kind: 'report', request: { kind: 'run', runId: 1, format: 'pdf' } }),
    ).toEqual({ saved: false, path: null, bytes: 0 });
    expect(await saver()({ kind: 'backup' })).toEqual({ saved: false, path: null, bytes: 0 });
    expect(printed).toEqual([]);
  });

  it('backs up and exports experiments to the chosen path, with progress events', async () => {
    const events: ApiEvent[] = [];
    core.events.subscribe((e) => events.push(e));
    const backup = await saver()({ kind: 'backup', progressId: 'p1' });
    expect(asked[0]).toMatch(/^benchtop-backup-.*\.tar\.gz$/);
    expect(gunzipSync(readFileSync(backup.path!)).includes('benchtop-backup.json')).toBe(true);
    expect(
      events.some(
        (e) => e.type === 'transfer.progress' && e.progressId === 'p1' && e.phase === 'backup',
      ),
    ).toBe(true);
    answer = join(tempDir(), 'exp.tar.gz');
    const exported = await saver()({ kind: 'experiments', experiments: ['demo'] });
    expect(asked[1]).toMatch(/^benchtop-experiments-demo-.*\.tar\.gz$/);
    expect(gunzipSync(readFileSync(exported.path!)).includes('benchtop-experiments.json')).toBe(
      true,
    );
  });

  it('refuses a malformed request and reports an unknown run plainly', async () => {
    await expect(saver()({ kind: 'format-disk' })).rejects.toThrow(/^save: /);
    await expect(
      saver()({ kind: 'report', request: { kind: 'run', runId: 99, format: 'html' } }),
    ).rejects.toThrow('no run with id 99');
    expect(asked).toEqual([]);
  });
});

describe('printing HTML to PDF in a hidden window', () => {
  it('loads the HTML from a temporary file in a hidden, script-less window, prints, then cleans up', async () => {
    const made: FakeWindow[] = [];
    class FakeWindow implements PdfWindowLike {
      loaded = '';
      html = '';
      destroyed = false;
      constructor(readonly options: unknown) {
        made.push(this);
      }
      async loadFile(path: string) {
        this.loaded = path;
        this.html = readFileSync(path, 'utf8');
      }
      webContents = { printToPDF: async () => new TextEncoder().encode('%PDF-1.4 x') };
      destroy() {
        this.destroyed = true;
      }
    }
    const pdf = await printHtmlToPdf(FakeWindow, '<!doctype html><h1>Report</h1>');
    expect(pdf.toString()).toBe('%PDF-1.4 x');
    const [win] = made;
    expect(win!.options).toEqual({
      show: false,
      webPreferences: { sandbox: true, javascript: false, contextIsolation: true },
    });
    expect(win!.html).toBe('<!doctype html><h1>Report</h1>');
    expect(win!.destroyed).toBe(true);
    expect(existsSync(win!.loaded)).toBe(false);
  });

  it('a window that prints no PDF is an error, and the window still closes', async () => {
    let destroyed = false;
    class Blank implements PdfWindowLike {
      async loadFile() {}
      webContents = { printToPDF: async () => new Uint8Array() };
      destroy() {
        destroyed = true;
      }
    }
    await expect(printHtmlToPdf(Blank, 'x')).rejects.toThrow('did not print a PDF');
    expect(destroyed).toBe(true);
  });
});

describe('save channel over IPC', () => {
  it('passes trusted requests to the saver and refuses other frames', async () => {
    type Handler = Parameters<IpcMainLike['handle']>[1];
    const handlers = new Map<string, Handler>();
    let frame = 'file:///app/index.html';
    const ipcMain: IpcMainLike = {
      handle: (c, l) => void handlers.set(c, l),
      removeHandler: (c) => void handlers.delete(c),
    };
    const ipcRenderer: IpcRendererLike = {
      invoke: async (channel, ...args) =>
        handlers.get(channel)!({ senderFrame: { url: frame } } as never, ...args),
      on: () => undefined,
      removeListener: () => undefined,
    };
    const seen: unknown[] = [];
    const unbind = bindSave(
      ipcMain,
      (url) => url === 'file:///app/index.html',
      async (r) => {
        seen.push(r);
        if ((r as { kind: string }).kind === 'backup') throw new Error('disk on fire');
        return { saved: true, path: '/x.html', bytes: 3 };
      },
      () => {},
    );
    const bridge = buildBridge(ipcRenderer, { getPathForFile: () => '' });
    const request = { kind: 'report', request: { kind: 'run', runId: 1, format: 'html' } } as const;
    await expect(bridge.save(request)).resolves.toEqual({ saved: true, path: '/x.html', bytes: 3 });
    await expect(bridge.save({ kind: 'backup' })).rejects.toThrow('internal error: disk on fire');
    frame = 'https://evil.example/';
    await expect(bridge.save(request)).rejects.toThrow('this page may not call Benchtop');
    expect(seen).toHaveLength(2);
    unbind();
    expect(handlers.has(SAVE_CHANNEL)).toBe(false);
  });
});
