import { sortingFns, type Row } from '@tanstack/react-table';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../shared/random.js';
import { alphanumericKey, textSortKey } from './textSortKey.js';

const rowOf = (value: unknown) => ({ getValue: () => value }) as unknown as Row<unknown>;
const sign = (n: number) => Math.sign(n);
const plain = (a: string, b: string) => (a === b ? 0 : a > b ? 1 : -1);

function strings(n: number): string[] {
  const random = mulberry32(11);
  const parts = ['run-', 'Run-', 'a', 'b', '-', '_', 'x.', ' ', 'lr=', 'é'];
  return Array.from({ length: n }, () => {
    let s = '';
    const chunks = Math.floor(random() * 5);
    for (let i = 0; i < chunks; i++) {
      s +=
        random() < 0.5
          ? parts[Math.floor(random() * parts.length)]!
          : String(Math.floor(random() * 1200)).padStart(random() < 0.2 ? 5 : 0, '0');
    }
    return s;
  });
}

describe('textSortKey', () => {
  const values: unknown[] = [...strings(300), 7, 12, Number.NaN, '', 'run-9', 'run-10', 'run-010'];

  it.each([
    ['alphanumeric', sortingFns.alphanumeric],
    ['alphanumericCaseSensitive', sortingFns.alphanumericCaseSensitive],
    ['text', sortingFns.text],
    ['textCaseSensitive', sortingFns.textCaseSensitive],
  ] as const)("orders every pair as react-table's %s does", (_name, fn) => {
    const key = textSortKey(fn)!;
    for (const a of values) {
      for (const b of values) {
        expect([a, b, sign(plain(key(a), key(b)))]).toEqual([
          a,
          b,
          sign(fn(rowOf(a), rowOf(b), 'c')),
        ]);
      }
    }
  });

  it('puts numbers within text in numeric order', () => {
    const names = ['run-10', 'run-9', 'run-100', 'run-09b'];
    expect(names.sort((a, b) => plain(alphanumericKey(a), alphanumericKey(b)))).toEqual([
      'run-9',
      'run-09b',
      'run-10',
      'run-100',
    ]);
  });

  it('has no key for other sorting functions', () => {
    expect(textSortKey(sortingFns.basic)).toBeUndefined();
    expect(textSortKey(() => 0)).toBeUndefined();
  });
});
