import { describe, expect, it } from 'vitest';
import { csvCell, recordsToCsv, toCsv } from './csv.js';

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
  ])('neutralises the formula %j', (input, out) => expect(csvCell(input)).toBe(out));

  it('quotes commas, quotes, line breaks and edge spaces', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' pad')).toBe('" pad"');
    expect(csvCell('plain')).toBe('plain');
  });

  it('keeps numbers and booleans as data; empty for null', () => {
    expect([csvCell(-0.5), csvCell(3), csvCell(true), csvCell(null), csvCell(Number.NaN)]).toEqual([
      '-0.5',
      '3',
      'true',
      '',
      '',
    ]);
  });
});

describe('toCsv and recordsToCsv', () => {
  it('writes a header and CRLF rows', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          [1, 'x'],
          [null, '=1'],
        ],
      ),
    ).toBe("a,b\r\n1,x\r\n,'=1\r\n");
  });
  it('unions the keys of records in first-seen order', () => {
    expect(recordsToCsv([{ a: 1 }, { b: 2, a: 3 }])).toBe('a,b\r\n1,\r\n3,2\r\n');
  });
});
