import { app, BrowserWindow, ipcMain, session } from 'electron';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rendererDir } from './core/appPaths.js';
import { createCore } from './core/core.js';
import { resolveDataDir } from './core/dataDir.js';
import { bindIpc } from './ipc.js';
import { createMainWindow } from './window.js';

// Composition root of the desktop app: the only file that wires Electron to the core.
const here = fileURLToPath(new URL('.', import.meta.url));
const indexHtml = join(rendererDir(), 'index.html');
const appUrl = pathToFileURL(indexHtml).href;

app.enableSandbox();
if (!app.requestSingleInstanceLock()) app.quit();

void app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  const core = createCore({
    dataDir: resolveDataDir(undefined),
    // The desktop app needs better-sqlite3 built for Electron's ABI; `npm start` builds that copy.
    ...(process.env.BENCHTOP_SQLITE_BINDING ? { nativeBinding: process.env.BENCHTOP_SQLITE_BINDING } : {}),
  });
  const win = createMainWindow(BrowserWindow, { preload: join(here, 'preload.cjs'), indexHtml });
  const unbind = bindIpc(
    ipcMain,
    core,
    (url) => url.split(/[?#]/)[0] === appUrl,
    (channel, event) => {
      if (!win.isDestroyed()) win.webContents.send(channel, event);
    },
  );
  app.on('window-all-closed', () => app.quit());
  let quitting = false;
  app.on('before-quit', (event) => {
    event.preventDefault();
    if (quitting) return;
    quitting = true;
    unbind();
    void core.close().finally(() => app.exit(0));
  });
});
