import type { IpcMainInvokeEvent } from 'electron';
import {
  channelOf,
  EVENT_CHANNEL,
  METHODS,
  type ApiEvent,
  type IpcReply,
  type Method,
} from '../shared/api.js';
import type { CoreHandle } from './core/core.js';
import { InvalidInput, isUserError, oneLine } from './core/userError.js';

export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
}

/**
 * Binds every contract method to its IPC channel. Inputs are validated by core.call; only frames
 * the app itself loaded may call. Replies are envelopes so the page sees the plain message.
 */
export function bindIpc(
  ipcMain: IpcMainLike,
  core: Pick<CoreHandle, 'call' | 'callJson' | 'answersAsJson' | 'events'>,
  isTrustedFrame: (url: string) => boolean,
  broadcast: (channel: string, event: ApiEvent) => void,
  log: (line: string) => void = console.error,
): () => void {
  for (const method of METHODS) {
    ipcMain.handle(channelOf(method), async (event, input): Promise<IpcReply<Method>> => {
      const from = event.senderFrame?.url ?? '';
      if (!isTrustedFrame(from)) {
        log(`benchtop: refused ${method} from ${from || 'an unknown frame'}`);
        return { ok: false, error: 'this page may not call Benchtop' };
      }
      try {
        // The explorer's whole-table reads come as JSON from the read worker: main passes it on unparsed.
        if (core.callJson && core.answersAsJson?.(method))
          return { ok: true, json: await core.callJson(method, input) };
        return { ok: true, data: await core.call(method, input) };
      } catch (e) {
        if (e instanceof InvalidInput) log(`benchtop: rejected ${method}: ${e.message}`);
        if (isUserError(e)) return { ok: false, error: e.message };
        log(
          `benchtop: internal error in ${method}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
        );
        return { ok: false, error: `internal error: ${oneLine(e)}` };
      }
    });
  }
  const unsubscribe = core.events.subscribe((event) => broadcast(EVENT_CHANNEL, event));
  return () => {
    unsubscribe();
    for (const method of METHODS) ipcMain.removeHandler(channelOf(method));
  };
}
