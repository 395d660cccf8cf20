import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, flattenMenu, type MenuActions } from './menuTemplate.js';

function recordingActions() {
  const called: string[] = [];
  const actions: MenuActions = {
    openDataset: () => called.push('openDataset'),
    newTrainingRun: () => called.push('newTrainingRun'),
    compareRuns: () => called.push('compareRuns'),
    exportModel: () => called.push('exportModel'),
    preferences: () => called.push('preferences'),
  };
  return { actions, called };
}
const byLabel = (items: ReturnType<typeof flattenMenu>, label: string) =>
  items.find((i) => i.label === label);

describe('application menu', () => {
  it('wires each item to its action with the usual shortcut', () => {
    const { actions, called } = recordingActions();
    const items = flattenMenu(
      buildMenuTemplate({ platform: 'linux', development: false, actions }),
    );
    const expected: [string, string, string][] = [
      ['Open Dataset…', 'CmdOrCtrl+O', 'openDataset'],
      ['New Training Run', 'CmdOrCtrl+N', 'newTrainingRun'],
      ['Compare Runs', 'CmdOrCtrl+Shift+C', 'compareRuns'],
      ['Export Model Version…', 'CmdOrCtrl+E', 'exportModel'],
      ['Preferences…', 'CmdOrCtrl+,', 'preferences'],
    ];
    for (const [label, accelerator, action] of expected) {
      const item = byLabel(items, label);
      expect(item?.accelerator, label).toBe(accelerator);
      item?.click?.();
      expect(called.at(-1)).toBe(action);
    }
    expect(called).toHaveLength(expected.length);
  });

  it('offers reload always but the devtools only in development', () => {
    const { actions } = recordingActions();
    const roles = (development: boolean) =>
      flattenMenu(buildMenuTemplate({ platform: 'linux', development, actions })).map(
        (i) => i.role,
      );
    expect(roles(false)).toContain('reload');
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('toggleDevTools');
  });

  it('follows macOS conventions there: an app menu with Settings, Close instead of Quit in File', () => {
    const { actions } = recordingActions();
    const mac = buildMenuTemplate({ platform: 'darwin', development: false, actions });
    expect(mac[0]?.label).toBe('Benchtop');
    expect(mac[0]?.submenu?.map((i) => i.label ?? i.role)).toContain('Settings…');
    const file = mac.find((m) => m.label === 'File')!;
    expect(file.submenu?.map((i) => i.role)).toContain('close');
    expect(
      flattenMenu(file.submenu!).some((i) => i.label === 'Settings…' || i.label === 'Preferences…'),
    ).toBe(false);

    const linux = buildMenuTemplate({ platform: 'linux', development: false, actions });
    expect(linux.map((m) => m.label ?? m.role)).toEqual(['File', 'editMenu', 'View', 'windowMenu']);
    expect(linux[0]?.submenu?.map((i) => i.role)).toContain('quit');
  });

  it('uses each shortcut once', () => {
    const { actions } = recordingActions();
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      const accelerators = flattenMenu(buildMenuTemplate({ platform, development: true, actions }))
        .map((i) => i.accelerator)
        .filter(Boolean);
      expect(new Set(accelerators).size, platform).toBe(accelerators.length);
    }
  });
});
