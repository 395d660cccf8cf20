import { rendererDir, type CoreHandle } from '../core/core.js';
import { oneLine } from '../core/userError.js';
import { startServer, type RunningServer, type ServeOptions } from '../server/httpServer.js';

/** Scripts on this machine reach the desktop app here, and only here (never another interface). */
export const LISTEN_HOST = '127.0.0.1';

export interface TrackingListenerStatus {
  listening: boolean;
  /** The port from the tracking settings (where the listener is, or where it tried to be). */
  port: number;
  /** One line saying why it is not listening; null while it listens. */
  error: string | null;
}

export interface TrackingListenerOptions {
  core: CoreHandle;
  /** The HTTP transport; httpServer's startServer unless a test passes another. */
  start?: (options: ServeOptions) => Promise<RunningServer>;
  /** What the listener serves at `/`; the built renderer. */
  staticDir?: string;
  log?: (line: string) => void;
}

export interface TrackingListener {
  status(): TrackingListenerStatus;
  /** Resolves once every start and move asked for so far has been tried. */
  settled(): Promise<void>;
  /** Stops listening and stops following the settings. */
  close(): Promise<void>;
}

/**
 * While the desktop app is open, the MLflow tracking API (and the app's own HTTP API) listens on
 * 127.0.0.1 at the port in the tracking settings, with the tracking token. A port change moves it;
 * a busy port leaves it stopped with one line logged and in `status()`, never a crash.
 */
export function startTrackingListener(options: TrackingListenerOptions): TrackingListener {
  const { core, start = startServer, log = (line) => console.error(line) } = options;
  let server: RunningServer | null = null;
  let current: TrackingListenerStatus = { listening: false, port: 0, error: null };
  let closed = false;
  // Starts, moves and the close run one after another, never interleaved.
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (step: () => Promise<void>): Promise<void> => (queue = queue.then(step, step));

  const stop = async () => {
    const running = server;
    server = null;
    current = { ...current, listening: false };
    await running?.close();
  };

  const listen = async () => {
    await stop();
    if (closed) return;
    let port = current.port;
    try {
      // Both are read afresh on every (re)start: the port may have moved, the token rotated.
      port = (await core.call('tracking.settings', {})).port;
      const { token } = await core.call('tracking.token', {});
      if (closed) return;
      server = await start({
        core,
        port,
        host: LISTEN_HOST,
        token,
        staticDir: options.staticDir ?? rendererDir(),
        log,
      });
      current = { listening: true, port: server.port, error: null };
    } catch (e) {
      // startServer's busy-port message ends in a hint for the CLI's --port; the app has a Settings field instead.
      const error = oneLine(e).replace(/; choose another with --port$/, '');
      current = { listening: false, port, error };
      log(
        `benchtop: scripts cannot log to the desktop app: ${error}; choose another port in Settings`,
      );
    }
  };

  const unsubscribe = core.events.subscribe((event) => {
    if (event.type === 'tracking.settings') void enqueue(listen);
  });
  void enqueue(listen);

  return {
    status: () => ({ ...current }),
    settled: () => queue,
    close: () => {
      closed = true;
      unsubscribe();
      return enqueue(stop);
    },
  };
}
