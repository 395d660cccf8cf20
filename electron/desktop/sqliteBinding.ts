import { join } from 'node:path';

/** Where the packaged app keeps better-sqlite3 built for Electron (build/electron-builder.yml extraResources). */
export const PACKAGED_BINDING = join('native', 'better_sqlite3.node');

/**
 * The better-sqlite3 binary built for Electron's ABI, passed to better-sqlite3 as `nativeBinding` so
 * node_modules keeps the Node build that tests, the CLI and `benchtop serve` load. `npm start` names
 * it in BENCHTOP_SQLITE_BINDING; a packaged app carries it in its resources folder.
 */
export function sqliteBinding(o: {
  env: NodeJS.ProcessEnv;
  packaged: boolean;
  resourcesPath: string;
}): string | undefined {
  if (o.env.BENCHTOP_SQLITE_BINDING) return o.env.BENCHTOP_SQLITE_BINDING;
  return o.packaged ? join(o.resourcesPath, PACKAGED_BINDING) : undefined;
}
