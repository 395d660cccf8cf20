import type { BenchtopClient, DesktopBridge } from '../../../shared/api.js';
import { createHttpClient } from './httpClient.js';
import { tokenQuery } from './tokenQuery.js';

declare global {
  interface Window {
    /** Set by the desktop app's preload; absent in browser mode. */
    benchtop?: DesktopBridge;
  }
}

export interface Connection {
  client: BenchtopClient;
  /** In the desktop app, the path of a dropped file; in the browser, null (the bytes are uploaded). */
  pathForFile: ((file: File) => string) | null;
  /** Desktop: a save dialog, then main writes the file. Browser: null (files are downloaded). */
  save: DesktopBridge['save'] | null;
  /** Browser: where to fetch a prepared download (`GET /api/download/<id>` with the token). */
  downloadUrl: (downloadId: string) => string;
  /** Browser: where to fetch one of a run's artifacts as an attachment (`GET /api/artifact`). */
  artifactUrl: (runId: number, path: string) => string;
}

/** Picks the transport once at start-up: the preload's IPC bridge, else HTTP with the URL's token. */
export function connect(): Connection {
  if (window.benchtop) {
    const bridge = window.benchtop;
    return {
      client: bridge,
      pathForFile: (file) => bridge.pathForFile(file),
      save: (request) => bridge.save(request),
      downloadUrl: () => {
        throw new Error('the desktop app saves files with a dialog');
      },
      artifactUrl: () => {
        throw new Error('the desktop app saves files with a dialog');
      },
    };
  }
  // The token arrives once in the address (`?token=`, as `benchtop serve` prints it); the page's
  // response set this server's HttpOnly session cookie, which carries every later request and
  // reload. The token itself is kept in memory for this page only (a browser that refuses the
  // cookie still works until a reload) and never stored where scripts or history keep it.
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token') ?? '';
  if (url.searchParams.has('token')) {
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
  }
  return {
    client: createHttpClient(token),
    pathForFile: null,
    save: null,
    downloadUrl: (id) => `/api/download/${encodeURIComponent(id)}${tokenQuery(token)}`,
    artifactUrl: (runId, path) =>
      `/api/artifact?${new URLSearchParams({ run: String(runId), path, ...(token ? { token } : {}) }).toString()}`,
  };
}
