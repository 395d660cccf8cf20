/** The pipeline's judgements, as pure functions of the figures (unit-tested on their own). */

export type Goal = 'max' | 'min';

/** A figure for a reason line: integers as they are, else 4 significant digits without trailing zeros. */
export const fmt = (x: number): string => {
  if (Number.isInteger(x)) return String(x);
  const s = x.toPrecision(4);
  return s.includes('.') && !s.includes('e') ? s.replace(/\.?0+$/, '') : s;
};

/** How much better `a` is than `b` (positive: better), whichever way the metric points. */
export const gain = (goal: Goal, a: number, b: number): number => (goal === 'max' ? a - b : b - a);

export type PromotionOutcome = 'promote' | 'await-approval' | 'hold';

/** Better by at least the margin (and better at all) → promote or wait for approval; else hold as challenger. */
export function promotionDecision(input: {
  metric: string;
  goal: Goal;
  challenger: number;
  champion: number;
  margin: number;
  autoPromote: boolean;
}): { outcome: PromotionOutcome; reason: string } {
  const { metric, goal, challenger, champion, margin } = input;
  const by = gain(goal, challenger, champion);
  const figures = `challenger ${metric} ${fmt(challenger)} vs champion ${fmt(champion)} on the holdout`;
  if (!(by > 0 && by >= margin)) {
    const why = by > 0 ? `better by ${fmt(by)}, less than the margin ${fmt(margin)}` : 'not better';
    return { outcome: 'hold', reason: `kept as challenger: ${figures} (${why})` };
  }
  if (input.autoPromote)
    return {
      outcome: 'promote',
      reason: `promoted: ${figures} (better by ${fmt(by)}, margin ${fmt(margin)})`,
    };
  return {
    outcome: 'await-approval',
    reason: `waiting for approval: ${figures} (better by ${fmt(by)}, margin ${fmt(margin)})`,
  };
}

/** Decay: the champion's metric on the new labelled data is worse than a threshold, or worse than it was by more than the margin. */
export function decayDecision(input: {
  metric: string;
  goal: Goal;
  current: number;
  recorded: number | null;
  margin: number;
  threshold: number | null;
}): { decayed: boolean; reason: string } {
  const { metric, goal, current, recorded, margin, threshold } = input;
  if (threshold !== null && gain(goal, current, threshold) < 0) {
    return {
      decayed: true,
      reason: `decay: champion ${metric} on the new data is ${fmt(current)}, worse than the threshold ${fmt(threshold)}`,
    };
  }
  if (recorded !== null && -gain(goal, current, recorded) > margin) {
    return {
      decayed: true,
      reason: `decay: champion ${metric} on the new data is ${fmt(current)}, worse than its recorded test-split ${fmt(recorded)} by more than the margin ${fmt(margin)}`,
    };
  }
  const against = [
    threshold !== null ? `threshold ${fmt(threshold)}` : '',
    recorded !== null ? `recorded test-split ${fmt(recorded)} (margin ${fmt(margin)})` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return {
    decayed: false,
    reason: `no decay: champion ${metric} on the new data is ${fmt(current)}${against ? ` (${against})` : ''}`,
  };
}

/** The columns a model reads that a new file lacks. */
export const missingFeatures = (
  features: readonly string[],
  columns: readonly string[],
): string[] => {
  const have = new Set(columns);
  return features.filter((f) => !have.has(f));
};

/** The K of window:K, or null for the other strategies. */
export const windowSize = (strategy: string): number | null => {
  const m = /^window:(\d+)$/.exec(strategy);
  return m ? Number(m[1]) : null;
};

/** A stable 31-bit seed from a content hash, so a pipeline on the same data splits it the same way. */
export const seedOf = (hash: string): number =>
  Number.parseInt(hash.replace(/^sha256:/, '').slice(0, 8), 16) & 0x7fffffff;
