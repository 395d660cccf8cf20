/** A menu item as Electron's Menu.buildFromTemplate takes it (the subset we use). */
export interface MenuItemTemplate {
  label?: string;
  role?:
    | 'appMenu'
    | 'about'
    | 'hide'
    | 'hideOthers'
    | 'unhide'
    | 'quit'
    | 'close'
    | 'editMenu'
    | 'windowMenu'
    | 'reload'
    | 'forceReload'
    | 'toggleDevTools'
    | 'resetZoom'
    | 'zoomIn'
    | 'zoomOut'
    | 'togglefullscreen'
    | 'minimize'
    | 'zoom'
    | 'front';
  type?: 'separator';
  accelerator?: string;
  enabled?: boolean;
  click?: () => void;
  submenu?: MenuItemTemplate[];
}

/** What the menu's own items do; main wires each to the core and the window. */
export interface MenuActions {
  openDataset(): void;
  newTrainingRun(): void;
  compareRuns(): void;
  exportModel(): void;
  preferences(): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** Development builds (`npm start` from a checkout) get the devtools; packaged builds never do. */
  development: boolean;
  actions: MenuActions;
}

const separator: MenuItemTemplate = { type: 'separator' };

/** The application menu, with the usual shortcuts (CmdOrCtrl maps to ⌘ on macOS, Ctrl elsewhere). */
export function buildMenuTemplate({
  platform,
  development,
  actions,
}: MenuOptions): MenuItemTemplate[] {
  const mac = platform === 'darwin';
  const preferences: MenuItemTemplate = {
    label: mac ? 'Settings…' : 'Preferences…',
    accelerator: 'CmdOrCtrl+,',
    click: actions.preferences,
  };
  const file: MenuItemTemplate = {
    label: 'File',
    submenu: [
      { label: 'Open Dataset…', accelerator: 'CmdOrCtrl+O', click: actions.openDataset },
      { label: 'New Training Run', accelerator: 'CmdOrCtrl+N', click: actions.newTrainingRun },
      separator,
      { label: 'Export Model Version…', accelerator: 'CmdOrCtrl+E', click: actions.exportModel },
      ...(mac ? [] : [separator, preferences]),
      separator,
      mac ? { role: 'close' } : { role: 'quit', accelerator: 'Ctrl+Q' },
    ],
  };
  const view: MenuItemTemplate = {
    label: 'View',
    submenu: [
      { label: 'Compare Runs', accelerator: 'CmdOrCtrl+Shift+C', click: actions.compareRuns },
      separator,
      { role: 'reload' },
      { role: 'forceReload' },
      ...(development ? [{ role: 'toggleDevTools' } as const] : []),
      separator,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  };
  const appMenu: MenuItemTemplate = {
    label: 'Benchtop',
    submenu: [
      { role: 'about' },
      separator,
      preferences,
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' },
    ],
  };
  return [...(mac ? [appMenu] : []), file, { role: 'editMenu' }, view, { role: 'windowMenu' }];
}

/** Every item of a template, depth first (for tests and for finding an item by label). */
export function flattenMenu(items: readonly MenuItemTemplate[]): MenuItemTemplate[] {
  return items.flatMap((item) => [item, ...flattenMenu(item.submenu ?? [])]);
}
