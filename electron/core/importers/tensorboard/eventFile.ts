import { decodeEvent, type DecodedEvent, type SummaryValue } from './eventDecoder.js';
import { SESSION_START_INFO_TAG, decodeSessionStartHParams, type HParams } from './hparams.js';
import type {
  EventFileOptions,
  EventFileSummary,
  EventItem,
  ScalarKind,
  ScalarPoint,
  TextPoint,
} from './eventTypes.js';
import { DT_DOUBLE, DT_STRING, tensorScalar, tensorText } from './tensorProto.js';
import {
  TfRecordFramer,
  pumpChunks,
  type ByteInput,
  type TfProblem,
  type TfRecord,
} from './tfRecordReader.js';

export type * from './eventTypes.js';

export const MAX_KEPT_PROBLEMS = 100;

/**
 * Turns records into items and counts. Synchronous: a chunk's records are decoded in one go.
 * A record that frames and checksums fine but does not decode as an Event is a problem too.
 */
export class EventFileParser {
  private readonly framer: TfRecordFramer;
  private readonly pluginByTag: Map<string, string>;
  private readonly eventsByKind = new Map<string, number>();
  private readonly otherTags = new Map<string, number>();
  private readonly scalarKinds = new Map<string, ScalarKind>();
  private emit: (item: EventItem) => void = () => {};
  private readonly s: EventFileSummary;

  constructor(file: string, options: EventFileOptions = {}) {
    this.pluginByTag = options.pluginByTag ?? new Map();
    this.framer = new TfRecordFramer(
      file,
      { record: (r) => this.onRecord(r), problem: (p) => this.onProblem(p) },
      options,
    );
    this.s = {
      file,
      bytes: 0,
      records: 0,
      fileVersion: null,
      eventsByKind: {},
      scalarPoints: 0,
      textPoints: 0,
      graphDefs: 0,
      images: 0,
      histograms: 0,
      audio: 0,
      otherTags: {},
      scalarKinds: {},
      hparams: null,
      problems: [],
      problemCount: 0,
    };
  }

  get framing(): TfRecordFramer {
    return this.framer;
  }

  /** Items found while framing go to `emit` (set before feeding). */
  setSink(emit: (item: EventItem) => void): void {
    this.emit = emit;
  }

  summary(): EventFileSummary {
    return {
      ...this.s,
      bytes: this.framer.offset,
      eventsByKind: Object.fromEntries(this.eventsByKind),
      otherTags: Object.fromEntries(this.otherTags),
      scalarKinds: Object.fromEntries(this.scalarKinds),
      problems: [...this.s.problems],
    };
  }

  private onProblem(p: TfProblem): void {
    this.s.problemCount++;
    if (this.s.problems.length < MAX_KEPT_PROBLEMS) this.s.problems.push(p);
    this.emit(p);
  }

  private onRecord(r: TfRecord): void {
    this.s.records++;
    let event: DecodedEvent;
    try {
      event = decodeEvent(r.data);
    } catch (e) {
      this.recordProblem(r, `the record is not a readable Event (${message(e)})`);
      return;
    }
    bump(this.eventsByKind, event.kind);
    if (event.kind === 'file_version') this.s.fileVersion ??= event.fileVersion;
    else if (event.kind === 'graph_def') this.s.graphDefs++;
    for (const v of event.values) this.onValue(event, v, r);
  }

  private recordProblem(r: TfRecord, what: string): void {
    this.onProblem({
      kind: 'problem',
      file: this.framer.file,
      offset: r.offset,
      record: r.index,
      what,
    });
  }

  private onValue(event: DecodedEvent, v: SummaryValue, r: TfRecord): void {
    const { step, wallTime } = event;
    const tag = v.tag;
    let plugin = this.pluginByTag.get(tag);
    if (plugin === undefined && v.pluginName !== null) {
      plugin = v.pluginName;
      this.pluginByTag.set(tag, plugin);
    }
    if (v.kind === 'image' && v.image !== null)
      this.emit({ kind: 'image', tag, step, wallTime, samples: [v.image.encoded] });
    else if (v.kind === 'tensor' && v.tensor !== null && plugin === 'images') {
      // tf.summary.image: a string tensor of width, height, then one encoded image per sample.
      const samples = v.tensor.dtype === DT_STRING ? v.tensor.strings.slice(2) : [];
      if (samples.length) this.emit({ kind: 'image', tag, step, wallTime, samples });
    }
    if (v.kind === 'simple_value') {
      this.scalar(tag, step, wallTime, v.simpleValue, 'simple_value');
      return;
    }
    if (v.kind === 'tensor' && v.tensor !== null) {
      if (plugin === 'scalars' || plugin === '' || plugin === undefined) {
        const value = tensorScalar(v.tensor);
        if (value !== undefined) {
          const kind = v.tensor.dtype === DT_DOUBLE ? 'tensor:DT_DOUBLE' : 'tensor:DT_FLOAT';
          this.scalar(tag, step, wallTime, value, kind);
          return;
        }
      } else if (plugin === 'text') {
        const text = tensorText(v.tensor);
        if (text !== undefined) {
          this.s.textPoints++;
          this.emit({ kind: 'text', tag, step, wallTime, text });
          return;
        }
      }
    }
    // Hparams come from the value's own content: each of its summaries carries a different one.
    if (plugin === 'hparams' && tag === SESSION_START_INFO_TAG && v.pluginContent !== null) {
      let hparams: HParams | null = null;
      try {
        hparams = decodeSessionStartHParams(v.pluginContent);
      } catch (e) {
        this.recordProblem(r, `the hparams in this record are not readable (${message(e)})`);
      }
      if (hparams !== null) {
        this.s.hparams = hparams;
        this.emit({ kind: 'hparams', step, wallTime, hparams });
      }
    }
    this.other(v, tag, plugin);
  }

  private scalar(tag: string, step: number, wallTime: number, value: number, kind: ScalarKind) {
    this.s.scalarPoints++;
    if (!this.scalarKinds.has(tag)) this.scalarKinds.set(tag, kind);
    this.emit({ kind: 'scalar', tag, step, wallTime, value });
  }

  private other(v: SummaryValue, tag: string, plugin: string | undefined): void {
    const legacy = v.kind === 'image' || v.kind === 'histo' || v.kind === 'audio';
    const group = legacy ? v.kind : plugin || (v.kind === 'tensor' ? 'tensor' : 'none');
    if (group === 'image' || group === 'images') this.s.images++;
    else if (group === 'histo' || group === 'histograms') this.s.histograms++;
    else if (group === 'audio') this.s.audio++;
    bump(this.otherTags, `${group}:${tag}`);
  }
}

function message(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ');
}

function bump(m: Map<string, number>, key: string): void {
  m.set(key, (m.get(key) ?? 0) + 1);
}

/**
 * Every item of an event file (a path, streamed) or chunk sequence, in file order, in bounded
 * memory; the generator's return value is the file's summary. Never throws for damaged or
 * unreadable input: that arrives as problem items.
 */
export async function* eventItems(
  input: ByteInput,
  options: EventFileOptions = {},
): AsyncGenerator<EventItem, EventFileSummary> {
  const parser = new EventFileParser(fileName(input, options), options);
  const out: EventItem[] = [];
  parser.setSink((item) => out.push(item));
  for await (const _ of pumpChunks(input, parser.framing, options.chunkBytes)) {
    yield* out.splice(0);
  }
  yield* out.splice(0);
  return parser.summary();
}

export interface EventFileData extends EventFileSummary {
  /** Filled only when no `onItem` callback was given. */
  scalars: ScalarPoint[];
  texts: TextPoint[];
}

/**
 * Reads a whole event file. With `onItem`, each item goes to the callback as it is found and
 * nothing is collected (bounded memory); without it, scalar and text points are collected into
 * the result. Never throws for damaged or unreadable input.
 */
export async function readEventFile(
  input: ByteInput,
  onItem?: (item: EventItem) => void,
  options: EventFileOptions = {},
): Promise<EventFileData> {
  const parser = new EventFileParser(fileName(input, options), options);
  const scalars: ScalarPoint[] = [];
  const texts: TextPoint[] = [];
  parser.setSink(
    onItem ??
      ((item) => {
        if (item.kind === 'scalar') scalars.push(item);
        else if (item.kind === 'text') texts.push(item);
      }),
  );
  for await (const _ of pumpChunks(input, parser.framing, options.chunkBytes)) {
    // Items were handed to the sink while the chunk was framed.
  }
  return { ...parser.summary(), scalars, texts };
}

/** The same as readEventFile for bytes already in memory, synchronously. */
export function parseEventBytes(
  bytes: Uint8Array,
  options: EventFileOptions = {},
): EventFileData & { items: EventItem[] } {
  const parser = new EventFileParser(options.file ?? '<bytes>', options);
  const items: EventItem[] = [];
  parser.setSink((item) => items.push(item));
  parser.framing.feed(bytes);
  parser.framing.finish();
  const scalars = items.filter((i): i is ScalarPoint => i.kind === 'scalar');
  const texts = items.filter((i): i is TextPoint => i.kind === 'text');
  return { ...parser.summary(), scalars, texts, items };
}

function fileName(input: ByteInput, options: EventFileOptions): string {
  return options.file ?? (typeof input === 'string' ? input : '<bytes>');
}
