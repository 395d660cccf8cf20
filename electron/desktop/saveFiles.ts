import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { backupFileName, experimentsFileName } from '../../shared/archiveNames.js';
import { SaveRequest, type SaveResult } from '../../shared/desktopSave.js';
import { writeOutput, type CoreHandle } from '../core/core.js';
import { UserError } from '../core/userError.js';

export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface SaveDeps {
  core: Pick<CoreHandle, 'call'>;
  /** The save dialog: the chosen path, or null when cancelled. */
  pickSavePath(defaultName: string, filters: FileFilter[]): Promise<string | null>;
  /** Prints self-contained HTML to PDF (Electron's webContents.printToPDF in a hidden window). */
  printToPdf(html: string): Promise<Buffer>;
}

const ARCHIVE: FileFilter[] = [{ name: 'Benchtop archive', extensions: ['gz'] }];
const filterFor = (fileName: string): FileFilter[] => {
  const ext = /\.([a-z]+)$/.exec(fileName)?.[1];
  return ext ? [{ name: ext.toUpperCase(), extensions: [ext] }] : [];
};
const cancelled: SaveResult = { saved: false, path: null, bytes: 0 };

/**
 * The desktop app's "save as": render (or archive) through the core, ask where, write there.
 * A PDF is printed by Electron from the report's HTML, so it needs no Chromium install.
 */
export function createSaver({ core, pickSavePath, printToPdf }: SaveDeps) {
  return async (raw: unknown): Promise<SaveResult> => {
    const parsed = SaveRequest.safeParse(raw);
    if (!parsed.success)
      throw new UserError(`save: ${parsed.error.issues[0]?.message ?? 'invalid request'}`);
    const request = parsed.data;
    if (request.kind === 'report') {
      const pdf = request.request.format === 'pdf';
      const report = await core.call(
        'reports.render',
        pdf ? { ...request.request, format: 'html' } : request.request,
      );
      const fileName = pdf ? report.fileName.replace(/\.html$/, '.pdf') : report.fileName;
      const path = await pickSavePath(fileName, filterFor(fileName));
      if (!path) return cancelled;
      const bytes = pdf
        ? await printToPdf(report.content)
        : report.encoding === 'base64'
          ? Buffer.from(report.content, 'base64')
          : report.content;
      writeOutput(path, bytes);
      return { saved: true, path, bytes: statSync(path).size };
    }
    if (request.kind === 'backup') {
      const path = await pickSavePath(backupFileName(), ARCHIVE);
      if (!path) return cancelled;
      const result = await core.call('backup.create', {
        out: path,
        progressId: request.progressId,
      });
      return { saved: true, path: result.path, bytes: result.bytes };
    }
    if (request.kind === 'artifact') {
      // Resolved (and refused when outside the run) before the dialog opens.
      const found = await core.call('artifacts.file', { runId: request.runId, path: request.path });
      const path = await pickSavePath(found.fileName, filterFor(found.fileName));
      if (!path) return cancelled;
      await pipeline(createReadStream(found.file), createWriteStream(path));
      return { saved: true, path, bytes: statSync(path).size };
    }
    const path = await pickSavePath(experimentsFileName(request.experiments), ARCHIVE);
    if (!path) return cancelled;
    const result = await core.call('experiments.exportTo', {
      experiments: request.experiments,
      out: path,
      progressId: request.progressId,
    });
    return { saved: true, path: result.path, bytes: result.bytes };
  };
}
export type Saver = ReturnType<typeof createSaver>;
