/** The data strategies the core accepts (shared/api/automation.ts `Strategy`), as a choice and a K. */
export const STRATEGY_CHOICES = [
  // Short enough for the form's select: what each trains the challenger on.
  { value: 'reference+new', label: 'reference+new (old + new data)' },
  { value: 'new', label: 'new (new data only)' },
  { value: 'window', label: 'window (last K versions)' },
] as const;
export type StrategyChoice = (typeof STRATEGY_CHOICES)[number]['value'];

/** `window:5` → `{ choice: 'window', k: '5' }`; anything else is one of the plain choices. */
export function splitStrategy(strategy: string): { choice: StrategyChoice; k: string } {
  const window = /^window:(\d+)$/.exec(strategy);
  if (window) return { choice: 'window', k: window[1]! };
  return { choice: strategy === 'new' ? 'new' : 'reference+new', k: '3' };
}

/** The strategy to send, or the one-line reason K is wrong (a whole number from 1 to 999). */
export function joinStrategy(
  choice: StrategyChoice,
  k: string,
): { strategy?: string; error?: string } {
  if (choice !== 'window') return { strategy: choice };
  const n = Number(k.trim());
  if (!/^\d+$/.test(k.trim()) || n < 1 || n > 999)
    return { error: 'A whole number of versions, from 1 to 999' };
  return { strategy: `window:${n}` };
}
