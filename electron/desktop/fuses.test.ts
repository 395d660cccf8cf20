import { FuseV1Options } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { DESKTOP_FUSES, fuseWires } from './fuses.js';

describe('Electron fuses for the packaged app', () => {
  it('closes the Node entry points and pins the app to its integrity-checked asar', () => {
    expect(DESKTOP_FUSES).toMatchObject({
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
    });
  });

  it('keeps RunAsNode on, because job processes are forked with ELECTRON_RUN_AS_NODE', () => {
    expect(DESKTOP_FUSES.RunAsNode).toBe(true);
  });

  it("maps each setting to @electron/fuses' wire number", () => {
    expect(fuseWires(FuseV1Options as unknown as Record<string, number>)).toEqual({
      [FuseV1Options.RunAsNode]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
    });
    expect(() => fuseWires({})).toThrow('@electron/fuses has no fuse named RunAsNode');
  });
});
