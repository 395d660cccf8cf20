#!/usr/bin/env node
// The `benchtop` command: runs the CLI bundled by npm run build (npm install builds it via
// `prepare`): one file and its lazy chunks load faster than the ~570 modules of dist/electron.
// A bundle missing or older than the last `tsc -b` falls back to those modules, so a type-check
// build never leaves the command running stale code.
import { statSync } from 'node:fs';

const mtime = (rel) => statSync(new URL(rel, import.meta.url), { throwIfNoEntry: false })?.mtimeMs;
const bundled = mtime('../dist/cli/main.js');
const compiled = mtime('../dist/.tsbuild/electron.tsbuildinfo');
const entry =
  bundled !== undefined && (compiled === undefined || bundled >= compiled)
    ? '../dist/cli/main.js'
    : '../dist/electron/cli/main.js';
let cli;
try {
  cli = await import(entry);
} catch (e) {
  if (e && e.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('dist')) {
    process.stderr.write('benchtop: not built yet; run npm run build\n');
    process.exit(70);
  }
  throw e;
}
process.exitCode = await cli.main(process.argv.slice(2));
