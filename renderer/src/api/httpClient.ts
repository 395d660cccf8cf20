import {
  ApiEvent,
  type BenchtopClient,
  type Method,
  type Output,
  type Reply,
} from '../../../shared/api.js';
import { BINARY_CONTENT_TYPE, decodeBinaryReply } from '../../../shared/binaryReply.js';
import { parseKeepingNonFinite } from '../../../shared/nonFiniteJson.js';
import { tokenQuery } from './tokenQuery.js';

/**
 * Browser mode: calls go to `POST /api/<method>` (with the token when the page has it, else under
 * the session cookie); events arrive by SSE.
 * Every subscriber shares one EventSource: a connection per subscriber would lose the events sent
 * while it connects (a backup's progress, started in the same click) and use up the browser's six
 * connections per host, leaving calls waiting behind open streams.
 */
/** EventSource.CLOSED (the constant, so this module also loads where EventSource is absent). */
const CLOSED = 2;

export function createHttpClient(
  token: string,
  base = '',
  openStream: (url: string) => EventSource = (url) => new EventSource(url),
): BenchtopClient {
  const listeners = new Set<(event: ApiEvent) => void>();
  let source: EventSource | null = null;
  return {
    async call<M extends Method>(method: M, input: unknown): Promise<Output<M>> {
      const res = await fetch(`${base}/api/${method}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { 'x-benchtop-token': token } : {}),
        },
        body: JSON.stringify(input ?? {}),
      });
      // A binary answer (shared/binaryReply.ts) comes only with success; refusals stay JSON.
      if (res.ok && res.headers.get('content-type') === BINARY_CONTENT_TYPE)
        return decodeBinaryReply(await res.arrayBuffer()) as Output<M>;
      // NaN and ±Infinity arrive marked (nonFiniteJson.ts): plain res.json() would leave them strings.
      const reply = (await res
        .text()
        .then(parseKeepingNonFinite)
        .catch(() => null)) as Reply<M> | null;
      if (!reply) throw new Error(`the server answered ${res.status} without a reply`);
      if (!reply.ok) throw new Error(reply.error);
      return reply.data;
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!source) {
        source = openStream(`${base}/api/events${tokenQuery(token)}`);
        const stream = source;
        stream.onmessage = (message: MessageEvent<string>) => {
          const parsed = ApiEvent.safeParse(parseKeepingNonFinite(message.data));
          if (!parsed.success) return;
          for (const l of [...listeners]) {
            try {
              l(parsed.data);
            } catch (e) {
              // One failing listener must not cost the others the event; its error still surfaces.
              queueMicrotask(() => {
                throw e;
              });
            }
          }
        };
        // The browser reconnects a dropped stream itself; one it gave up on (closed) is opened
        // again by the next subscriber.
        stream.onerror = () => {
          if (stream.readyState === CLOSED && source === stream) source = null;
        };
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          source?.close();
          source = null;
        }
      };
    },
  };
}
