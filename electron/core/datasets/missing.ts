const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', 'none']);

/** Tokens that mean "no value" (empty, NA, N/A, NaN, null, None — any case, surrounding spaces ignored). */
export const isMissing = (raw: string): boolean => MISSING.has(raw.trim().toLowerCase());

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
export const parseNumber = (raw: string): number =>
  NUMBER.test(raw.trim()) ? Number(raw) : Number.NaN;
