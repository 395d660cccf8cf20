// The `benchtop` command as one bundle (dist/cli/main.js) instead of ~570 ES modules: the ESM loader's
// per-file resolve, stat and compile was a third of every command's start-up. npm packages stay
// external. Lazy imports stay lazy as chunks (splitting), so --version never loads the core.
// Worker and job entries are not bundled: they are found under dist/electron (appPaths.ts entryFile).
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist/cli', { recursive: true, force: true });
await build({
  entryPoints: { main: 'dist/electron/cli/main.js' },
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outdir: 'dist/cli',
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});
