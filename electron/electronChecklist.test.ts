import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The parts of Electron's security checklist that live in how main.ts wires things (it cannot run
 * here: Electron's binary is not installed), checked on the shipped sources. window.ts, ipc.ts and
 * appProtocol.ts have behavioural tests with fakes; electronegativity (npm run lint:electron) runs too.
 */
const here = import.meta.dirname;
const read = (file: string) => readFileSync(join(here, file), 'utf8');
const shipped = (dir: string): string[] =>
  readdirSync(join(here, '..', dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => join(dir, f));

/** Code compared as tokens: whitespace and trailing commas (a formatter's choices) dropped. */
const tokens = (code: string) => code.replace(/,(\s*[)\]}])/g, '$1').replace(/\s+/g, '');

describe('Electron checklist in the wiring', () => {
  const main = read('main.ts');
  const wires = (code: string) => expect(tokens(main)).toContain(tokens(code));

  it('every IPC handler checks the sender frame, and main gives each binding the app:// check', () => {
    const handlers = shipped('electron').filter((f) =>
      /ipcMain\.handle\(/.test(readFileSync(join(here, '..', f), 'utf8')),
    );
    expect(handlers.sort()).toEqual(['electron/desktop/saveIpc.ts', 'electron/ipc.ts']);
    for (const f of handlers)
      expect(readFileSync(join(here, '..', f), 'utf8'), f).toMatch(
        /isTrustedFrame\(\s*(event\.senderFrame|from)/,
      );
    const bindings = main.match(/\bbind(Ipc|Save)\(/g) ?? [];
    expect(bindings.length).toBe(2);
    expect(main.match(/^\s*isAppUrl,$/gm) ?? []).toHaveLength(bindings.length);
    expect(main).not.toMatch(/ipcMain\.(on|handle)\(/);
  });

  it('loads the renderer from app:// through a confined handler, never from file://', () => {
    wires(
      'protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }])',
    );
    wires('protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir()))');
    wires('url: APP_INDEX_URL');
    expect(main).not.toMatch(/pathToFileURL|loadFile\(/);
    expect(read('window.ts')).not.toContain('loadFile(');
  });

  it('sandboxes every renderer and denies every permission request', () => {
    wires('app.enableSandbox();');
    wires('setPermissionRequestHandler((_wc, _permission, callback) => callback(false))');
  });

  it('never opens external URLs, and exposes no raw ipcRenderer to the page', () => {
    for (const f of [...shipped('electron'), ...shipped('renderer/src')]) {
      expect(readFileSync(join(here, '..', f), 'utf8'), f).not.toMatch(/openExternal/);
    }
    const preload = read('preload.ts');
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).toMatch(/exposeInMainWorld\(\s*'benchtop',\s*buildBridge\(ipcRenderer,/);
  });
});
