import { describe, expect, it } from 'vitest';
import { artifactRows, type FolderState } from './artifactRows.js';

const file = (path: string, is_dir = false) => ({
  name: path.split('/').pop()!,
  path,
  is_dir,
  size: is_dir ? 0 : 1,
});

describe('artifact tree rows', () => {
  it('shows only expanded folders, with a loading line until they are listed', () => {
    const folders = new Map<string, FolderState>([
      ['', { entries: [file('a', true), file('b', true), file('x.txt')] }],
      ['a', { entries: [file('a/y.png')] }],
    ]);
    const rows = artifactRows(folders, new Set(['a', 'b']));
    expect(
      rows.map((r) => (r.type === 'node' ? `${r.depth}:${r.node.path}` : `${r.depth}:${r.text}`)),
    ).toEqual(['0:a', '1:a/y.png', '0:b', '1:Loading…', '0:x.txt']);
    expect(artifactRows(folders, new Set()).map((r) => r.type === 'node' && r.node.path)).toEqual([
      'a',
      'b',
      'x.txt',
    ]);
  });

  it('turns a folder of 5,000 files into 5,000 rows', () => {
    const many = Array.from({ length: 5000 }, (_, i) => file(`f${i}.txt`));
    const rows = artifactRows(new Map([['', { entries: many }]]), new Set());
    expect(rows).toHaveLength(5000);
  });

  it("shows a folder's error in place of its files", () => {
    const rows = artifactRows(
      new Map<string, FolderState>([
        ['', { entries: [file('d', true)] }],
        ['d', { error: 'no run with id 3' }],
      ]),
      new Set(['d']),
    );
    expect(rows[1]).toEqual({ type: 'note', key: 'd/!', text: 'no run with id 3', depth: 1 });
  });
});
