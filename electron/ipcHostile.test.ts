import { describe, expect, it } from 'vitest';
import { api, channelOf, METHODS, type Reply } from '../shared/api.js';
import { openCore } from './core/core.js';
import { isAppUrl } from './desktop/appProtocol.js';
import { bindIpc, type IpcMainLike } from './ipc.js';
import { useTempDirs } from './testing/tempDir.js';

type Handler = Parameters<IpcMainLike['handle']>[1];

/** Every IPC channel, driven as the renderer would drive it, against a real core. */
describe('IPC under hostile calls', () => {
  const tempDir = useTempDirs();
  const setup = () => {
    const handlers = new Map<string, Handler>();
    const logged: string[] = [];
    const core = openCore({ dataDir: tempDir() });
    const unbind = bindIpc(
      { handle: (c, l) => void handlers.set(c, l), removeHandler: (c) => void handlers.delete(c) },
      core,
      isAppUrl,
      () => {},
      (l) => logged.push(l),
    );
    const invoke = (method: string, input: unknown, url = 'app://benchtop/index.html#/runs') =>
      handlers.get(channelOf(method as never))!(
        { senderFrame: { url } } as never,
        input,
      ) as Promise<Reply<never>>;
    return { core, unbind, invoke, logged };
  };

  it('rejects, for every method, a payload that fails its schema, names the method and logs it', async () => {
    const { core, unbind, invoke, logged } = setup();
    let cases = 0;
    try {
      for (const method of METHODS) {
        for (const payload of [
          42,
          'text',
          [],
          true,
          { id: 'seven', name: 7, path: ['x'], runId: -0.5 },
        ]) {
          if (api[method].input.safeParse(payload).success) continue;
          cases++;
          logged.length = 0;
          const reply = await invoke(method, payload);
          expect(reply.ok, method).toBe(false);
          const error = (reply as { error: string }).error;
          expect(error.startsWith(`${method}: `), `${method}: ${error}`).toBe(true);
          expect(logged).toEqual([`benchtop: rejected ${method}: ${error}`]);
        }
      }
      expect(cases).toBeGreaterThanOrEqual(METHODS.length * 4);
    } finally {
      unbind();
      await core.close();
    }
  });

  it('answers no method to a frame that is not the app (a file:// page, a web page, a subframe of another origin) and logs it', async () => {
    const { core, unbind, invoke, logged } = setup();
    try {
      for (const url of [
        'file:///home/me/Downloads/evil.html',
        'https://evil.example/',
        'app://evil/index.html',
        '',
      ]) {
        for (const method of METHODS) {
          const reply = await invoke(method, {}, url);
          expect(reply, `${method} from ${url}`).toEqual({
            ok: false,
            error: 'this page may not call Benchtop',
          });
        }
      }
      expect(logged).toHaveLength(METHODS.length * 4);
      expect(logged[0]).toBe(
        `benchtop: refused ${METHODS[0]} from file:///home/me/Downloads/evil.html`,
      );
      expect(await invoke('datasets.list', {})).toEqual({ ok: true, data: [] });
    } finally {
      unbind();
      await core.close();
    }
  });
});
