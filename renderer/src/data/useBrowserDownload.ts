import { useEffect, useState } from 'react';
import type { BenchtopClient } from '../../../shared/api.js';
import { startDownload } from '../lib/startDownload.js';

/** A prepared file the browser is fetching, and when the server has sent it (true: every byte). */
export interface BrowserDownload {
  downloadId: string;
  fileName: string;
  /** What the file holds, e.g. "12 files, 3.4 MB". */
  detail: string;
  done: Promise<boolean>;
}

/**
 * Starts the browser's download of a prepared file, listening for its end first (a small file can
 * be sent before the page would otherwise have subscribed).
 */
export function startBrowserDownload(
  client: Pick<BenchtopClient, 'subscribe'>,
  url: string,
  file: Omit<BrowserDownload, 'done'>,
): BrowserDownload {
  const done = new Promise<boolean>((resolve) => {
    const stop = client.subscribe((e) => {
      if (e.type !== 'download.done' || e.downloadId !== file.downloadId) return;
      stop();
      resolve(e.complete);
    });
  });
  startDownload(url, file.fileName);
  return { ...file, done };
}

/** The line a download shows: "Downloading…" only until the server has sent it. */
export function downloadLine(fileName: string, detail: string, complete: boolean | null): string {
  if (complete === null) return `Downloading ${fileName} (${detail})…`;
  return complete
    ? `Downloaded ${fileName} (${detail}): it is in your browser’s downloads.`
    : `The download of ${fileName} stopped before the end; start it again for a whole file.`;
}

/** `downloadLine` for a download the page started, updated when it ends. */
export function useDownloadLine(download: BrowserDownload | null | undefined): string | null {
  const [ended, setEnded] = useState<{ id: string; complete: boolean } | null>(null);
  useEffect(() => {
    if (!download) return;
    let live = true;
    void download.done.then((complete) => {
      if (live) setEnded({ id: download.downloadId, complete });
    });
    return () => {
      live = false;
    };
  }, [download]);
  if (!download) return null;
  const complete = ended?.id === download.downloadId ? ended.complete : null;
  return downloadLine(download.fileName, download.detail, complete);
}
