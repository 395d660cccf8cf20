const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', 'none']);

/** Tokens that mean "no value" (empty, NA, N/A, NaN, null, None — any case, surrounding spaces ignored). */
export const isMissing = (raw: string): boolean => {
  // The longest token has 4 letters: a longer value with printable ASCII at both ends (nothing
  // for trim() to take) is not one, and needs no trimmed, lower-cased copy to say so.
  if (raw.length > 4) {
    const first = raw.charCodeAt(0);
    const last = raw.charCodeAt(raw.length - 1);
    if (first > 32 && first < 127 && last > 32 && last < 127) return false;
  }
  return MISSING.has(raw.trim().toLowerCase());
};

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
export const parseNumber = (raw: string): number =>
  NUMBER.test(raw.trim()) ? Number(raw) : Number.NaN;
