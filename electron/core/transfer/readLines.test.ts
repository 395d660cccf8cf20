import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../testing/tempDir.js';
import { readLines } from './readLines.js';

describe('readLines', () => {
  const tempDir = useTempDirs();

  it('yields whole lines across chunk boundaries, multi-byte characters intact, a last line without newline', () => {
    const file = join(tempDir(), 'x.jsonl');
    const lines = ['{"a":"é€😀"}', '', 'plain', '😀'.repeat(7), 'last'];
    writeFileSync(file, lines.join('\n'));
    for (const chunk of [1, 2, 3, 5, 64]) expect([...readLines(file, chunk)]).toEqual(lines);
  });

  it('a file ending in a newline has no empty last line', () => {
    const file = join(tempDir(), 'y.jsonl');
    writeFileSync(file, 'a\nb\n');
    expect([...readLines(file, 3)]).toEqual(['a', 'b']);
  });
});
