import { filesFromArgv } from './openFiles.js';

/** The slice of Electron's app used for the single-instance lock and OS file opens (a fake in tests). */
export interface InstanceAppLike {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(
    event: 'second-instance',
    listener: (event: unknown, argv: string[], workingDirectory: string) => void,
  ): unknown;
  on(
    event: 'open-file',
    listener: (event: { preventDefault(): void }, path: string) => void,
  ): unknown;
}
export interface FocusableWindowLike {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/** Brings a window to the front, un-minimizing it first. */
export function focusWindow(win: FocusableWindowLike | undefined): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

export interface InstanceOptions {
  window(): FocusableWindowLike | undefined;
  openFile(path: string): unknown;
}

/**
 * Makes this the only running Benchtop. A second launch quits at once; the first one focuses its
 * window and opens the files the second was given. Returns false in the second instance.
 */
export function claimSingleInstance(app: InstanceAppLike, options: InstanceOptions): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, argv, workingDirectory) => {
    focusWindow(options.window());
    for (const path of filesFromArgv(argv, workingDirectory)) options.openFile(path);
  });
  return true;
}

/**
 * Files handed over at launch (the command line on Windows and Linux) and later by the OS
 * (macOS `open-file`: the dock icon, Finder's "Open With"; it can fire before the app is ready).
 */
export function listenForOsFileOpens(
  app: InstanceAppLike,
  argv: readonly string[],
  cwd: string,
  openFile: (path: string) => unknown,
): void {
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openFile(path);
  });
  for (const path of filesFromArgv(argv, cwd)) openFile(path);
}
