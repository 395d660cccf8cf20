import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** `npm run bench`: runs every bench/*.bench.ts in its own process; each prints one JSON line. */
const dir = import.meta.dirname;
const only = process.argv[2];
let failed = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only))).sort()) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(dir, file)], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    failed++;
    console.error(`bench: ${file} exited with ${result.status ?? result.signal}`);
  }
}
process.exitCode = failed ? 1 : 0;
