// electron-builder afterPack hook: flips Electron's fuses in the packaged binary, before signing.
// The settings (and why RunAsNode stays on) are in electron/desktop/fuses.ts, built to dist/ by
// `npm run build`, which `npm run dist` runs first.
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { DESKTOP_FUSES, fuseWires } from '../dist/electron/desktop/fuses.js';

const ARM64 = 3; // electron-builder's Arch.arm64

export default async function afterPack(context) {
  const macArm = context.electronPlatformName === 'darwin' && context.arch === ARM64;
  await context.packager.addElectronFuses(context, {
    version: FuseVersion.V1,
    // Flipping fuses breaks the ad-hoc signature Apple Silicon needs; signing follows this hook.
    resetAdHocDarwinSignature: macArm,
    ...fuseWires(FuseV1Options),
  });
  console.log(
    `  • fuses flipped  ${Object.entries(DESKTOP_FUSES)
      .map(([k, v]) => `${k}=${v ? 'on' : 'off'}`)
      .join(' ')}`,
  );
}
