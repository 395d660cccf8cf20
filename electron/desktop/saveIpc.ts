import { SAVE_CHANNEL } from '../../shared/desktopSave.js';
import type { SaveResult } from '../../shared/desktopSave.js';
import type { Reply } from '../../shared/api.js';
import type { IpcMainLike } from '../ipc.js';
import { isUserError, oneLine } from '../core/userError.js';

type SaveReply = { ok: true; data: SaveResult } | Extract<Reply<'runs.list'>, { ok: false }>;

/** Binds the desktop save channel: trusted frames only, replies as envelopes like every method. */
export function bindSave(
  ipcMain: IpcMainLike,
  isTrustedFrame: (url: string) => boolean,
  save: (request: unknown) => Promise<SaveResult>,
  log: (line: string) => void = console.error,
): () => void {
  ipcMain.handle(SAVE_CHANNEL, async (event, request): Promise<SaveReply> => {
    if (!isTrustedFrame(event.senderFrame?.url ?? ''))
      return { ok: false, error: 'this page may not call Benchtop' };
    try {
      return { ok: true, data: await save(request) };
    } catch (e) {
      if (isUserError(e)) return { ok: false, error: e.message };
      log(
        `benchtop: internal error saving a file: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      );
      return { ok: false, error: `internal error: ${oneLine(e)}` };
    }
  });
  return () => ipcMain.removeHandler(SAVE_CHANNEL);
}
