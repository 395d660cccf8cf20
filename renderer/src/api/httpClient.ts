import { ApiEvent, type BenchtopClient, type Method, type Output, type Reply } from '../../../shared/api.js';

/** Browser mode: calls go to `POST /api/<method>` with the session token; events arrive by SSE. */
export function createHttpClient(token: string, base = ''): BenchtopClient {
  return {
    async call<M extends Method>(method: M, input: unknown): Promise<Output<M>> {
      const res = await fetch(`${base}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-benchtop-token': token },
        body: JSON.stringify(input ?? {}),
      });
      const reply = (await res.json().catch(() => null)) as Reply<M> | null;
      if (!reply) throw new Error(`the server answered ${res.status} without a reply`);
      if (!reply.ok) throw new Error(reply.error);
      return reply.data;
    },
    subscribe(listener) {
      const source = new EventSource(`${base}/api/events?token=${encodeURIComponent(token)}`);
      source.onmessage = (message: MessageEvent<string>) => {
        const parsed = ApiEvent.safeParse(JSON.parse(message.data));
        if (parsed.success) listener(parsed.data);
      };
      return () => source.close();
    },
  };
}
