import {
  RUN_FIELDS,
  type CompareOp,
  type Expr,
  type Field,
  type RunField,
  type Value,
} from './ast.js';
import { QueryError } from './queryError.js';
import { tokenize, type Token } from './tokenize.js';

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'true', 'false']);
/** Longest query accepted: far beyond a hand-written one, short of SQLite's limits. */
export const MAX_QUERY_LENGTH = 10_000;
/** Deepest nesting of parentheses, `not`s and chained `and`/`or`s (recursion and SQLite both have limits). */
export const MAX_QUERY_DEPTH = 100;
const PREFIXES = new Set(['params', 'metrics', 'tags']);

/** Parses a run query (GRAMMAR.md). An empty or blank query is `null`: it matches every run. */
export function parseQuery(source: string): Expr | null {
  if (source.length > MAX_QUERY_LENGTH) {
    throw new QueryError(
      MAX_QUERY_LENGTH + 1,
      `the query is longer than ${MAX_QUERY_LENGTH} characters`,
    );
  }
  const p = new Parser(tokenize(source));
  if (p.peek().kind === 'end') return null;
  const expr = p.or();
  const rest = p.peek();
  if (rest.kind !== 'end')
    throw new QueryError(
      rest.column,
      `unexpected ${describe(rest)}; expected "and", "or" or the end`,
    );
  return expr;
}

/** Parses a lone field (`params.lr`, `status`), as `--sort` takes. */
export function parseField(source: string): Field {
  if (source.length > MAX_QUERY_LENGTH)
    throw new QueryError(
      MAX_QUERY_LENGTH + 1,
      `the field is longer than ${MAX_QUERY_LENGTH} characters`,
    );
  const p = new Parser(tokenize(source));
  const field = p.field();
  const rest = p.peek();
  if (rest.kind !== 'end')
    throw new QueryError(rest.column, `unexpected ${describe(rest)} after the field`);
  return field;
}

const isWord = (t: Token, word: string): boolean =>
  t.kind === 'word' && t.text.toLowerCase() === word;

function describe(t: Token): string {
  switch (t.kind) {
    case 'end':
      return 'end of query';
    case 'string':
      return `"${t.text}"`;
    case 'number':
      return t.text;
    default:
      return `"${t.text}"`;
  }
}

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  /** Counts one more level of nesting; refuses a query nested deeper than MAX_QUERY_DEPTH. */
  private nest(column: number): void {
    if (++this.depth > MAX_QUERY_DEPTH) {
      throw new QueryError(
        column,
        `the query is nested more than ${MAX_QUERY_DEPTH} levels deep; simplify it`,
      );
    }
  }

  peek(): Token {
    return this.tokens[this.i]!;
  }
  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'end') this.i++;
    return t;
  }

  or(): Expr {
    const depth = this.depth;
    let left = this.and();
    while (isWord(this.peek(), 'or')) {
      this.nest(this.next().column);
      left = { type: 'or', left, right: this.and() };
    }
    this.depth = depth;
    return left;
  }

  private and(): Expr {
    const depth = this.depth;
    let left = this.unary();
    while (isWord(this.peek(), 'and')) {
      this.nest(this.next().column);
      left = { type: 'and', left, right: this.unary() };
    }
    this.depth = depth;
    return left;
  }

  private unary(): Expr {
    if (isWord(this.peek(), 'not')) {
      const depth = this.depth;
      this.nest(this.next().column);
      const expr: Expr = { type: 'not', expr: this.unary() };
      this.depth = depth;
      return expr;
    }
    const t = this.peek();
    if (t.kind === 'punct' && t.text === '(') {
      this.next();
      const depth = this.depth;
      this.nest(t.column);
      const inner = this.or();
      this.depth = depth;
      const close = this.next();
      if (close.kind !== 'punct' || close.text !== ')') {
        throw new QueryError(
          close.column,
          `expected ")" to close the "(" at column ${t.column}, found ${describe(close)}`,
        );
      }
      return inner;
    }
    return this.predicate();
  }

  private predicate(): Expr {
    const column = this.peek().column;
    const field = this.field();
    const t = this.peek();
    if (t.kind === 'op') {
      this.next();
      const value = this.value(t.text);
      if (t.text === '~') checkRegex(value, this.tokens[this.i - 1]!.column);
      return { type: 'compare', field, op: t.text as CompareOp, value, column };
    }
    if (isWord(t, 'in')) {
      this.next();
      return { type: 'in', field, values: this.list(), column };
    }
    if (isWord(t, 'not') && isWord(this.tokens[this.i + 1] ?? t, 'in')) {
      this.next();
      this.next();
      return { type: 'not', expr: { type: 'in', field, values: this.list(), column } };
    }
    return { type: 'exists', field, column };
  }

  field(): Field {
    const t = this.next();
    if (t.kind !== 'word' || KEYWORDS.has(t.text.toLowerCase())) {
      throw new QueryError(
        t.column,
        `expected a field such as params.lr or status, found ${describe(t)}`,
      );
    }
    const prefix = t.text.toLowerCase();
    if (PREFIXES.has(prefix))
      return { kind: prefix as 'params' | 'metrics' | 'tags', key: this.key(t) };
    if ((RUN_FIELDS as readonly string[]).includes(prefix))
      return { kind: 'run', name: prefix as RunField };
    throw new QueryError(
      t.column,
      `unknown field "${t.text}"; use params.NAME, metrics.NAME, tags.NAME or one of ${RUN_FIELDS.join(', ')}`,
    );
  }

  /** The key after `params.`: words joined by dots, or one quoted string for odd names. */
  private key(prefix: Token & { kind: 'word' }): string {
    const dot = this.next();
    if (dot.kind !== 'punct' || dot.text !== '.') {
      throw new QueryError(dot.column, `expected "." and a name after "${prefix.text}"`);
    }
    const parts: string[] = [];
    for (;;) {
      const t = this.next();
      if (t.kind === 'word' || t.kind === 'string') parts.push(t.text);
      else if (t.kind === 'number' && /^\d+$/.test(t.text)) parts.push(t.text);
      else
        throw new QueryError(
          t.column,
          `expected a name after "${prefix.text}.", found ${describe(t)}`,
        );
      const after = this.peek();
      if (after.kind !== 'punct' || after.text !== '.') break;
      this.next();
    }
    return parts.join('.');
  }

  private value(after: string): Value {
    const t = this.next();
    if (t.kind === 'number') return t.value;
    if (t.kind === 'string') return t.text;
    if (isWord(t, 'true')) return true;
    if (isWord(t, 'false')) return false;
    const hint =
      t.kind === 'word' && !KEYWORDS.has(t.text.toLowerCase()) ? ` (quote text: "${t.text}")` : '';
    throw new QueryError(t.column, `expected a value after "${after}"${hint}`);
  }

  private list(): Value[] {
    const open = this.next();
    if (open.kind !== 'punct' || open.text !== '(')
      throw new QueryError(open.column, 'expected "(" after "in"');
    const values = [this.value('(')];
    for (;;) {
      const t = this.next();
      if (t.kind === 'punct' && t.text === ')') return values;
      if (t.kind !== 'punct' || t.text !== ',') {
        throw new QueryError(t.column, `expected "," or ")" in the list, found ${describe(t)}`);
      }
      values.push(this.value(','));
    }
  }
}

function checkRegex(value: Value, column: number): void {
  if (typeof value !== 'string')
    throw new QueryError(column, 'expected a quoted regular expression after "~"');
  try {
    new RegExp(value);
  } catch (e) {
    throw new QueryError(column, `invalid regular expression: ${(e as Error).message}`);
  }
}
