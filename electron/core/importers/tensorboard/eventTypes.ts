import type { HParams } from './hparams.js';
import type { FramingOptions, TfProblem } from './tfRecordReader.js';

/** What reading an event file produces: items in file order, and a summary at the end. */

export interface ScalarPoint {
  kind: 'scalar';
  tag: string;
  step: number;
  /** Seconds since the epoch, exactly as the file stores it. */
  wallTime: number;
  /** float32 values widened exactly; NaN and ±Infinity kept. */
  value: number;
}

export interface TextPoint {
  kind: 'text';
  tag: string;
  step: number;
  wallTime: number;
  text: string;
}

/**
 * Images logged for a tag at a step: TF1's `Summary.Image` (one), or TF2's `images` plugin
 * tensor (`[width, height, encoded…]`, one per sample). Bytes are views into the record, not
 * yet checked to be an image.
 */
export interface ImagePoint {
  kind: 'image';
  tag: string;
  step: number;
  wallTime: number;
  samples: Uint8Array[];
}

export interface HParamsItem {
  kind: 'hparams';
  step: number;
  wallTime: number;
  hparams: HParams;
}

/** What an event file yields, in file order. */
export type EventItem = ScalarPoint | TextPoint | ImagePoint | HParamsItem | TfProblem;

/** Where a tag's scalars come from: TF1/Keras `simple_value`, or a TF2 rank-0 tensor. */
export type ScalarKind = 'simple_value' | 'tensor:DT_FLOAT' | 'tensor:DT_DOUBLE';

export interface EventFileSummary {
  file: string;
  /** Bytes read (the whole file unless damage stopped the reading). */
  bytes: number;
  /** Records with good checksums. */
  records: number;
  /** The first `file_version` event's text ("brain.Event:2"), if any. */
  fileVersion: string | null;
  /** Events by the member of their `what` oneof, named as in the proto. */
  eventsByKind: Record<string, number>;
  scalarPoints: number;
  textPoints: number;
  graphDefs: number;
  images: number;
  histograms: number;
  audio: number;
  /** Summary values that are neither scalar nor text points, by `plugin:tag` (or `image:tag`…). */
  otherTags: Record<string, number>;
  scalarKinds: Record<string, ScalarKind>;
  /** The last `_hparams_/session_start_info` hyperparameters seen. */
  hparams: HParams | null;
  /** The first MAX_KEPT_PROBLEMS problems (every one is also handed out as an item). */
  problems: TfProblem[];
  problemCount: number;
}

export interface EventFileOptions extends FramingOptions {
  chunkBytes?: number;
  /** The name problems carry; defaults to the path. */
  file?: string;
  /**
   * Tag → plugin name, first metadata wins. Writers put a tag's metadata only on its first
   * value (TensorBoard relies on this too), so share one map across the files of a run.
   */
  pluginByTag?: Map<string, string>;
}
