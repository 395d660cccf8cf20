/** One character as SQLite counts them: a surrogate pair or any other code unit. */
const ANY_CHAR = '(?:[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]|[^\\uD800-\\uDFFF])';

export interface LikeOptions {
  /** ILIKE: ASCII letters match either case (SQLite's lower() folds no others). */
  ignoreCase?: boolean;
  /** Match a uid as if its dashes were not there (MLflow's run ids are uids without dashes). */
  dashless?: boolean;
}

/**
 * A SQL LIKE pattern (`%` any text, `_` one character, no escape character) as an anchored
 * JavaScript regular expression, compiled without flags (as SQLite's regexp function does).
 * Each text between `%`s is taken at its first place and never reconsidered (a lookahead
 * captured, then consumed): LIKE finds it there anyway, and no pattern can backtrack
 * more than linearly, however many `%` it has.
 */
export function likeToRegex(pattern: string, options: LikeOptions = {}): string {
  const unit = (ch: string): string => {
    if (ch === '_') return options.dashless ? '-?[^-]' : ANY_CHAR;
    if (options.dashless && ch === '-') return '(?!)';
    const literal =
      options.ignoreCase && /^[a-z]$/i.test(ch)
        ? `[${ch.toLowerCase()}${ch.toUpperCase()}]`
        : ch.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
    return options.dashless ? `-?${literal}` : literal;
  };
  const segment = (s: string): string => Array.from(s, unit).join('');
  const parts = pattern.split(/%+/);
  if (parts.length === 1) return `^${segment(pattern)}$`;
  let re = `^${segment(parts[0]!)}`;
  parts.slice(1, -1).forEach((middle, i) => {
    re += `(?=([\\s\\S]*?${segment(middle)}))\\${i + 1}`;
  });
  return `${re}[\\s\\S]*${segment(parts.at(-1)!)}$`;
}

/** Whether `text` is LIKE (or ILIKE) `pattern`, by the same expression. */
export function isLike(text: string, pattern: string, options: LikeOptions = {}): boolean {
  return new RegExp(likeToRegex(pattern, options)).test(text);
}
