import { describe, expect, it } from 'vitest';
import { targetRow } from './gridArrowKeys.js';

describe('targetRow', () => {
  it('moves one row with the arrows and a page with Page Up/Down, clamped to the table', () => {
    expect(targetRow('ArrowDown', false, 3, 100)).toBe(4);
    expect(targetRow('ArrowUp', false, 0, 100)).toBe(0);
    expect(targetRow('PageDown', false, 95, 100)).toBe(99);
    expect(targetRow('PageUp', false, 25, 100)).toBe(15);
    expect(targetRow('End', true, 5, 100)).toBe(99);
    expect(targetRow('Home', true, 5, 100)).toBe(0);
  });

  it('leaves other keys, and Home/End without Ctrl, to the control', () => {
    expect(targetRow('ArrowLeft', false, 3, 100)).toBeNull();
    expect(targetRow('Home', false, 3, 100)).toBeNull();
    expect(targetRow(' ', false, 3, 100)).toBeNull();
  });
});
