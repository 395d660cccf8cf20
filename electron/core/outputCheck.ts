import type { z } from 'zod';

/**
 * Output schemas are checked, not just declared: with BENCHTOP_CHECK_OUTPUTS=1 (the unit tests and
 * the e2e server) the core checks every handler's answer against its method's `output` schema and
 * throws when they disagree. Checking only: the answer goes out as the handler made it.
 */
export const outputChecksOn = (): boolean => process.env.BENCHTOP_CHECK_OUTPUTS === '1';

/** Throws an internal error naming the method, the path of the first issue and the value found there. */
export function checkOutput(method: string, schema: z.ZodType, output: unknown): void {
  const result = schema.safeParse(output);
  if (result.success) return;
  const { issues } = result.error;
  const issue = issues[0]!;
  const path = issue.path.length ? issue.path.map(String).join('.') : '(the whole answer)';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  throw new Error(
    `${method} answered outside its output schema at ${path}: ${issue.message}, got ${show(valueAt(output, issue.path))}${more}`,
  );
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

function show(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'bigint' || value === undefined)
    return String(value);
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
