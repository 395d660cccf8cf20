import { statSync } from 'node:fs';
import type { Output, ParsedInput } from '../../../shared/api.js';
import type { EventBus } from '../eventBus.js';
import { NotFound } from '../userError.js';
import type { Download, Downloads } from './downloads.js';

type DownloadMethod = 'downloads.take' | 'downloads.release';
type DownloadHandlers = { [M in DownloadMethod]: (input: ParsedInput<M>) => Output<M> };

/** The file behind a prepared download, for the HTTP transport to stream once and then release. */
export function createDownloadHandlers(
  downloads: Downloads,
  events: Pick<EventBus, 'emit'>,
): DownloadHandlers {
  const taken = new Map<string, Download>();
  return {
    'downloads.take': ({ downloadId }) => {
      const download = downloads.take(downloadId);
      if (!download) throw new NotFound('no such download (each one can be fetched once)');
      taken.set(downloadId, download);
      return { ...download, bytes: statSync(download.path).size };
    },
    'downloads.release': ({ downloadId, complete }) => {
      const download = taken.get(downloadId);
      if (!download) return { released: false };
      taken.delete(downloadId);
      downloads.discard(download);
      events.emit({ type: 'download.done', downloadId, complete });
      return { released: true };
    },
  };
}
