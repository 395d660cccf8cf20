import { describe, expect, it } from 'vitest';
import { defaultConcurrency } from './jobQueue.js';

describe('defaultConcurrency', () => {
  it('is cores − 1, at least 1, unless BENCHTOP_MAX_JOBS says otherwise', () => {
    expect(defaultConcurrency(8, undefined)).toBe(7);
    expect(defaultConcurrency(1, undefined)).toBe(1);
    expect(defaultConcurrency(2, '3')).toBe(3);
    expect(defaultConcurrency(4, 'lots')).toBe(3);
  });
});
