import { z } from 'zod';

/** MLflow's rule for metric, param and tag keys, shared by the tracking, runs and registry methods. */

export const KEY_RULE =
  'names may only contain letters, digits, underscores (_), dashes (-), periods (.), spaces ( ), colons (:) and slashes (/)';
const checked = new Map<string, string | null>();
/** MLflow's rule for metric, param and tag keys; a batch repeats a few keys a thousand times, so answers are kept. */
export function badKey(key: string): string | null {
  let answer = checked.get(key);
  if (answer === undefined) {
    if (checked.size > 10_000) checked.clear();
    checked.set(key, (answer = checkKey(key)));
  }
  return answer;
}

/**
 * Letters, digits and `_-. :/`; no `..` or `.` segment and no leading `/`. Letters and digits of
 * any script, as MLflow's `[/\w.\- :]` means in Python (`\w` is Unicode there): a script logging
 * `mlflow.log_param("скорость", 1)` works on MLflow and must work here.
 */
function checkKey(key: string): string | null {
  if (key.length === 0) return 'a key must not be empty';
  if (key.length > 250)
    return `the key ${JSON.stringify(key.slice(0, 40))}… is longer than 250 characters`;
  if (!/^[\p{L}\p{N}_\-. :/]+$/u.test(key))
    return `invalid key ${JSON.stringify(key)}: ${KEY_RULE}`;
  if (key.startsWith('/') || key.split('/').some((part) => part === '..' || part === '.')) {
    return `invalid key ${JSON.stringify(key)}: it may not be an absolute path or contain . or .. segments`;
  }
  return null;
}

/** A metric, param or tag key that follows the rule. */
export const LoggedKey = z.string().superRefine((key, ctx) => {
  const problem = badKey(key);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
