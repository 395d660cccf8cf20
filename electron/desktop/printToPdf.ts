import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The slice of Electron's BrowserWindow used to print (a fake in tests). */
export interface PdfWindowLike {
  loadFile(path: string): Promise<void>;
  webContents: {
    printToPDF(options: {
      printBackground: boolean;
      pageSize: 'A4';
      margins: { marginType: 'default' };
    }): Promise<Uint8Array>;
  };
  destroy(): void;
}
export type PdfWindowConstructor = new (options: {
  show: boolean;
  webPreferences: {
    sandbox: boolean;
    javascript: boolean;
    contextIsolation: boolean;
    offscreen?: boolean;
  };
}) => PdfWindowLike;

/**
 * Prints a self-contained HTML report to PDF in a hidden, script-less window: the desktop app's
 * PDF needs no Chromium install. The page is a temporary file (a report can be larger than a data: URL).
 */
export async function printHtmlToPdf(Window: PdfWindowConstructor, html: string): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'benchtop-print-'));
  const win = new Window({
    show: false,
    webPreferences: { sandbox: true, javascript: false, contextIsolation: true },
  });
  try {
    const page = join(dir, 'report.html');
    writeFileSync(page, html);
    await win.loadFile(page);
    const pdf = Buffer.from(
      await win.webContents.printToPDF({
        printBackground: true,
        pageSize: 'A4',
        margins: { marginType: 'default' },
      }),
    );
    if (pdf.subarray(0, 5).toString() !== '%PDF-')
      throw new Error('the window did not print a PDF');
    return pdf;
  } finally {
    win.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
