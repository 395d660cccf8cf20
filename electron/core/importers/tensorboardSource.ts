import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { relative } from 'node:path';
import type { HParams } from './tensorboard/hparams.js';
import { EventFileParser, type EventItem, type ImagePoint } from './tensorboard/eventFile.js';
import { imageExt, type ImportedImage } from './importedImages.js';
import type { LogdirScan } from './tensorboard/logdir.js';
import type { SourceRun } from './writeImportedRuns.js';

const CHUNK = 1 << 20;

/** What a run has shown so far: hparams, text and times arrive spread over its events. */
interface RunState {
  pluginByTag: Map<string, string>;
  hparams: HParams;
  texts: string[];
  /** Tag → images whose bytes are no PNG, JPEG, GIF or WebP, told once per read. */
  notImages: Map<string, number>;
  first: number | null;
  last: number | null;
}
/** How far a file has been read; the parser keeps a record cut at the end of the file until the rest arrives. */
interface FileState {
  offset: number;
  parser: EventFileParser;
  pending: EventItem[];
}

/**
 * Where each event file of a logdir was read up to. An import reads every file once, to the end
 * (`final`: a record cut short at the end of a file is damage). A follow keeps one tail across
 * rounds and each round reads only the bytes written since; a record cut short there is one
 * still being written. A file that shrank was truncated or rewritten: read again from its start.
 */
export class TensorboardTail {
  private readonly runs = new Map<string, RunState>();
  private readonly files = new Map<string, FileState>();
  constructor(readonly final: boolean) {}

  runState(name: string): RunState {
    let state = this.runs.get(name);
    if (!state)
      this.runs.set(
        name,
        (state = {
          pluginByTag: new Map(),
          hparams: {},
          texts: [],
          notImages: new Map(),
          first: null,
          last: null,
        }),
      );
    return state;
  }

  fileState(file: string, run: RunState, size: number, warn: (message: string) => void): FileState {
    let state = this.files.get(file);
    if (state && size < state.offset) {
      warn(
        `${file} shrank from ${state.offset} to ${size} bytes (truncated or rewritten): reading it again from the start`,
      );
      state = undefined;
    }
    if (!state) {
      const pending: EventItem[] = [];
      const parser = new EventFileParser(file, { pluginByTag: run.pluginByTag });
      parser.setSink((item) => pending.push(item));
      this.files.set(file, (state = { offset: 0, parser, pending }));
    }
    return state;
  }
}

/**
 * A logdir's runs as sources: each folder of event files is a run named by its path relative
 * to the logdir, as TensorBoard names it. Files are read in chunks (bounded memory); damage
 * becomes a warning naming the file, byte offset and record, with everything before it kept.
 */
export function* tensorboardSourceRuns(
  scan: LogdirScan,
  experiment: string,
  warn: (message: string) => void,
  tail = new TensorboardTail(true),
): Generator<SourceRun> {
  for (const run of scan.runs) {
    const state = tail.runState(run.name);
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
        for (const file of run.files) {
          const fd = open(file, warn);
          if (fd === null) continue;
          try {
            const f = tail.fileState(file, state, fstatSync(fd).size, warn);
            for (const chunk of chunksFrom(fd, f)) {
              f.parser.framing.feed(chunk);
              yield* drain(f.pending);
            }
            if (tail.final) f.parser.framing.finish();
            yield* drain(f.pending);
          } finally {
            closeSync(fd);
          }
        }
        for (const [tag, n] of state.notImages)
          warn(
            `${run.name}: ${n === 1 ? 'an image' : `${n} images`} of ${JSON.stringify(tag)} ${n === 1 ? 'is' : 'are'} not PNG, JPEG, GIF or WebP: left out`,
          );
        state.notImages.clear();
        function* drain(items: EventItem[]) {
          for (const item of items.splice(0)) {
            if (item.kind === 'scalar') {
              const ms = item.wallTime * 1000;
              state.first ??= ms;
              state.last = ms;
              if (Number.isSafeInteger(item.step))
                yield { key: item.tag, step: item.step, time: ms, value: item.value };
            } else if (item.kind === 'image') yield* images(item);
            else if (item.kind === 'text')
              state.texts.push(`${item.tag} (step ${item.step}): ${item.text}`);
            else if (item.kind === 'hparams') state.hparams = { ...state.hparams, ...item.hparams };
            else
              warn(
                `${relative(scan.root, item.file) || item.file}: ${item.what} at byte ${item.offset} (record ${item.record}); the points before it were imported`,
              );
          }
        }
        /** A summary's samples, named as log_image would: the first under the tag, the next ones under `tag/1`, `tag/2`… */
        function* images(item: ImagePoint): Generator<ImportedImage> {
          if (!Number.isSafeInteger(item.step)) return;
          const time = item.wallTime * 1000;
          for (const [i, bytes] of item.samples.entries()) {
            const ext = imageExt(bytes);
            if (ext === null) {
              state.notImages.set(item.tag, (state.notImages.get(item.tag) ?? 0) + 1);
              continue;
            }
            const key = i === 0 ? item.tag : `${item.tag}/${i}`;
            yield { kind: 'image', key, step: item.step, time, id: `tb${i}`, ext, bytes };
          }
        }
      },
      finish: () => ({
        params: Object.fromEntries(Object.entries(state.hparams).map(([k, v]) => [k, String(v)])),
        note: state.texts.join('\n'),
        startTime: state.first,
        endTime: state.last,
      }),
      artifactsDir: null,
    };
  }
}

function open(file: string, warn: (message: string) => void): number | null {
  try {
    return openSync(file, 'r');
  } catch (e) {
    warn(`${file} could not be read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    return null;
  }
}

/** The bytes past what was read before, in chunks; the file's offset moves as they are handed out. */
function* chunksFrom(fd: number, f: FileState): Generator<Uint8Array> {
  const buffer = Buffer.alloc(CHUNK);
  for (;;) {
    const n = readSync(fd, buffer, 0, CHUNK, f.offset);
    if (n === 0) return;
    f.offset += n;
    // The framer may keep a view of the chunk until the next feed: hand it a copy.
    yield buffer.subarray(0, n).slice();
  }
}
