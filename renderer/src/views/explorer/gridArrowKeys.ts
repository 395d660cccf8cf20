import type { KeyboardEvent } from 'react';

/** Rows a Page Up/Down moves: about a screen of the runs table. */
const PAGE = 10;

/** What a key does to the focused row index, or null when the grid leaves that key alone. */
export function targetRow(key: string, ctrl: boolean, at: number, count: number): number | null {
  const to =
    key === 'ArrowDown'
      ? at + 1
      : key === 'ArrowUp'
        ? at - 1
        : key === 'PageDown'
          ? at + PAGE
          : key === 'PageUp'
            ? at - PAGE
            : key === 'Home' && ctrl
              ? 0
              : key === 'End' && ctrl
                ? count - 1
                : null;
  return to === null ? null : Math.max(0, Math.min(count - 1, to));
}

const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]';

/**
 * Up and Down (Page Up/Down, Ctrl+Home/End) move the focus to the same column of another row, as
 * in a spreadsheet: a keyboard walks 10,000 runs without a Tab per control. The table is
 * virtualised, so the target row is scrolled into being first (`scrollTo`), then focused.
 */
export function gridArrowKeys(count: number, scrollTo: (row: number) => void) {
  return (e: KeyboardEvent<HTMLElement>) => {
    const from = e.target as HTMLElement;
    // A text field or a select keeps its own arrows.
    if (from.matches('input:not([type=checkbox]), select, textarea')) return;
    const cell = from.closest<HTMLElement>('[role=gridcell]');
    const row = cell?.closest<HTMLElement>('[role=row]');
    if (!cell || !row) return;
    const at = Number(row.getAttribute('aria-rowindex')) - 2;
    const to = targetRow(e.key, e.ctrlKey || e.metaKey, at, count);
    if (to === null || to === at || !Number.isFinite(at)) return;
    e.preventDefault();
    const column = [...row.querySelectorAll('[role=gridcell]')].indexOf(cell);
    const grid = e.currentTarget;
    scrollTo(to);
    const focus = (tries: number) => {
      const next = grid.querySelector(`[role=row][aria-rowindex="${to + 2}"]`);
      const target = next?.querySelectorAll<HTMLElement>('[role=gridcell]')[column];
      if (target) (target.querySelector<HTMLElement>(FOCUSABLE) ?? target).focus();
      // The virtualiser draws the row on its next frame.
      else if (tries > 0) requestAnimationFrame(() => focus(tries - 1));
    };
    focus(3);
  };
}
