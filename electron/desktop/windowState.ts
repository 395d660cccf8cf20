import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}
/** The slice of Electron's BrowserWindow the store needs (a fake in tests). */
export interface StatefulWindowLike {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  on(event: 'close', listener: () => void): unknown;
}

export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
const MIN_VISIBLE = 64;

const isRect = (v: unknown): v is Rect =>
  typeof v === 'object' &&
  v !== null &&
  ['x', 'y', 'width', 'height'].every((k) => Number.isFinite((v as Record<string, unknown>)[k]));

/** True when at least a grabbable corner of `bounds` lies on one of the displays' work areas. */
export function isOnScreen(bounds: Rect, workAreas: readonly Rect[]): boolean {
  return workAreas.some((area) => {
    const overlapX =
      Math.min(bounds.x + bounds.width, area.x + area.width) - Math.max(bounds.x, area.x);
    const overlapY =
      Math.min(bounds.y + bounds.height, area.y + area.height) - Math.max(bounds.y, area.y);
    return overlapX >= MIN_VISIBLE && overlapY >= MIN_VISIBLE && bounds.y >= area.y - 1;
  });
}

/** Reads the saved state; a missing or corrupt file, or a window no display shows any more, gives null position. */
export function loadWindowState(
  file: string,
  workAreas: readonly Rect[],
): { width: number; height: number; x?: number; y?: number; maximized: boolean } {
  let saved: unknown;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return { ...DEFAULT_SIZE, maximized: false };
  }
  const bounds = (saved as { bounds?: unknown } | null)?.bounds;
  if (!isRect(bounds) || bounds.width < 200 || bounds.height < 150)
    return { ...DEFAULT_SIZE, maximized: false };
  const maximized = (saved as { maximized?: unknown }).maximized === true;
  const size = { width: Math.round(bounds.width), height: Math.round(bounds.height), maximized };
  // A monitor unplugged since last time: keep the size, let the OS place the window.
  return isOnScreen(bounds, workAreas)
    ? { ...size, x: Math.round(bounds.x), y: Math.round(bounds.y) }
    : size;
}

export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, null, 2));
  renameSync(tmp, file);
}

/** Saves the window's normal (un-maximized) bounds and maximized flag when it closes. */
export function trackWindowState(
  win: StatefulWindowLike,
  file: string,
  log: (line: string) => void = console.error,
): void {
  win.on('close', () => {
    try {
      saveWindowState(file, { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
    } catch (e) {
      log(
        `benchtop: could not save the window's position: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  });
}
