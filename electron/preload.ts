import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { buildBridge } from './bridge.js';

// Runs sandboxed: the page gets typed calls and events, nothing else of Node or Electron.
contextBridge.exposeInMainWorld(
  'benchtop',
  buildBridge(ipcRenderer, {
    getPathForFile: (file) =>
      webUtils.getPathForFile(file as Parameters<typeof webUtils.getPathForFile>[0]),
  }),
);
