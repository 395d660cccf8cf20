import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** `npm run bench`: runs every bench/*.bench.ts in its own process; each prints one JSON line. */
const dir = import.meta.dirname;
const only = process.argv[2]?.toLowerCase();
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
const name = (f: string) => f.slice(0, -'.bench.ts'.length).toLowerCase();
// A bench's whole name picks it alone (`import` is not also `runImport`); otherwise any that contain the words.
const exact = benches.filter((f) => name(f) === only);
const chosen = !only
  ? benches
  : exact.length
    ? exact
    : benches.filter((f) => name(f).includes(only));
if (chosen.length === 0) {
  console.error(
    `bench: no benchmark matches "${process.argv[2]}"; there are: ${benches.map((f) => f.slice(0, -'.bench.ts'.length)).join(', ')}`,
  );
  process.exit(2);
}
let failed = 0;
for (const file of chosen) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(dir, file)], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) {
    failed++;
    console.error(`bench: ${file} exited with ${result.status ?? result.signal}`);
  }
}
process.exitCode = failed ? 1 : 0;
