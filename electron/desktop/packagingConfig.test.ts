import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Configuration } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import { ASSOCIATED_EXTENSIONS } from './openFiles.js';
import { PACKAGED_BINDING } from './sqliteBinding.js';

// electron-builder's own YAML reader and schema check (CommonJS, untyped deep paths).
const require = createRequire(import.meta.url);
const { load } = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as {
  DebugLogger: new (enabled: boolean) => unknown;
};

const ROOT = join(import.meta.dirname, '..', '..');
const config = load(
  readFileSync(join(ROOT, 'build', 'electron-builder.yml'), 'utf8'),
) as Configuration;
const targets = (t: unknown) => (Array.isArray(t) ? t : [t]);

describe('packaging config (build/electron-builder.yml)', () => {
  it("passes electron-builder's schema", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('builds AppImage and deb, dmg, and an NSIS installer', () => {
    expect(targets(config.linux?.target)).toEqual(['AppImage', 'deb']);
    expect(targets(config.mac?.target)).toEqual(['dmg']);
    expect(targets(config.win?.target)).toEqual(['nsis']);
  });

  it('opens the data files the app registers with the OS', () => {
    const exts = targets(config.fileAssociations).map((a: { ext: string }) => `.${a.ext}`);
    expect(exts).toEqual([...ASSOCIATED_EXTENSIONS]);
  });

  it('has a 512×512 PNG icon and the mac entitlements it names', () => {
    const png = readFileSync(join(ROOT, config.icon!));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    expect(existsSync(join(ROOT, config.mac!.entitlements!))).toBe(true);
  });

  it('flips fuses in an afterPack hook, and never rebuilds the checkout’s node_modules', () => {
    expect(config.afterPack).toBe('./build/afterPack.mjs');
    expect(existsSync(join(ROOT, 'build', 'afterPack.mjs'))).toBe(true);
    expect(config.npmRebuild).toBe(false);
    expect(config.extraResources).toEqual([
      { from: '.electron-native/package/better_sqlite3.node', to: PACKAGED_BINDING },
    ]);
  });
});
