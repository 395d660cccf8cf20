import { describe, expect, it } from 'vitest';
import { columnFlag } from './columnFlag.js';

const column = (over: Partial<Parameters<typeof columnFlag>[0]>) => ({
  type: 'numeric' as const,
  missing: 0,
  distinct: 10,
  ...over,
});

describe('columnFlag', () => {
  it('flags a column with every row empty as all missing, whatever its type', () => {
    expect(columnFlag(column({ type: 'text', missing: 50, distinct: 0 }), 50)).toEqual({
      label: 'all missing',
      reason: 'all 50 rows are empty: nothing to learn from',
    });
  });

  it('flags one distinct value as constant and names it (top value, or the number)', () => {
    expect(
      columnFlag(column({ type: 'categorical', distinct: 1, top: [{ value: 'lab-1' }] }), 9),
    ).toEqual({ label: 'constant', reason: 'every row holds lab-1: it cannot tell rows apart' });
    expect(columnFlag(column({ distinct: 1, stats: { min: 3.5 } }), 9)?.reason).toBe(
      'every row holds 3.5: it cannot tell rows apart',
    );
  });

  it('counts the empty rows of a constant column in its reason', () => {
    expect(columnFlag(column({ distinct: 1, missing: 4, stats: { min: 0 } }), 9)?.reason).toBe(
      'every non-empty row holds 0 (4 empty): it cannot tell rows apart',
    );
  });

  it('does not flag columns that vary, some missing values, one-row or empty datasets', () => {
    expect(columnFlag(column({ distinct: 2 }), 9)).toBeNull();
    expect(columnFlag(column({ distinct: 5, missing: 8 }), 9)).toBeNull();
    expect(columnFlag(column({ distinct: 1 }), 1)).toBeNull();
    expect(columnFlag(column({ distinct: 0 }), 0)).toBeNull();
  });

  it('works from a schema column (no profile): the value is not named', () => {
    expect(columnFlag({ type: 'boolean', missing: 0, distinct: 1 }, 3)?.reason).toBe(
      'every row holds the same value: it cannot tell rows apart',
    );
  });
});
