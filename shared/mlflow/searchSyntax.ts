/**
 * MLflow's search syntax (`search_runs`, `search_experiments`, registry searches), read the way
 * MLflow's SearchUtils reads it through sqlparse: clauses `<identifier> <comparator> <value>`
 * joined by AND, no OR and no parentheses. Meaning (which keys, which comparators) is left to
 * searchFilter.ts and entityFilter.ts.
 */

/** A filter or order_by MLflow would refuse; the server answers it with INVALID_PARAMETER_VALUE. */
export class MlflowSearchError extends Error {
  override readonly name = 'MlflowSearchError';
}

export type FilterValue =
  | { kind: 'string'; text: string; raw: string }
  | { kind: 'number'; value: number; raw: string }
  | { kind: 'list'; items: string[]; raw: string }
  /** Unquoted text (or a backquoted name): MLflow accepts it as no value. */
  | { kind: 'word'; raw: string };

export interface FilterClause {
  /** `metrics` in `metrics.acc`, backquotes trimmed; null when the identifier has no dot. */
  entity: string | null;
  key: string;
  /** Upper case: `=`, `!=`, `<`, `<=`, `>`, `>=`, `LIKE`, `ILIKE`, `IN`, `NOT IN`, `NOT LIKE`… */
  comparator: string;
  value: FilterValue;
}

export interface OrderBy {
  entity: string | null;
  key: string;
  ascending: boolean;
}

/** Far beyond any real filter; keeps a hostile one from costing more than a moment. */
const MAX_FILTER_LENGTH = 100_000;
const COMPARISON = new Set(['=', '!=', '<', '<=', '>', '>=']);
const WORD = /[\p{L}_][\p{L}\p{N}_$]*/uy;
const KEY_PART = /[\p{L}\p{N}_$]+/uy;
// sqlparse's Number.Float / Number.Integer; a number running into a name is no number.
const NUMBER = /-?(?:\d+(?:\.\d+)?[eE]-?\d+|\d+\.\d*|\.\d+|\d+)(?![\p{L}\p{N}_.])/uy;

/** Parses a filter into its clauses; an empty or blank filter has none. */
export function parseFilter(filter: string): FilterClause[] {
  if (filter.length > MAX_FILTER_LENGTH) {
    throw new MlflowSearchError(`Filter string is longer than ${MAX_FILTER_LENGTH} characters`);
  }
  return new Scanner(filter).filter();
}

class Scanner {
  private i = 0;
  constructor(private readonly src: string) {}

  filter(): FilterClause[] {
    const clauses: FilterClause[] = [];
    // MLflow lets stray ANDs through (sqlparse keeps them as keywords between comparisons).
    this.skipAnds();
    while (!this.atEnd()) {
      const start = this.i;
      clauses.push(this.clause(start));
      this.ws();
      if (this.atEnd()) break;
      if (!this.keyword('AND')) this.invalid(this.i);
      this.skipAnds();
    }
    return clauses;
  }

  private clause(start: number): FilterClause {
    const { entity, key } = this.identifier(start);
    this.ws();
    const comparator = this.comparator(start);
    this.ws();
    const value =
      comparator === 'IN' || comparator === 'NOT IN' ? this.list(start) : this.value(start);
    return { entity, key, comparator, value };
  }

  private identifier(start: number): { entity: string | null; key: string } {
    const first = this.part(start);
    if (this.src[this.i] !== '.') return { entity: null, key: unquote(first) };
    this.i++;
    const c = this.src[this.i];
    if (c === '`' || c === '"')
      return { entity: trimBackticks(first), key: unquote(this.quoted(start)) };
    const parts = [this.match(KEY_PART) ?? this.invalid(start)];
    while (this.src[this.i] === '.' && /[\p{L}\p{N}_$]/u.test(this.src[this.i + 1] ?? '')) {
      this.i++;
      parts.push(this.match(KEY_PART)!);
    }
    return { entity: trimBackticks(first), key: parts.join('.') };
  }

  /** The identifier's first part: a name, or a quoted one (`"run name"`, `` `metrics` ``). */
  private part(start: number): string {
    const c = this.src[this.i];
    if (c === '`' || c === '"') return this.quoted(start);
    const word = this.match(WORD);
    if (word === undefined || isKeyword(word)) this.invalid(start);
    return word;
  }

  private comparator(start: number): string {
    const symbols = this.match(/[<>=~!]+/y);
    if (symbols !== undefined) return COMPARISON.has(symbols) ? symbols : this.invalid(start);
    const word = this.match(WORD)?.toUpperCase();
    if (word === 'LIKE' || word === 'ILIKE' || word === 'RLIKE' || word === 'IN') return word;
    if (word === 'NOT') {
      this.ws();
      const next = this.match(WORD)?.toUpperCase();
      if (next === 'LIKE' || next === 'ILIKE' || next === 'RLIKE' || next === 'IN')
        return `NOT ${next}`;
    }
    return this.invalid(start);
  }

  private value(start: number): FilterValue {
    const c = this.src[this.i];
    if (c === "'" || c === '"') {
      const raw = this.quoted(start);
      return { kind: 'string', text: raw.slice(1, -1), raw };
    }
    if (c === '`') return { kind: 'word', raw: this.quoted(start) };
    const number = this.match(NUMBER);
    if (number !== undefined) return { kind: 'number', value: Number(number), raw: number };
    const word = this.match(WORD);
    if (word === undefined || isKeyword(word)) this.invalid(start);
    return { kind: 'word', raw: word };
  }

  /** `('a', "b",)`: MLflow reads it as a Python tuple literal of strings. */
  private list(start: number): FilterValue {
    const open = this.i;
    if (this.src[this.i] !== '(') this.invalid(start);
    this.i++;
    const items: string[] = [];
    let other = false;
    for (;;) {
      this.ws();
      const c = this.src[this.i];
      if (c === ')') break;
      if (c === "'" || c === '"') items.push(pythonString(this.quoted(start)));
      else if (this.match(NUMBER) !== undefined || this.match(WORD) !== undefined) other = true;
      else this.invalid(start);
      this.ws();
      if (this.src[this.i] === ',') this.i++;
      else if (this.src[this.i] !== ')') this.invalid(start);
    }
    this.i++;
    const raw = this.src.slice(open, this.i);
    if (other) {
      throw new MlflowSearchError(
        `While parsing a list in the query, expected string value, punctuation, or whitespace, but got different type in list: ${raw}`,
      );
    }
    if (items.length === 0) {
      throw new MlflowSearchError(
        'While parsing a list in the query, expected a non-empty list of string values, but got empty list',
      );
    }
    return { kind: 'list', items, raw };
  }

  /** A quoted token as written, quotes included: a doubled quote or a backslash escapes one. */
  private quoted(start: number): string {
    const q = this.src[this.i]!;
    let j = this.i + 1;
    // sqlparse's pattern backtracks: with no closing quote, the last escaped one closes instead.
    let lastEscaped = -1;
    while (j < this.src.length) {
      const c = this.src[j]!;
      if (c === '\\' && q !== '`' && this.src[j + 1] === q) {
        lastEscaped = j + 1;
        j += 2;
      } else if (c === q && this.src[j + 1] === q) {
        lastEscaped = j;
        j += 2;
      } else if (c === q) break;
      else j++;
    }
    if (j >= this.src.length) j = lastEscaped >= 0 ? lastEscaped : this.invalid(start);
    const raw = this.src.slice(this.i, j + 1);
    this.i = j + 1;
    return raw;
  }

  private keyword(word: string): boolean {
    const at = this.i;
    const got = this.match(WORD);
    if (got !== undefined && got.toUpperCase() === word) return true;
    this.i = at;
    return false;
  }

  private skipAnds(): void {
    this.ws();
    while (this.keyword('AND')) this.ws();
  }

  private match(re: RegExp): string | undefined {
    re.lastIndex = this.i;
    const m = re.exec(this.src);
    if (!m) return undefined;
    this.i += m[0].length;
    return m[0];
  }

  private ws(): void {
    while (this.i < this.src.length && /\s/.test(this.src[this.i]!)) this.i++;
  }

  private atEnd(): boolean {
    return this.i >= this.src.length;
  }

  /** MLflow's message for a clause it cannot read, quoting the clause up to its AND. */
  private invalid(start: number): never {
    throw new MlflowSearchError(
      `Invalid clause(s) in filter string: '${oneLine(this.src.slice(start, clauseEnd(this.src, start)).trim())}'`,
    );
  }
}

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'IN', 'IS', 'LIKE', 'ILIKE', 'NULL']);
const isKeyword = (word: string): boolean => KEYWORDS.has(word.toUpperCase());

/** Where the clause starting at `start` ends: the next AND outside quotes, or the end. */
function clauseEnd(src: string, start: number): number {
  const and = /[`'"]|\band\b/giy;
  for (let i = start; i < src.length;) {
    and.lastIndex = i;
    const m = and.exec(src);
    if (!m) {
      i++;
      continue;
    }
    if (m[0].length === 3 && i > start) return i;
    if (m[0].length === 3) {
      i += 3;
      continue;
    }
    const close = src.indexOf(m[0], i + 1);
    if (close < 0) return src.length;
    i = close + 1;
  }
  return src.length;
}

const oneLine = (s: string): string => s.replace(/\s+/g, ' ');

const trimBackticks = (s: string): string =>
  s.length >= 2 && s.startsWith('`') && s.endsWith('`') ? s.slice(1, -1) : s;

/** MLflow strips one pair of quotes or backquotes from a key and keeps what is inside as written. */
function unquote(s: string): string {
  for (const q of ['"', "'", '`']) {
    if (s.length >= 2 && s.startsWith(q) && s.endsWith(q)) return s.slice(1, -1);
  }
  return s;
}

/** A list item is read as a Python literal: escapes resolved, `'a''b'` two literals joined. */
function pythonString(raw: string): string {
  const q = raw[0]!;
  const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0' };
  return raw
    .slice(1, -1)
    .replace(/\\(.)|''|""/gs, (m, c: string | undefined) =>
      c !== undefined ? (escapes[c] ?? c) : m[0] === q ? '' : m,
    );
}

/**
 * One order_by entry: `metrics.acc DESC`, ``params.`a b` ``, `start_time`. MLflow splits it
 * like a shell (backquotes turned into double quotes), so quotes disappear from the key.
 */
export function parseOrderBy(clause: string): OrderBy {
  const invalid = (): never => {
    throw new MlflowSearchError(
      `Invalid order_by clause '${oneLine(clause)}'. Could not be parsed.`,
    );
  };
  const tokens = shellSplit(clause.replaceAll('`', '"')) ?? invalid();
  if (tokens.length === 0 || tokens.length > 2) invalid();
  let ascending = true;
  if (tokens.length === 2) {
    const order = tokens[1]!.toLowerCase();
    if (order !== 'asc' && order !== 'desc') {
      throw new MlflowSearchError(`Invalid ordering key in order_by clause '${oneLine(clause)}'.`);
    }
    ascending = order === 'asc';
  }
  const identifier = tokens[0]!.trim();
  if (identifier === '') invalid();
  const dot = identifier.indexOf('.');
  if (dot < 0) return { entity: null, key: unquote(identifier), ascending };
  return {
    entity: trimBackticks(identifier.slice(0, dot)),
    key: unquote(identifier.slice(dot + 1)),
    ascending,
  };
}

/** Python's shlex.split: words split at blanks, quotes grouping; null for an unclosed quote. */
function shellSplit(s: string): string[] | null {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (c === '"' || c === "'") {
      word ??= '';
      // Inside double quotes a backslash escapes only \ " $ and ` (POSIX shell rules).
      for (i++; s[i] !== c; i++) {
        if (i >= s.length) return null;
        if (c === '"' && s[i] === '\\' && '\\"$`'.includes(s[i + 1] ?? '_')) i++;
        word += s[i];
      }
    } else if (c === '\\' && i + 1 < s.length) {
      word = (word ?? '') + s[++i];
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== null) words.push(word);
  return words;
}
