import type { FuseV1Options } from '@electron/fuses';

/**
 * Electron fuses flipped into the packaged binary by build/afterPack.mjs (they cannot be changed at
 * run time). Kept here, typed and unit-tested, rather than inline in the hook.
 */
export const DESKTOP_FUSES = {
  /*
   * ON, deliberately. Job processes (training, imports, drift) are started with child_process.fork,
   * which inside Electron runs the Electron binary with ELECTRON_RUN_AS_NODE=1; with this fuse off
   * every job would fail. Moving jobs to Electron's utilityProcess would let it go off, but needs a
   * second worker transport that cannot be run on the machines this is built on. The cost of ON:
   * anyone able to execute Benchtop's binary can use it as a Node interpreter (they could run code
   * anyway); Benchtop holds no special entitlements for that to borrow. See README "Desktop app".
   */
  RunAsNode: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
} as const satisfies Partial<Record<keyof typeof FuseV1Options, boolean>>;

/** The fuse settings keyed by @electron/fuses' numeric option ids, as flipFuses takes them. */
export function fuseWires(options: Record<string, string | number>): Record<number, boolean> {
  return Object.fromEntries(
    Object.entries(DESKTOP_FUSES).map(([name, on]) => {
      const wire = options[name];
      if (typeof wire !== 'number') throw new Error(`@electron/fuses has no fuse named ${name}`);
      return [wire, on];
    }),
  );
}
