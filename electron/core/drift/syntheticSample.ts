import { mulberry32 } from '../../../shared/random.js';

/**
 * Deterministic synthetic samples from the shared mulberry32 stream, using only +, −, ×, ÷ and floor so
 * that fixtures/generate.py reproduces them bit for bit (large fixture samples are stored as specs).
 * Also feeds benchmarkDrift.
 */

export type SampleKind = 'uniform' | 'square' | 'irwinhall' | 'grid';

export interface SampleSpec {
  seed: number;
  n: number;
  /** uniform: loc + scale·u; square: loc + scale·u²; irwinhall: loc + scale·(Σ₁₂ u − 6) (≈ normal); grid: loc + scale·⌊u·k⌋. */
  kind: SampleKind;
  loc?: number;
  scale?: number;
  /** Number of grid levels (kind 'grid'). */
  k?: number;
}

export function syntheticSample(spec: SampleSpec): Float64Array {
  const { n, kind } = spec;
  const loc = spec.loc ?? 0;
  const scale = spec.scale ?? 1;
  const k = spec.k ?? 10;
  const next = mulberry32(spec.seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let x: number;
    if (kind === 'irwinhall') {
      let s = next();
      for (let j = 1; j < 12; j++) s += next();
      x = s - 6;
    } else {
      const u = next();
      x = kind === 'uniform' ? u : kind === 'square' ? u * u : Math.floor(u * k);
    }
    out[i] = loc + scale * x;
  }
  return out;
}
