import { chmodSync, existsSync, openSync, closeSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../testing/tempDir.js';
import { parseTypeFlags } from './datasetCommands.js';
import { benchtop } from '../testing/runCli.js';
import { aheadPid } from '../core/jobs/jobAhead.js';

describe('benchtop import / datasets show / datasets diff', () => {
  const tempDir = useTempDirs();

  it('starts the import job ahead of the core and leaves none behind when the flags are refused', async () => {
    const dir = tempDir();
    const file = join(tempDir(), 'ahead.csv');
    writeFileSync(file, 'a,b\n1,x\n2,y\n');
    const run = (...args: string[]) => benchtop(['--data-dir', dir, ...args]);
    for (const [flags, message] of [
      [['--type', 'a=bogus'], 'benchtop: --type a: the type must be one of'],
      [['--type', 'zz=text'], 'benchtop: --type zz: ahead.csv has no column named "zz"'],
    ] as const) {
      const refused = await run('import', file, ...flags);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(message);
      expect(aheadPid()).toBeUndefined();
    }
    const done = await run('import', file, '--type', 'a=text', '--json');
    expect(done.code).toBe(0);
    expect(done.json().columns[0]).toMatchObject({ name: 'a', type: 'text' });
    expect(aheadPid()).toBeUndefined();
  });

  it('imports with --type, reports existing, versions, shows the profile and diffs two versions', async () => {
    const dir = tempDir();
    const file = join(tempDir(), 'sales.csv');
    writeFileSync(file, 'id;region;amount\n1;north;10.5\n2;south;NA\n3;north;7\n');
    const run = (...args: string[]) => benchtop(['--data-dir', dir, ...args]);

    const v1 = JSON.parse(
      (await run('import', file, '--type', 'id=categorical', '--delimiter', ';', '--json')).stdout,
    );
    expect(v1).toMatchObject({
      id: 1,
      name: 'sales',
      version: 1,
      parent_id: null,
      existing: false,
      rows: 3,
    });
    expect(v1.columns).toEqual([
      { name: 'id', type: 'categorical', missing: 0, distinct: 3 },
      { name: 'region', type: 'categorical', missing: 0, distinct: 2 },
      { name: 'amount', type: 'numeric', missing: 1, distinct: 2 },
    ]);
    const again = JSON.parse(
      (await run('import', file, '--type', 'id=categorical', '--delimiter', ';', '--json')).stdout,
    );
    expect(again).toMatchObject({ id: 1, hash: v1.hash, existing: true });

    writeFileSync(
      file,
      'id;region;amount;channel\n1;north;12;web\n2;south;3;shop\n3;north;7;web\n4;east;1;web\n',
    );
    const v2 = JSON.parse((await run('import', file, '--json')).stdout);
    expect(v2).toMatchObject({ id: 2, version: 2, parent_id: 1, existing: false });

    const shown = JSON.parse((await run('datasets', 'show', '2', '--json')).stdout);
    expect(
      shown.profile.columns.find((c: { name: string }) => c.name === 'amount').stats,
    ).toMatchObject({ min: 1, max: 12, mean: 5.75 });
    expect(shown.profile.columns.find((c: { name: string }) => c.name === 'channel').top).toEqual([
      { value: 'web', count: 3 },
      { value: 'shop', count: 1 },
    ]);

    const diff = JSON.parse((await run('datasets', 'diff', '1', '2', '--json')).stdout);
    expect(diff).toMatchObject({
      rows_delta: 1,
      added: [{ name: 'channel', type: 'categorical' }],
      removed: [],
      retyped: [{ name: 'id', from: 'categorical', to: 'numeric' }],
    });
    const human = await run('datasets', 'diff', '1', '2');
    expect(human.stdout).toContain('+ channel (categorical)');
  });

  describe('bad input: one line, exit 2', () => {
    const cases: [string, string[], string][] = [
      [
        'a bad --type',
        ['import', 'x.csv', '--type', 'a=number'],
        'benchtop: --type a: the type must be one of numeric, categorical, boolean, datetime, text, got "number"\n',
      ],
      [
        'a --type without =',
        ['import', 'x.csv', '--type', 'a'],
        'benchtop: --type must look like COLUMN=TYPE, got "a"\n',
      ],
      [
        'a bad --delimiter',
        ['import', 'x.csv', '--delimiter', ':'],
        'benchtop: --delimiter must be one of , ; | or tab, got ":"\n',
      ],
      [
        'show without an id',
        ['datasets', 'show'],
        'benchtop: datasets show needs a dataset ID, got nothing\n',
      ],
      ['show an unknown id', ['datasets', 'show', '9'], 'benchtop: no dataset with id 9\n'],
      [
        'diff with one id',
        ['datasets', 'diff', '1'],
        'benchtop: datasets diff needs a dataset ID, got nothing\n',
      ],
      [
        'an unknown subcommand',
        ['datasets', 'drop'],
        'benchtop: unknown datasets subcommand "drop"; use show or diff\n',
      ],
    ];
    for (const [what, args, message] of cases) {
      it(what, async () => {
        const { code, stdout, stderr } = await benchtop(['--data-dir', tempDir(), ...args]);
        expect([code, stdout, stderr]).toEqual([2, '', message]);
      });
    }
  });

  it('a path that exists but cannot be read: exit 2, one line naming the file', async (ctx) => {
    const path = unreadablePath(tempDir());
    if (!path)
      return ctx.skip(
        'running as root (permission bits ignored) and no write-only kernel file to stand in',
      );
    const { code, stdout, stderr } = await benchtop([
      '--data-dir',
      tempDir(),
      'import',
      path,
      '--json',
    ]);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toBe(`benchtop: cannot read ${basename(path)}: permission denied\n`);
  });

  it('parses repeated --type flags; a column name may hold "="', () => {
    expect(parseTypeFlags(['a=numeric', 'x=y=text'])).toEqual({ a: 'numeric', 'x=y': 'text' });
  });
});

/**
 * A file that exists and that this process cannot open for reading: a mode-000 file, or (as root,
 * who ignores permission bits) a write-only kernel file; null when neither is available.
 */
function unreadablePath(dir: string): string | null {
  const locked = join(dir, 'locked.csv');
  writeFileSync(locked, 'a,b\n1,2\n');
  chmodSync(locked, 0o000);
  for (const path of [locked, '/sys/bus/pci/rescan']) {
    if (!existsSync(path)) continue;
    try {
      closeSync(openSync(path, 'r'));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EACCES') return path;
    }
  }
  return null;
}
