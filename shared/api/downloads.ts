import { z } from 'zod';

/** A file made on the serving machine, fetched once by the page from `GET /api/download/<id>`. */
export const PreparedDownload = z.object({
  downloadId: z.string(),
  fileName: z.string(),
  bytes: z.number().int(),
  files: z.number().int(),
});
export type PreparedDownload = z.infer<typeof PreparedDownload>;

/**
 * The file behind a prepared download (backup.prepare, experiments.prepareExport), for the HTTP
 * transport to stream at `GET /api/download/<id>`: taken once, released when sent.
 */
export const DownloadFile = z.object({
  path: z.string(),
  fileName: z.string(),
  bytes: z.number().int(),
});
export type DownloadFile = z.infer<typeof DownloadFile>;

const DownloadId = z.string().min(1, 'a download id is required');

export const downloadsApi = {
  /** The prepared file, no longer offered to anyone else; refused when unknown or already taken. */
  'downloads.take': { input: z.object({ downloadId: DownloadId }), output: DownloadFile },
  /**
   * Removes a taken download's file once it has been sent (or the request went away), and tells
   * the page (`download.done`) whether every byte went out: its "Downloading…" ends either way.
   */
  'downloads.release': {
    input: z.object({ downloadId: DownloadId, complete: z.boolean().default(false) }),
    output: z.object({ released: z.boolean() }),
  },
} as const;

/** A prepared download was sent whole (`complete`) or cut off (the browser cancelled, the page closed). */
export const DownloadDoneEvent = z.object({
  type: z.literal('download.done'),
  downloadId: z.string(),
  complete: z.boolean(),
});
export type DownloadDoneEvent = z.infer<typeof DownloadDoneEvent>;
