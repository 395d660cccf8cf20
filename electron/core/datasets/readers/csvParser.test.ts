import { describe, expect, it } from 'vitest';
import { CsvParser, sniffDelimiter } from './csvParser.js';

function parseAll(text: string, chunk: number, delimiter = ','): [string[], number][] {
  const out: [string[], number][] = [];
  const p = new CsvParser(delimiter, 'f.csv', (fields, line) => out.push([fields, line]));
  for (let i = 0; i < text.length; i += chunk) p.push(text.slice(i, i + chunk));
  p.end();
  return out;
}

describe('CsvParser', () => {
  const text = 'a,b\r\n"x,1","multi\nline"\n"say ""hi""",2\nlast,row';
  it('gives the same records whatever the chunk size, with the line each starts on', () => {
    const whole = parseAll(text, text.length);
    expect(whole).toEqual([
      [['a', 'b'], 1],
      [['x,1', 'multi\nline'], 2],
      [['say "hi"', '2'], 4],
      [['last', 'row'], 5],
    ]);
    for (const size of [1, 2, 3, 5, 7]) expect(parseAll(text, size)).toEqual(whole);
  });
  it('refuses a field over the limit naming its line', () => {
    const p = new CsvParser(',', 'huge.csv', () => undefined, 10);
    p.push('a\n1\n');
    expect(() => p.push(`"${'x'.repeat(20)}`)).toThrow(
      /^huge\.csv: line 3 holds a field longer than 64 MB$/,
    );
  });
});

describe('sniffDelimiter', () => {
  it('picks the delimiter that splits every line the same way', () => {
    expect(sniffDelimiter('a;b;c\n1;2,5;3\n')).toBe(';');
    expect(sniffDelimiter('a\tb\n1\t2\n')).toBe('\t');
    expect(sniffDelimiter('a|b\n1|2\n')).toBe('|');
    expect(sniffDelimiter('a,b\n"1;2",3\n')).toBe(',');
    expect(sniffDelimiter('single\n1\n')).toBe(',');
  });
});
