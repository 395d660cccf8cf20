#!/usr/bin/env node
// The `benchtop` command: runs the compiled CLI (npm install builds it via `prepare`).
let cli;
try {
  cli = await import('../dist/electron/cli/main.js');
} catch (e) {
  if (e && e.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('dist')) {
    process.stderr.write('benchtop: not built yet; run npm run build\n');
    process.exit(70);
  }
  throw e;
}
process.exitCode = await cli.main(process.argv.slice(2));
