import { z } from 'zod';

/**
 * Looking at a run's artifacts from the run page: a folder listed one level at a time, a typed
 * preview of one file (read in bounded pieces, never whole), and the file to download.
 * Named by the run's id, as every view names runs.
 */

const RunId = z.number().int().positive();
const ArtifactPath = z.string().max(4096, 'the artifact path is too long');

export const ArtifactNode = z.object({
  /** The last segment of the path. */
  name: z.string(),
  /** The path under the run's artifact root, `/` between folders. */
  path: z.string(),
  is_dir: z.boolean(),
  size: z.number().int(),
});
export type ArtifactNode = z.infer<typeof ArtifactNode>;

/** The largest image, SVG or HTML sent whole as a preview; larger ones are downloaded instead. */
export const PREVIEW_MAX_BYTES = 16 * 1024 * 1024;
/** One page of a text or log preview; "load more" asks for the next one. */
export const TEXT_PAGE_BYTES = 64 * 1024;
/** The rows a table preview shows at first, and each further page (`artifacts.tableRows`). */
export const TABLE_PREVIEW_ROWS = 500;
/** The most rows a table preview pages through; the rest is for a download. */
export const TABLE_MAX_ROWS = 10_000;

const Cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const ModelFlavor = z.object({
  name: z.string(),
  /** The flavour's own fields (loader module, library version, …), as text. */
  details: z.record(z.string(), z.string()),
});

export const SignatureColumn = z.object({ name: z.string(), type: z.string() });

export const ArtifactPreview = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('image'),
    /** From the file's bytes (magic number), never from its name. */
    mime: z.enum(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/svg+xml']),
    size: z.number().int(),
    base64: z.string(),
  }),
  z.object({
    kind: z.literal('text'),
    size: z.number().int(),
    offset: z.number().int(),
    /** Where the next page starts; null at the end of the file. */
    next: z.number().int().nullable(),
    text: z.string(),
    /** Why this file is shown as text (a JSON too large to parse, …). */
    note: z.string().nullable(),
  }),
  z.object({
    kind: z.literal('structured'),
    format: z.enum(['json', 'yaml']),
    size: z.number().int(),
    value: z.unknown(),
  }),
  z.object({
    kind: z.literal('table'),
    format: z.enum(['csv', 'tsv', 'parquet']),
    columns: z.array(z.string()),
    rows: z.array(z.array(Cell)),
    /** Rows in the whole file when known (Parquet's footer says), else null. */
    total_rows: z.number().int().nullable(),
    truncated: z.boolean(),
    /** Where `artifacts.tableRows` reads the next page from; null when there is none to show. */
    next: z.number().int().nullable(),
  }),
  z.object({
    kind: z.literal('html'),
    size: z.number().int(),
    html: z.string(),
    /** The page has scripts or handlers: they are shown as markup and never run. */
    scripts_disabled: z.boolean(),
  }),
  z.object({
    kind: z.literal('model'),
    /** The model folder (the MLmodel file's folder). */
    path: z.string(),
    flavors: z.array(ModelFlavor),
    signature: z
      .object({ inputs: z.array(SignatureColumn), outputs: z.array(SignatureColumn) })
      .nullable(),
    requirements: z.array(z.string()),
    conda: z.string().nullable(),
    fields: z.record(z.string(), z.string()),
  }),
  /** Not shown, for safety: the one-line reason says why. */
  z.object({ kind: z.literal('refused'), reason: z.string() }),
  /** Nothing to preview (a folder, a binary file, a format without a reader): download it. */
  z.object({ kind: z.literal('unavailable'), reason: z.string() }),
]);
export type ArtifactPreview = z.infer<typeof ArtifactPreview>;

export const LoggedImageEntry = z.object({
  key: z.string(),
  step: z.number().int(),
  timestamp: z.number(),
  path: z.string(),
  thumb: z.string().nullable(),
});

/** The most images one `artifacts.imageFrames` asks for. */
export const IMAGE_BATCH_MAX_ITEMS = 2000;
/** An image batch stops adding images once it holds this many bytes; the caller asks again for the rest. */
export const IMAGE_BATCH_MAX_BYTES = 8 * 1024 * 1024;

/** Not an image after all, too large, or gone: the one-line reason says which. */
const RefusedImage = z.object({
  kind: z.literal('refused'),
  runId: z.number().int(),
  path: z.string(),
  reason: z.string(),
});

/** An image of `artifacts.imageFrames`: its bytes are `bytes.subarray(offset, offset + length)`. */
export const FrameImage = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('image'),
    runId: z.number().int(),
    path: z.string(),
    mime: z.enum(['image/png', 'image/jpeg', 'image/gif', 'image/webp']),
    offset: z.number().int().nonnegative(),
    length: z.number().int().nonnegative(),
  }),
  RefusedImage,
]);
export type FrameImage = z.infer<typeof FrameImage>;

/** The run page's artifact methods; part of artifactsApi (shared/api/artifacts.ts). */
export const artifactViewMethods = {
  /** Images each run logged per step (MLflow's log_image with a key), for comparing across runs. */
  'artifacts.images': {
    input: z.object({ runIds: z.array(RunId).max(200, "compare at most 200 runs' images") }),
    output: z.object({
      runs: z.array(z.object({ runId: z.number().int(), images: z.array(LoggedImageEntry) })),
    }),
  },
  /**
   * Many runs' images in one request (a step of the compare view's slider and the steps around
   * it), their bytes in one binary block: IPC carries it as it is; HTTP sends the answer as one
   * binary body (shared/binaryReply.ts). Answers the items in the order asked, as many as fit
   * IMAGE_BATCH_MAX_BYTES (at least one); `rest` says how many were left for another request;
   * an item that cannot be shown is refused on its own in one line.
   */
  'artifacts.imageFrames': {
    input: z.object({
      items: z
        .array(z.object({ runId: RunId, path: ArtifactPath }))
        .max(IMAGE_BATCH_MAX_ITEMS, `ask for at most ${IMAGE_BATCH_MAX_ITEMS} images at once`),
    }),
    output: z.object({
      images: z.array(FrameImage),
      rest: z.number().int(),
      bytes: z.instanceof(Uint8Array),
    }),
  },
  /**
   * The next page of a table preview (TABLE_PREVIEW_ROWS rows), from the `next` of the page
   * before; `row` is the index of the page's first row, so pages stop at TABLE_MAX_ROWS.
   */
  'artifacts.tableRows': {
    input: z.object({
      runId: RunId,
      path: ArtifactPath,
      cursor: z.number().int().nonnegative(),
      row: z
        .number()
        .int()
        .nonnegative()
        .max(
          TABLE_MAX_ROWS - 1,
          `a table preview shows at most the first ${TABLE_MAX_ROWS.toLocaleString('en-US')} rows: download the file for the rest`,
        ),
    }),
    output: z.object({ rows: z.array(z.array(Cell)), next: z.number().int().nullable() }),
  },
  /** One folder of a run's artifacts (the root when `path` is empty), folders first. */
  'artifacts.browse': {
    input: z.object({ runId: RunId, path: ArtifactPath.default('') }),
    output: z.object({ entries: z.array(ArtifactNode) }),
  },
  /** A typed preview of one artifact; `offset` pages through text. */
  'artifacts.preview': {
    input: z.object({
      runId: RunId,
      path: ArtifactPath,
      offset: z.number().int().nonnegative().default(0),
    }),
    output: ArtifactPreview,
  },
  /** The file behind an artifact, for a transport to stream (a download, a desktop save). */
  'artifacts.file': {
    input: z.object({ runId: RunId, path: ArtifactPath }),
    output: z.object({ file: z.string(), fileName: z.string(), size: z.number().int() }),
  },
} as const;
