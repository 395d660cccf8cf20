// The sandboxed preload can only require('electron'), so it is bundled into one CommonJS file.
import { build } from 'esbuild';

await build({
  entryPoints: ['electron/preload.ts'],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['electron'],
  outfile: 'dist/electron/preload.cjs',
  minify: true,
  logLevel: 'warning',
});
