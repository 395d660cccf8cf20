import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  Notification,
  protocol,
  screen,
  session,
  shell,
} from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCore, rendererDir, resolveDataDir } from './core/core.js';
import { EVENT_CHANNEL, type ApiEvent } from '../shared/api.js';
import { createMenuActions } from './desktop/menuActions.js';
import { buildMenuTemplate } from './desktop/menuTemplate.js';
import { createFileOpener, IMPORTABLE_EXTENSIONS } from './desktop/openFiles.js';
import { notifyWhenRunsEnd } from './desktop/runNotifications.js';
import { notifyWhenPipelinesEnd } from './desktop/pipelineNotifications.js';
import {
  claimSingleInstance,
  focusWindow,
  listenForOsFileOpens,
} from './desktop/singleInstance.js';
import { sqliteBinding } from './desktop/sqliteBinding.js';
import { startTrackingListener } from './desktop/trackingListener.js';
import { loadWindowState, trackWindowState } from './desktop/windowState.js';
import { bindIpc } from './ipc.js';
import { printHtmlToPdf } from './desktop/printToPdf.js';
import { createSaver } from './desktop/saveFiles.js';
import { bindSave } from './desktop/saveIpc.js';
import { createMainWindow } from './window.js';
import {
  APP_INDEX_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler,
  isAppUrl,
} from './desktop/appProtocol.js';

// Composition root of the desktop app: the only file that wires Electron to the core.
const here = fileURLToPath(new URL('.', import.meta.url));

const dataDir = resolveDataDir(undefined);
let win: BrowserWindow | undefined;
const toWindow = (event: ApiEvent) => {
  if (win && !win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event);
};
const opener = createFileOpener({
  showDataset: (id) => {
    focusWindow(win);
    toWindow({ type: 'app.navigate', hash: `#/datasets/${id}` });
  },
  showError: (message) => dialog.showErrorBox('Benchtop', message),
});
const openFile = (path: string) => void opener.open(path);

app.enableSandbox();
// The renderer is served from app://benchtop (desktop/appProtocol.ts), never file://.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
const primary = claimSingleInstance(app, { window: () => win, openFile });
if (primary) {
  listenForOsFileOpens(app, process.argv, process.cwd(), openFile);
  void app.whenReady().then(start);
}

function start(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
    callback(false),
  );
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir()));
  const nativeBinding = sqliteBinding({
    env: process.env,
    packaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
  });
  const core = openCore({
    dataDir,
    // The desktop app needs better-sqlite3 built for Electron's ABI; `npm start` / `npm run dist` build that copy.
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  core.start(); // watched folders and schedules run while the app is open; a `benchtop` command's writes show up live
  const tracking = startTrackingListener({ core }); // scripts on this machine log into the open app (MLflow's API)
  const windowStateFile = join(dataDir, 'window-state.json');
  const placement = loadWindowState(
    windowStateFile,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const main = createMainWindow(
    BrowserWindow,
    { preload: join(here, 'preload.cjs'), url: APP_INDEX_URL },
    placement,
  );
  win = main;
  if (placement.maximized) main.maximize();
  trackWindowState(main, windowStateFile);
  // Files opened before the page could listen are imported once it has loaded.
  main.webContents.once('did-finish-load', () => void opener.ready(core));
  const actions = createMenuActions({
    core,
    dataDir,
    revealFolder: (path) => void shell.openPath(path),
    openFile: (path) => opener.open(path),
    navigate: (hash) => toWindow({ type: 'app.navigate', hash }),
    currentHash: () => new URL(main.webContents.getURL()).hash,
    dialogs: {
      pickDataFiles: async () => {
        const extensions = IMPORTABLE_EXTENSIONS.map((e) => e.slice(1));
        const picked = await dialog.showOpenDialog(main, {
          properties: ['openFile', 'multiSelections'],
          filters: [{ name: 'Datasets', extensions }],
        });
        return picked.canceled ? [] : picked.filePaths;
      },
      pickSaveFile: async (defaultPath) => {
        const picked = await dialog.showSaveDialog(main, { defaultPath });
        return picked.canceled || !picked.filePath ? null : picked.filePath;
      },
      ask: async (message, detail, buttons) =>
        (await dialog.showMessageBox(main, { message, detail, buttons: [...buttons] })).response,
      error: (message) => dialog.showErrorBox('Benchtop', message),
    },
  });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({ platform: process.platform, development: !app.isPackaged, actions }),
    ),
  );
  notifyWhenRunsEnd({
    events: core.events,
    Notification,
    supported: Notification.isSupported(),
    appFocused: () => BrowserWindow.getFocusedWindow() !== null,
    runName: async (id) => (await core.call('runs.get', { id })).name,
    showRun: (id) => {
      focusWindow(main);
      toWindow({ type: 'app.navigate', hash: `#/runs/${id}` });
    },
  });
  notifyWhenPipelinesEnd({
    events: core.events,
    Notification,
    supported: Notification.isSupported(),
    appFocused: () => BrowserWindow.getFocusedWindow() !== null,
    showAutomation: () => {
      focusWindow(main);
      toWindow({ type: 'app.navigate', hash: '#/automation' });
    },
  });
  const unbind = bindIpc(ipcMain, core, isAppUrl, (channel, event) => {
    if (!main.isDestroyed()) main.webContents.send(channel, event);
  });
  // Export menus and Settings save where the user picks; PDFs are printed by Electron itself.
  const unbindSave = bindSave(
    ipcMain,
    isAppUrl,
    createSaver({
      core,
      pickSavePath: async (defaultPath, filters) => {
        const picked = await dialog.showSaveDialog(main, { defaultPath, filters });
        return picked.canceled || !picked.filePath ? null : picked.filePath;
      },
      printToPdf: (html) => printHtmlToPdf(BrowserWindow, html),
    }),
  );
  app.on('window-all-closed', () => app.quit());
  let quitting = false;
  app.on('before-quit', (event) => {
    event.preventDefault();
    if (quitting) return;
    quitting = true;
    unbind();
    unbindSave();
    void tracking
      .close()
      .finally(() => core.close())
      .finally(() => app.exit(0));
  });
}
