import { formatNumber } from '../../lib/format.js';

/** A column statistic in at most four significant digits; very large or small ones in e-notation. */
export const formatStat = (x: number): string =>
  Number.isInteger(x)
    ? formatNumber(x)
    : Math.abs(x) >= 1e5 || Math.abs(x) < 1e-3
      ? x.toExponential(2)
      : x.toPrecision(4);
