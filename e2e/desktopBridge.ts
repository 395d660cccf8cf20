import type { Page } from '@playwright/test';

/**
 * Makes the page the desktop app, as far as the renderer can tell: a stand-in for the preload's
 * bridge with the same API over HTTP (IPC in the app), and Electron's webUtils.getPathForFile answered from the
 * dropped file's name (`paths`). Loads the page again (same document, `hash`) so it takes effect.
 */
export async function actAsDesktop(
  page: Page,
  serverUrl: string,
  paths: Record<string, string>,
  hash = '#/',
): Promise<void> {
  await page.addInitScript(
    ({ token, paths }) => {
      const call = async (method: string, input: unknown) => {
        const res = await fetch(`/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-benchtop-token': token },
          body: JSON.stringify(input ?? {}),
        });
        const reply = (await res.json()) as { ok: boolean; data?: unknown; error?: string };
        if (!reply.ok) throw new Error(reply.error);
        return reply.data;
      };
      // One stream for every subscriber, as the real HTTP client does: a browser allows six
      // connections per host, and a stream per subscriber would leave calls queued behind them.
      const listeners = new Set<(event: unknown) => void>();
      let source: EventSource | null = null;
      const subscribe = (listener: (event: unknown) => void) => {
        listeners.add(listener);
        source ??= new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
        source.onmessage = (m: MessageEvent<string>) => {
          const event: unknown = JSON.parse(m.data);
          for (const l of [...listeners]) l(event);
        };
        return () => listeners.delete(listener);
      };
      Object.assign(window, {
        benchtop: {
          call,
          subscribe,
          pathForFile: (file: File) => paths[file.name] ?? '',
          save: () => Promise.resolve({ saved: false }),
        },
      });
    },
    { token: new URL(serverUrl).searchParams.get('token') ?? '', paths },
  );
  await page.goto(`${serverUrl.split('?')[0]}${hash}`);
  await page.reload();
}
