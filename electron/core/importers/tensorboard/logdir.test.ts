import { chmodSync, linkSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../testing/tempDir.js';
import { readEventFile } from './eventFile.js';
import { scanLogdir, type LogdirScan } from './logdir.js';

const tempDir = useTempDirs();
const isRoot = process.getuid?.() === 0;

function touch(root: string, ...paths: string[]): void {
  for (const p of paths) {
    mkdirSync(join(root, p, '..'), { recursive: true });
    writeFileSync(join(root, p), '');
  }
}

const shape = (scan: LogdirScan) =>
  scan.runs.map((r) => [r.name, r.files.map((f) => f.slice(r.dir.length + 1))]);

describe('scanLogdir', () => {
  it('names runs by their folder relative to the logdir and orders files by name', async () => {
    const root = tempDir();
    touch(
      root,
      'events.out.tfevents.2.host',
      'events.out.tfevents.1.host',
      'notes.txt',
      'mnist/lr=0.1/train/events.out.tfevents.5.a',
      'mnist/lr=0.1/train/Events.out.tfevents.9.B', // upper case sorts first, as Python sorts
      'mnist/lr=0.1/eval/events.out.tfevents.5.a.v2',
      'mnist/lr=0.1/train/plugins/profile/x.trace.json.gz',
      'empty/sub/readme.md',
      'a-b/events.out.tfevents.0',
    );
    const scan = await scanLogdir(root);
    expect(scan.problems).toEqual([]);
    expect(shape(scan)).toEqual([
      ['.', ['events.out.tfevents.1.host', 'events.out.tfevents.2.host']],
      ['a-b', ['events.out.tfevents.0']],
      ['mnist/lr=0.1/eval', ['events.out.tfevents.5.a.v2']],
      ['mnist/lr=0.1/train', ['Events.out.tfevents.9.B', 'events.out.tfevents.5.a']],
    ]);
    expect(scan.runs[0]!.dir).toBe(root);
    expect(scan.runs[3]!.files[0]).toBe(join(root, 'mnist/lr=0.1/train/Events.out.tfevents.9.B'));
  });

  it('takes a single event file as a logdir of one run', async () => {
    const root = tempDir();
    touch(root, 'run/events.out.tfevents.1');
    const scan = await scanLogdir(join(root, 'run/events.out.tfevents.1'));
    expect(scan.runs).toEqual([
      { name: '.', dir: join(root, 'run'), files: [join(root, 'run/events.out.tfevents.1')] },
    ]);
  });

  it('reports a missing logdir instead of throwing', async () => {
    const scan = await scanLogdir(join(tempDir(), 'nope'));
    expect(scan.runs).toEqual([]);
    expect(scan.problems).toEqual([
      { path: expect.stringMatching(/nope$/), what: expect.stringMatching(/no such file/) },
    ]);
  });

  it('follows symlinks but ends symlink loops, and reports dangling event-file links', async () => {
    const root = tempDir();
    touch(root, 'a/events.out.tfevents.1', 'b/c/events.out.tfevents.2');
    symlinkSync('..', join(root, 'a/up')); // a loop back to the logdir
    symlinkSync('.', join(root, 'b/self'));
    symlinkSync(join(root, 'b/c'), join(root, 'z-link')); // a second path to b/c
    symlinkSync(join(root, 'gone'), join(root, 'a/events.out.tfevents.dangling'));
    symlinkSync(join(root, 'gone'), join(root, 'a/other-dangling')); // not an event file: ignored
    symlinkSync(join(root, 'b/c/events.out.tfevents.2'), join(root, 'b/events.out.tfevents.3'));
    const scan = await scanLogdir(root);
    expect(shape(scan)).toEqual([
      ['a', ['events.out.tfevents.1']],
      ['b', ['events.out.tfevents.3']],
      ['b/c', ['events.out.tfevents.2']],
    ]);
    expect(scan.problems).toEqual([
      {
        path: join(root, 'a/events.out.tfevents.dangling'),
        what: expect.stringMatching(/dangling/),
      },
      { path: join(root, 'a/up'), what: `skipped: the same folder as ${root} (symlink)` },
      {
        path: join(root, 'b/self'),
        what: `skipped: the same folder as ${join(root, 'b')} (symlink)`,
      },
      {
        path: join(root, 'z-link'),
        what: `skipped: the same folder as ${join(root, 'b/c')} (symlink)`,
      },
    ]);
  });

  it.skipIf(isRoot)(
    'reports unreadable folders, and unreadable files when they are read',
    async () => {
      const root = tempDir();
      touch(
        root,
        'ok/events.out.tfevents.1',
        'locked/events.out.tfevents.1',
        'ok/events.out.tfevents.2',
      );
      chmodSync(join(root, 'locked'), 0o000);
      chmodSync(join(root, 'ok/events.out.tfevents.2'), 0o000);
      try {
        const scan = await scanLogdir(root);
        expect(shape(scan)).toEqual([['ok', ['events.out.tfevents.1', 'events.out.tfevents.2']]]);
        expect(scan.problems).toEqual([
          { path: join(root, 'locked'), what: 'cannot read: permission denied' },
        ]);
        const read = await readEventFile(join(root, 'ok/events.out.tfevents.2'));
        expect(read.problems).toEqual([
          {
            kind: 'problem',
            file: join(root, 'ok/events.out.tfevents.2'),
            offset: 0,
            record: 0,
            what: expect.stringMatching(/^cannot read the file: EACCES/),
          },
        ]);
      } finally {
        chmodSync(join(root, 'locked'), 0o755);
      }
    },
  );

  it('walks 10,000 files and a 1,000-folder-deep chain without recursion', async () => {
    const root = tempDir();
    // Hard links to one empty file: creating 10,000 inodes is most of the time on slow disks.
    const seed = join(tempDir(), 'seed');
    writeFileSync(seed, '');
    for (let d = 0; d < 100; d++) {
      const dir = join(root, `run${String(d).padStart(3, '0')}`);
      mkdirSync(dir);
      for (let f = 0; f < 100; f++) linkSync(seed, join(dir, `events.out.tfevents.${f}`));
    }
    const deep = join(root, ...Array<string>(1000).fill('d'));
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(deep, 'events.out.tfevents.deep'), '');
    const started = performance.now();
    const scan = await scanLogdir(root);
    const ms = performance.now() - started;
    expect(scan.problems).toEqual([]);
    expect(scan.runs).toHaveLength(101);
    expect(scan.runs.reduce((n, r) => n + r.files.length, 0)).toBe(10_001);
    expect(scan.runs[0]!.name).toBe(Array<string>(1000).fill('d').join('/'));
    expect(scan.runs[1]!.files[2]).toMatch(/events\.out\.tfevents\.10$/); // name order: 0, 1, 10
    expect(ms).toBeLessThan(20_000);
  }, 60_000);
});
