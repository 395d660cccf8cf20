/**
 * TensorBoard event files, read without TensorFlow: logdir walking, TFRecord framing with
 * checksums, and just enough of the Event protos for scalars, text and hparams.
 */
export { crc32c, maskCrc, maskedCrc32c } from './crc32c.js';
export {
  DEFAULT_CHUNK_BYTES,
  DEFAULT_MAX_RECORD_BYTES,
  TfRecordFramer,
  readTfRecords,
  type ByteInput,
  type FramingOptions,
  type TfProblem,
  type TfRecord,
} from './tfRecordReader.js';
export {
  decodeEvent,
  type DecodedEvent,
  type EventKind,
  type SummaryValue,
} from './eventDecoder.js';
export { SESSION_START_INFO_TAG, type HParamValue, type HParams } from './hparams.js';
export {
  EventFileParser,
  MAX_KEPT_PROBLEMS,
  eventItems,
  parseEventBytes,
  readEventFile,
  type EventFileData,
  type EventFileOptions,
  type EventFileSummary,
  type EventItem,
  type HParamsItem,
  type ImagePoint,
  type ScalarKind,
  type ScalarPoint,
  type TextPoint,
} from './eventFile.js';
export {
  isEventFileName,
  scanLogdir,
  type LogdirProblem,
  type LogdirRun,
  type LogdirScan,
} from './logdir.js';
