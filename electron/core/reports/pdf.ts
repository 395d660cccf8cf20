import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../userError.js';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const TIMEOUT_MS = 120_000;

/** The headless Chromium to print with: $BENCHTOP_CHROMIUM, else the first one installed. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const wanted = env.BENCHTOP_CHROMIUM;
  if (wanted !== undefined) return existsSync(wanted) ? wanted : undefined;
  return CANDIDATES.find((c) => existsSync(c));
}

/** Prints a self-contained HTML report to PDF bytes with headless Chromium (CLI and browser mode). */
export async function htmlToPdf(html: string, chromium = findChromium()): Promise<Buffer> {
  if (!chromium) {
    throw new UserError(
      'PDF needs Chromium (looked for /usr/bin/chromium; set BENCHTOP_CHROMIUM): install it, or use --format html and print from a browser',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'benchtop-pdf-'));
  try {
    const page = join(dir, 'report.html');
    const pdf = join(dir, 'report.pdf');
    writeFileSync(page, html);
    const args = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--no-pdf-header-footer',
      `--user-data-dir=${join(dir, 'profile')}`,
      `--print-to-pdf=${pdf}`,
      page,
    ];
    const stderr = await run(chromium, args);
    const bytes = existsSync(pdf) ? readFileSync(pdf) : Buffer.alloc(0);
    if (bytes.subarray(0, 5).toString() !== '%PDF-') {
      throw new UserError(
        `Chromium did not write a PDF: ${stderr.trim().split('\n').at(-1) ?? 'no message'}`,
      );
    }
    return bytes;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.once(
      'error',
      (e) => (clearTimeout(timer), reject(new UserError(`cannot start ${command}: ${e.message}`))),
    );
    child.once('exit', () => (clearTimeout(timer), resolve(stderr)));
  });
}
