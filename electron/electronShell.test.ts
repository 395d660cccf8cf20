import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelOf, EVENT_CHANNEL, METHODS, type ApiEvent } from '../shared/api.js';
import { buildBridge, type IpcRendererLike } from './bridge.js';
import { createEventBus } from './core/eventBus.js';
import { UserError } from './core/userError.js';
import { bindIpc, type IpcMainLike } from './ipc.js';

type IpcMainInvokeEvent = Parameters<Parameters<IpcMainLike['handle']>[1]>[0];
import { createMainWindow, type WindowOptions } from './window.js';

/** Fakes of ipcMain and ipcRenderer wired together, as Electron would between main and preload. */
function fakeIpc() {
  const handlers = new Map<
    string,
    (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>
  >();
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  let frameUrl = 'file:///app/dist/renderer/index.html';
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  const ipcRenderer: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return handler({ senderFrame: { url: frameUrl } } as unknown as IpcMainInvokeEvent, ...args);
    },
    on: (channel, l) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(l)),
    removeListener: (channel, l) => listeners.get(channel)?.delete(l),
  };
  const broadcast = (channel: string, payload: unknown) =>
    listeners.get(channel)?.forEach((l) => l({}, payload));
  return { ipcMain, ipcRenderer, handlers, broadcast, setFrameUrl: (u: string) => (frameUrl = u) };
}

function fakeCore() {
  const events = createEventBus();
  const calls: [string, unknown][] = [];
  return {
    events,
    calls,
    call: async (method: string, input: unknown) => {
      calls.push([method, input]);
      if (method === 'runs.get') throw new UserError('no run with id 9');
      if (method === 'runs.list') throw new Error('disk on fire');
      return [] as never;
    },
  };
}

describe('IPC binding and preload bridge', () => {
  const setup = () => {
    const ipc = fakeIpc();
    const core = fakeCore();
    const logged: string[] = [];
    const unbind = bindIpc(
      ipc.ipcMain,
      core as never,
      (url) => url === 'file:///app/dist/renderer/index.html',
      ipc.broadcast,
      (l) => logged.push(l),
    );
    const bridge = buildBridge(ipc.ipcRenderer, {
      getPathForFile: (f) => `/home/me/${(f as { name: string }).name}`,
    });
    return { ipc, core, bridge, unbind, logged };
  };

  it('binds one channel per contract method, derived from the contract', () => {
    const { ipc, unbind } = setup();
    expect([...ipc.handlers.keys()].sort()).toEqual(METHODS.map(channelOf).sort());
    unbind();
    expect(ipc.handlers.size).toBe(0);
  });

  it('passes calls through to the core and returns the data', async () => {
    const { bridge, core } = setup();
    await expect(bridge.call('datasets.list', {})).resolves.toEqual([]);
    expect(core.calls).toEqual([['datasets.list', {}]]);
  });

  it('turns user errors into the plain message and hides internal ones behind a label', async () => {
    const { bridge, logged } = setup();
    await expect(bridge.call('runs.get', { id: 9 })).rejects.toThrow(/^no run with id 9$/);
    await expect(bridge.call('runs.list', {})).rejects.toThrow('internal error: disk on fire');
    expect(logged[0]).toContain('disk on fire');
  });

  it('refuses calls from a frame the app did not load', async () => {
    const { bridge, ipc, core } = setup();
    ipc.setFrameUrl('https://evil.example/');
    await expect(bridge.call('datasets.list', {})).rejects.toThrow(
      'this page may not call Benchtop',
    );
    expect(core.calls).toEqual([]);
  });

  it('refuses a method name outside the contract without touching IPC', async () => {
    const { bridge } = setup();
    await expect(bridge.call('fs.readFile' as never, {} as never)).rejects.toThrow(
      'no API method fs.readFile',
    );
  });

  it('delivers valid events to subscribers and drops malformed ones', () => {
    const { bridge, core, ipc } = setup();
    const got: ApiEvent[] = [];
    const stop = bridge.subscribe((e) => got.push(e));
    core.events.emit({ type: 'run.status', runId: 1, status: 'running', error: null });
    ipc.broadcast(EVENT_CHANNEL, { type: 'run.status', runId: 'x' });
    stop();
    core.events.emit({ type: 'run.status', runId: 1, status: 'finished', error: null });
    expect(got).toEqual([{ type: 'run.status', runId: 1, status: 'running', error: null }]);
  });

  it("gets a dropped file's path from webUtils", () => {
    expect(setup().bridge.pathForFile({ name: 'iris.csv' })).toBe('/home/me/iris.csv');
  });
});

describe('main window', () => {
  class FakeWindow {
    static last: FakeWindow;
    handlers = new Map<string, (e: { preventDefault(): void }) => void>();
    openHandler: (() => { action: 'deny' }) | undefined;
    loaded = '';
    shown = false;
    readyToShow: (() => void) | undefined;
    webContents = {
      on: (event: string, l: (e: { preventDefault(): void }) => void) =>
        this.handlers.set(event, l),
      setWindowOpenHandler: (h: () => { action: 'deny' }) => (this.openHandler = h),
    };
    constructor(readonly options: WindowOptions) {
      FakeWindow.last = this;
    }
    once(_event: 'ready-to-show', l: () => void) {
      this.readyToShow = l;
    }
    show() {
      this.shown = true;
    }
    async loadURL(url: string) {
      this.loaded = url;
    }
  }

  it('isolates and sandboxes the renderer without Node', () => {
    createMainWindow(FakeWindow, { preload: '/app/preload.cjs', url: 'app://benchtop/index.html' });
    expect(FakeWindow.last.options.webPreferences).toEqual({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(FakeWindow.last.loaded).toBe('app://benchtop/index.html');
  });

  it('denies navigation (so a dropped file never replaces the app), new windows and webviews', () => {
    createMainWindow(FakeWindow, { preload: 'p', url: 'app://benchtop/index.html' });
    const win = FakeWindow.last;
    for (const event of ['will-navigate', 'will-attach-webview']) {
      let prevented = false;
      win.handlers.get(event)!({ preventDefault: () => (prevented = true) });
      expect(prevented).toBe(true);
    }
    expect(win.openHandler!()).toEqual({ action: 'deny' });
  });

  it('opens at the size and position it is given (remembered by desktop/windowState.ts)', () => {
    createMainWindow(
      FakeWindow,
      { preload: 'p', url: 'app://benchtop/index.html' },
      { width: 1000, height: 700, x: 40, y: 30 },
    );
    expect(FakeWindow.last.options).toMatchObject({
      width: 1000,
      height: 700,
      x: 40,
      y: 30,
      minWidth: 900,
    });
    createMainWindow(FakeWindow, { preload: 'p', url: 'app://benchtop/index.html' });
    expect(FakeWindow.last.options).toMatchObject({ width: 1280, height: 820 });
    expect(FakeWindow.last.options).not.toHaveProperty('x');
  });

  it('shows the window only when it is ready to paint', () => {
    createMainWindow(FakeWindow, { preload: 'p', url: 'app://benchtop/index.html' });
    expect(FakeWindow.last.shown).toBe(false);
    FakeWindow.last.readyToShow!();
    expect(FakeWindow.last.shown).toBe(true);
  });
});

describe('content security policy', () => {
  it('lets the page run only its own scripts and reach only its own origin', () => {
    const html = readFileSync(join(import.meta.dirname, '..', 'renderer', 'index.html'), 'utf8');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    const directives = Object.fromEntries(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v]),
    );
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(csp).not.toContain('unsafe-eval');
  });
});
