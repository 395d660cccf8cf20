import { QueryError } from './queryError.js';

export type Token =
  | { kind: 'word'; text: string; column: number }
  | { kind: 'string'; text: string; column: number }
  | { kind: 'number'; value: number; text: string; column: number }
  | { kind: 'op'; text: '=' | '!=' | '<' | '<=' | '>' | '>=' | '~'; column: number }
  | { kind: 'punct'; text: '(' | ')' | ',' | '.'; column: number }
  | { kind: 'end'; column: number };

const WORD_START = /[A-Za-z_]/;
const WORD = /[A-Za-z0-9_\-/]/;
const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;

/** Splits a query into tokens; `column` is where each starts (1-based). */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    const column = i + 1;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === "'") {
      const { text, end } = readString(source, i);
      tokens.push({ kind: 'string', text, column });
      i = end;
    } else if (/[0-9]/.test(c) || ((c === '-' || c === '.') && /[0-9]/.test(source[i + 1] ?? ''))) {
      const text = NUMBER.exec(source.slice(i))?.[0] ?? c;
      tokens.push({ kind: 'number', value: Number(text), text, column });
      i += text.length;
    } else if (WORD_START.test(c)) {
      let j = i + 1;
      while (j < source.length && WORD.test(source[j]!)) j++;
      tokens.push({ kind: 'word', text: source.slice(i, j), column });
      i = j;
    } else if (c === '<' || c === '>' || c === '!' || c === '=') {
      const two = source.slice(i, i + 2);
      if (two === '<=' || two === '>=' || two === '!=' || two === '==') {
        tokens.push({ kind: 'op', text: two === '==' ? '=' : two, column });
        i += 2;
      } else if (c === '!') {
        throw new QueryError(column, 'unexpected "!"; use "!=" or "not"');
      } else {
        tokens.push({ kind: 'op', text: c, column });
        i++;
      }
    } else if (c === '~') {
      tokens.push({ kind: 'op', text: '~', column });
      i++;
    } else if (c === '(' || c === ')' || c === ',' || c === '.') {
      tokens.push({ kind: 'punct', text: c, column });
      i++;
    } else {
      throw new QueryError(column, `unexpected character "${c}"`);
    }
  }
  tokens.push({ kind: 'end', column: source.length + 1 });
  return tokens;
}

/** A quoted string; a backslash escapes the next character (so `"a\"b"` holds a quote). */
function readString(source: string, start: number): { text: string; end: number } {
  const quote = source[start]!;
  let text = '';
  let i = start + 1;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\' && i + 1 < source.length) {
      text += source[i + 1];
      i += 2;
    } else if (c === quote) {
      return { text, end: i + 1 };
    } else {
      text += c;
      i++;
    }
  }
  throw new QueryError(start + 1, `unterminated string starting with ${quote}`);
}
