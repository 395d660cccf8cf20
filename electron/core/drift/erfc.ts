/**
 * Complementary error function and the standard normal survival function, to ~1e-15 relative
 * accuracy over the whole range (down to underflow at x ≈ 27.2). For x < 1.25: 1 − erf(x) with
 * erf from its all-positive series; for x ≥ 1.25: Legendre's continued fraction for Γ(½, x²)
 * (erfc(x) = Q(½, x²)), with e^(−x²) evaluated by splitting x so that x² carries no rounding error.
 */

const TWO_OVER_SQRT_PI = 1.1283791670955126;
const ONE_OVER_SQRT_PI = 0.5641895835477563;
const EPS = 2.220446049250313e-16;
const TINY = 1e-300;

/** e^(−x²) without the relative error 2x²·ε that rounding x² would introduce. */
function expMinusSquare(x: number): number {
  const hi = Math.round(x * 65536) / 65536; // ≤ 26 significant bits, so hi² is exact
  const lo = x - hi;
  return Math.exp(-hi * hi) * Math.exp(-lo * (x + hi));
}

/** erf(x) = 2/√π e^(−x²) Σ 2^n x^(2n+1) / (1·3·…·(2n+1)); positive terms, good for small x. */
function erfSeries(x: number): number {
  const x2 = 2 * x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= x2 / (2 * n + 1);
    sum += term;
    if (term < sum * EPS) break;
  }
  return TWO_OVER_SQRT_PI * expMinusSquare(x) * sum;
}

/** Continued fraction for Q(½, z) / (z^½ e^(−z) / Γ(½)), z = x² (modified Lentz). */
function erfcContinuedFraction(z: number): number {
  const a = 0.5;
  let b = z + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return h;
}

/** erfc(x) = 1 − erf(x). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 1.25) return 1 - erfSeries(x);
  if (x > 27.3) return 0;
  return ONE_OVER_SQRT_PI * x * expMinusSquare(x) * erfcContinuedFraction(x * x);
}

/** Standard normal survival function Pr(Z ≥ z) = erfc(z/√2)/2. */
export function normalSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}
