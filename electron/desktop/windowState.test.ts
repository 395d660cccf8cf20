import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../testing/tempDir.js';
import {
  DEFAULT_SIZE,
  isOnScreen,
  loadWindowState,
  saveWindowState,
  trackWindowState,
} from './windowState.js';

const laptop = [{ x: 0, y: 0, width: 1440, height: 875 }];
const tempDir = useTempDirs();
const stateFile = () => join(tempDir(), 'nested', 'window-state.json');

describe('window state', () => {
  it('remembers size, position and maximized across a save and a load', () => {
    const file = stateFile();
    saveWindowState(file, { bounds: { x: 100, y: 50, width: 1000, height: 700 }, maximized: true });
    expect(loadWindowState(file, laptop)).toEqual({
      x: 100,
      y: 50,
      width: 1000,
      height: 700,
      maximized: true,
    });
  });

  it('uses the default size when there is no file or it is corrupt', () => {
    const file = stateFile();
    expect(loadWindowState(file, laptop)).toEqual({ ...DEFAULT_SIZE, maximized: false });
    saveWindowState(file, { bounds: { x: 1, y: 1, width: 900, height: 600 }, maximized: false });
    writeFileSync(file, '{"bounds": {"x": 1');
    expect(loadWindowState(file, laptop)).toEqual({ ...DEFAULT_SIZE, maximized: false });
    writeFileSync(file, JSON.stringify({ bounds: { x: 0, y: 0, width: 'wide', height: 600 } }));
    expect(loadWindowState(file, laptop)).toEqual({ ...DEFAULT_SIZE, maximized: false });
  });

  it('drops a position no display shows any more (a monitor was unplugged) but keeps the size', () => {
    const file = stateFile();
    saveWindowState(file, {
      bounds: { x: 2000, y: 100, width: 1000, height: 700 },
      maximized: false,
    });
    expect(loadWindowState(file, laptop)).toEqual({ width: 1000, height: 700, maximized: false });
    const withExternal = [...laptop, { x: 1440, y: 0, width: 1920, height: 1080 }];
    expect(loadWindowState(file, withExternal)).toMatchObject({ x: 2000, y: 100 });
  });

  it('counts a window as on screen only when a grabbable part of it is', () => {
    expect(isOnScreen({ x: 1400, y: 10, width: 800, height: 600 }, laptop)).toBe(false); // 40 px showing
    expect(isOnScreen({ x: 1300, y: 10, width: 800, height: 600 }, laptop)).toBe(true);
    expect(isOnScreen({ x: 100, y: -300, width: 800, height: 600 }, laptop)).toBe(false); // title bar above the top
  });

  it('saves the normal bounds when the window closes', () => {
    const file = stateFile();
    let onClose: (() => void) | undefined;
    trackWindowState(
      {
        getNormalBounds: () => ({ x: 10, y: 20, width: 1100, height: 750 }),
        isMaximized: () => false,
        on: (_e, l) => (onClose = l),
      },
      file,
    );
    onClose!();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      bounds: { x: 10, y: 20, width: 1100, height: 750 },
      maximized: false,
    });
  });

  it('logs, rather than throws, when the state cannot be written', () => {
    const logged: string[] = [];
    let onClose: (() => void) | undefined;
    const blocker = stateFile().replace(/nested.*$/, 'blocker');
    writeFileSync(blocker, 'a file where a folder should be');
    trackWindowState(
      {
        getNormalBounds: () => ({ x: 0, y: 0, width: 900, height: 600 }),
        isMaximized: () => false,
        on: (_e, l) => (onClose = l),
      },
      join(blocker, 'w.json'),
      (l) => logged.push(l),
    );
    expect(() => onClose!()).not.toThrow();
    expect(logged[0]).toMatch(/^benchtop: could not save the window's position: /);
  });
});
