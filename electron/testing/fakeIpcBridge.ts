import { buildBridge } from '../bridge.js';
import type { CoreHandle } from '../core/core.js';
import { isAppUrl } from '../desktop/appProtocol.js';
import { bindIpc, type IpcMainLike } from '../ipc.js';

type Handler = Parameters<IpcMainLike['handle']>[1];

/**
 * The desktop path without Electron: main's IPC handlers bound to `core`, and the preload's bridge
 * calling them from the app's page. Requests and replies are copied by structured clone, as
 * Electron's IPC copies them; `replies` keeps each reply as main sent it.
 */
export function bridgeOverFakeIpc(core: CoreHandle) {
  const handlers = new Map<string, Handler>();
  const replies: unknown[] = [];
  bindIpc(
    { handle: (c, l) => void handlers.set(c, l), removeHandler: (c) => void handlers.delete(c) },
    core,
    isAppUrl,
    () => {},
    () => {},
  );
  const bridge = buildBridge(
    {
      invoke: async (channel, input) => {
        const reply = await handlers.get(channel)!(
          { senderFrame: { url: 'app://benchtop/index.html' } } as never,
          structuredClone(input),
        );
        replies.push(reply);
        return structuredClone(reply);
      },
      on: () => {},
      removeListener: () => {},
    },
    { getPathForFile: () => '' },
  );
  return { bridge, replies, handlers };
}
