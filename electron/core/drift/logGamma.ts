/**
 * log Γ(x) for x > 0, and the Stirling-series remainder used to keep large-argument formulas free of
 * cancellation. Written from the textbook Stirling series (Abramowitz & Stegun 6.1.40); accurate to a
 * few ulps of the larger of |log Γ(x)| and 1.
 */

const HALF_LOG_2PI = 0.9189385332046727; // log(2π)/2

/** B_{2k} / (2k(2k-1)) for k = 1..8: the Stirling series 1/(12x) − 1/(360x³) + … */
const STIRLING = [
  1 / 12,
  -1 / 360,
  1 / 1260,
  -1 / 1680,
  1 / 1188,
  -691 / 360360,
  1 / 156,
  -3617 / 122400,
] as const;

/** Σ B_{2k}/(2k(2k-1) x^{2k-1}), valid (to double precision) for x ≥ 7. */
function stirlingSeries(x: number): number {
  const r = 1 / x;
  const r2 = r * r;
  let s = 0;
  for (let k = STIRLING.length - 1; k >= 0; k--) s = s * r2 + (STIRLING[k] ?? 0);
  return s * r;
}

/** log Γ(x) for x > 0 (NaN otherwise; +∞ at 0). */
export function logGamma(x: number): number {
  if (Number.isNaN(x) || x < 0) return Number.NaN;
  if (x === 0) return Number.POSITIVE_INFINITY;
  if (x === 1 || x === 2) return 0;
  if (x >= 7) return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + stirlingSeries(x);
  // Shift up: Γ(x) = Γ(x + k) / (x (x+1) … (x+k-1)).
  let product = 1;
  let y = x;
  while (y < 7) {
    product *= y;
    y += 1;
  }
  return (y - 0.5) * Math.log(y) - y + HALF_LOG_2PI + stirlingSeries(y) - Math.log(product);
}

/**
 * stirlingError(a) = log Γ(a) − ((a − ½) log a − a + ½ log 2π), the remainder of Stirling's formula.
 * Small and computed without cancellation for a ≥ 7.
 */
export function stirlingError(a: number): number {
  if (a >= 7) return stirlingSeries(a);
  return logGamma(a) - ((a - 0.5) * Math.log(a) - a + HALF_LOG_2PI);
}

/**
 * x − log(1 + x) for x > −1, without the cancellation of the naive formula when |x| is small.
 */
export function xMinusLog1p(x: number): number {
  if (Math.abs(x) >= 0.25) return x - Math.log1p(x);
  // Σ_{k≥2} (−1)^k x^k / k; |x| < 1/4 so 30 terms reach double precision.
  let term = x * x;
  let sum = 0;
  for (let k = 2; k < 40; k++) {
    const t = term / k;
    sum += k % 2 === 0 ? t : -t;
    if (Math.abs(t) < 1e-17 * Math.abs(sum)) break;
    term *= x;
  }
  return sum;
}
