import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

// build/afterPack.mjs reads the fuse settings from dist/ (built by `npm run build`, as `npm run dist` does first).
const hookUrl = pathToFileURL(join(import.meta.dirname, '..', '..', 'build', 'afterPack.mjs')).href;
type AfterPack = (context: unknown) => Promise<void>;

async function runHook(electronPlatformName: string, arch: number) {
  const { default: afterPack } = (await import(/* @vite-ignore */ hookUrl)) as {
    default: AfterPack;
  };
  const flipped: Record<string | number, unknown>[] = [];
  const context = {
    electronPlatformName,
    arch,
    packager: {
      addElectronFuses: async (_ctx: unknown, fuses: Record<string | number, unknown>) =>
        void flipped.push(fuses),
    },
  };
  await afterPack(context);
  return flipped;
}

describe('afterPack hook', () => {
  it("flips the fuses through electron-builder's packager, before it signs", async () => {
    const [fuses] = await runHook('linux', 1);
    expect(fuses).toEqual({
      version: FuseVersion.V1,
      resetAdHocDarwinSignature: false,
      [FuseV1Options.RunAsNode]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
    });
  });

  it('re-signs ad hoc on Apple Silicon, where a modified binary would not start', async () => {
    const [fuses] = await runHook('darwin', 3);
    expect(fuses?.resetAdHocDarwinSignature).toBe(true);
  });
});
