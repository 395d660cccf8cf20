import { closeSync, openSync, readSync } from 'node:fs';
import { relative } from 'node:path';
import type { HParams } from './tensorboard/hparams.js';
import { EventFileParser, type EventItem } from './tensorboard/eventFile.js';
import type { LogdirScan } from './tensorboard/logdir.js';
import type { SourceRun } from './writeImportedRuns.js';

const CHUNK = 1 << 20;

/**
 * A logdir's runs as sources: each folder of event files is a run named by its path relative
 * to the logdir, as TensorBoard names it. Files are read synchronously in chunks (bounded
 * memory) so a whole import stays one SQLite transaction; damage becomes a warning naming
 * the file, byte offset and record, with everything before it kept.
 */
export function* tensorboardSourceRuns(scan: LogdirScan, experiment: string, warn: (message: string) => void): Generator<SourceRun> {
  for (const run of scan.runs) {
    let hparams: HParams = {};
    const texts: string[] = [];
    let first: number | null = null;
    let last: number | null = null;
    yield {
      identity: { key: 'benchtop.source_path', value: run.name },
      uid: null,
      experiment: { name: experiment, deleted: false, tags: {} },
      name: run.name === '.' ? experiment : run.name,
      status: 'finished',
      deleted: false,
      startTime: null,
      endTime: null,
      params: {},
      tags: {},
      note: '',
      *points() {
        const pluginByTag = new Map<string, string>();
        for (const file of run.files) {
          const pending: EventItem[] = [];
          const parser = new EventFileParser(file, { pluginByTag });
          parser.setSink((item) => pending.push(item));
          for (const chunk of chunks(file, warn)) {
            parser.framing.feed(chunk);
            yield* drain(pending);
          }
          parser.framing.finish();
          yield* drain(pending);
        }
        function* drain(items: EventItem[]) {
          for (const item of items.splice(0)) {
            if (item.kind === 'scalar') {
              const ms = item.wallTime * 1000;
              first ??= ms;
              last = ms;
              if (Number.isSafeInteger(item.step)) yield { key: item.tag, step: item.step, time: ms, value: item.value };
            } else if (item.kind === 'text') texts.push(`${item.tag} (step ${item.step}): ${item.text}`);
            else if (item.kind === 'hparams') hparams = { ...hparams, ...item.hparams };
            else warn(`${relative(scan.root, item.file) || item.file}: ${item.what} at byte ${item.offset} (record ${item.record}); the points before it were imported`);
          }
        }
      },
      finish: () => ({
        params: Object.fromEntries(Object.entries(hparams).map(([k, v]) => [k, String(v)])),
        note: texts.join('\n'),
        startTime: first,
        endTime: last,
      }),
      artifactsDir: null,
    };
  }
}

function* chunks(file: string, warn: (message: string) => void): Generator<Uint8Array> {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    warn(`${file} could not be read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    return;
  }
  try {
    const buffer = Buffer.alloc(CHUNK);
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK, null);
      if (n === 0) return;
      // The framer may keep a view of the chunk until the next feed: hand it a copy.
      yield buffer.subarray(0, n).slice();
    }
  } finally {
    closeSync(fd);
  }
}
