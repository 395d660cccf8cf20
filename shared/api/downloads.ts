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
  /** Removes a taken download's file once it has been sent (or the request went away). */
  'downloads.release': {
    input: z.object({ downloadId: DownloadId }),
    output: z.object({ released: z.boolean() }),
  },
} as const;
