import { mkdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { scanLogdir } from './electron/core/importers/tensorboard/logdir.js';
const root = mkdtempSync(join(tmpdir(), 'x-'));
for (let d = 0; d < 100; d++) { const dir = join(root, `run${d}`); mkdirSync(dir); for (let f = 0; f < 100; f++) writeFileSync(join(dir, `events.out.tfevents.${f}`), ''); }
let t = performance.now(); let s = await scanLogdir(root); console.log('flat', performance.now() - t, s.runs.length);
const deep = join(root, ...Array<string>(1000).fill('d')); mkdirSync(deep, { recursive: true });
t = performance.now(); s = await scanLogdir(join(root, 'd')); console.log('deep', performance.now() - t, s.runs.length);
rmSync(root, { recursive: true });
