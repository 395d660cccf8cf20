import type { ParamValue } from '../../../shared/domain.js';

/** A param as text, the way a tracking client logged it (numbers in their shortest form). */
export const paramText = (v: ParamValue): string => (typeof v === 'string' ? v : v === null ? 'None' : String(v));
