/** The slice of Electron's BrowserWindow that window.ts uses (a fake in tests). */
export interface WindowLike {
  webContents: {
    on(
      event: 'will-navigate' | 'will-attach-webview',
      listener: (event: { preventDefault(): void }) => void,
    ): unknown;
    setWindowOpenHandler(handler: () => { action: 'deny' }): void;
  };
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  loadURL(url: string): Promise<void>;
}
export type WindowConstructor<W extends WindowLike> = new (options: WindowOptions) => W;

export interface WindowOptions {
  width: number;
  height: number;
  x?: number;
  y?: number;
  minWidth: number;
  minHeight: number;
  show: boolean;
  title: string;
  webPreferences: {
    preload: string;
    contextIsolation: true;
    sandbox: true;
    nodeIntegration: false;
    webSecurity: true;
    webviewTag: false;
    spellcheck: false;
    /** Middle-click would open links in new windows without asking setWindowOpenHandler first. */
    disableBlinkFeatures: 'Auxclick';
  };
}

/**
 * The main window, locked down: isolated and sandboxed renderer, no Node, no navigation away from
 * the app (a dropped file never replaces the page), no new windows, no webviews.
 */
export function createMainWindow<W extends WindowLike>(
  BrowserWindow: WindowConstructor<W>,
  /** `url`: the renderer's app:// address (desktop/appProtocol.ts), never a file:// one. */
  paths: { preload: string; url: string },
  /** Size and position, e.g. remembered from last time (desktop/windowState.ts). */
  placement: { width: number; height: number; x?: number; y?: number } = {
    width: 1280,
    height: 820,
  },
): W {
  const win = new BrowserWindow({
    ...placement,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Benchtop',
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(paths.url);
  return win;
}
