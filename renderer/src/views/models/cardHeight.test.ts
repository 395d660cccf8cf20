import { describe, expect, it } from 'vitest';
import { cardHeight, charsPerLine, linesOf } from './cardHeight.js';

describe('version card height', () => {
  it('gives the usual three lines the height the tree always had', () => {
    expect(cardHeight([['@champion', 'test_accuracy 0.97', 'iris v1']])).toBe(81);
  });

  it('grows with the longest card, so a long metric key or dataset name wraps inside', () => {
    const long = 'test_' + 'very_long_metric_key_'.repeat(4);
    expect(linesOf(long)).toBe(Math.ceil(long.length / charsPerLine()));
    expect(linesOf(long)).toBeGreaterThan(3);
    const short = cardHeight([['', 'f1 0.9', 'iris v1']]);
    expect(
      cardHeight([
        ['', 'f1 0.9', 'iris v1'],
        ['', long, 'iris v1'],
      ]),
    ).toBe(short + (linesOf(long) - 1) * 15);
  });
});
