import { SAVE_CHANNEL, type SaveResult } from '../shared/desktopSave.js';
import { parseKeepingNonFinite } from '../shared/nonFiniteJson.js';
import {
  ApiEvent,
  channelOf,
  EVENT_CHANNEL,
  isMethod,
  type DesktopBridge,
  type IpcReply,
  type Method,
  type Output,
} from '../shared/api.js';

/** The slice of Electron's ipcRenderer the bridge uses (a fake in tests). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}
export interface WebUtilsLike {
  getPathForFile(file: unknown): string;
}

/**
 * The object the preload exposes as `window.benchtop`: one typed call per contract method and a
 * subscription to validated events — never raw ipcRenderer access.
 */
export function buildBridge(ipc: IpcRendererLike, webUtils: WebUtilsLike): DesktopBridge {
  return {
    async call<M extends Method>(method: M, input: unknown): Promise<Output<M>> {
      if (!isMethod(method)) throw new Error(`no API method ${String(method)}`);
      const reply = (await ipc.invoke(channelOf(method), input)) as IpcReply<M>;
      if (!reply.ok) throw new Error(reply.error);
      if (!('json' in reply)) return reply.data;
      const { json } = reply; // serialised by main's read worker: parsed here, off main's thread
      return parseKeepingNonFinite(
        typeof json === 'string' ? json : new TextDecoder().decode(json),
      ) as Output<M>;
    },
    subscribe(listener) {
      const handler = (_event: unknown, payload: unknown) => {
        const parsed = ApiEvent.safeParse(payload);
        if (parsed.success) listener(parsed.data);
      };
      ipc.on(EVENT_CHANNEL, handler);
      return () => ipc.removeListener(EVENT_CHANNEL, handler);
    },
    pathForFile: (file) => webUtils.getPathForFile(file),
    async save(request) {
      const reply = (await ipc.invoke(SAVE_CHANNEL, request)) as
        { ok: true; data: SaveResult } | { ok: false; error: string };
      if (!reply.ok) throw new Error(reply.error);
      return reply.data;
    },
  } satisfies DesktopBridge;
}
