// `npm run lint:electron`: @doyensec/electronegativity over the desktop app's sources (main,
// preload, IPC, window, desktop/ helpers and the renderer's index.html with its CSP). Fails on any
// HIGH or CRITICAL finding; prints the rest (README "Electron and browser mode" says why each stays).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stage = mkdtempSync(join(tmpdir(), 'benchtop-electronegativity-'));
try {
  // Only what ships: tests drive fake windows with whatever options they check, which would be noise.
  const shipped = (dir) =>
    readdirSync(join(root, dir), { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
      .map((e) => join(dir, e.name));
  for (const file of [
    ...shipped('electron'),
    ...shipped('electron/desktop'),
    'renderer/index.html',
  ]) {
    mkdirSync(join(stage, 'app', dirname(file)), { recursive: true });
    cpSync(join(root, file), join(stage, 'app', file));
  }
  const electronVersion = JSON.parse(
    readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
  ).version;
  const out = join(stage, 'findings.csv');
  const bin = join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
  execFileSync(
    process.execPath,
    [bin, '-i', join(stage, 'app'), '-o', out, '-r', '-v', 'false', '-e', electronVersion],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const rows = Papa.parse(readFileSync(out, 'utf8').trim(), {
    header: true,
    transformHeader: (h) => h.trim(),
  }).data;
  const findings = rows.map((r) => ({
    check: r.issue,
    severity: r.severity,
    confidence: r.confidence,
    where: `${r.filename}:${r.location}`,
  }));
  const high = findings.filter((f) => f.severity === 'HIGH' || f.severity === 'CRITICAL');
  for (const f of findings)
    console.log(
      `  ${f.severity.padEnd(13)} ${f.confidence.padEnd(10)} ${f.check.padEnd(40)} ${f.where}`,
    );
  const counts = {};
  for (const f of findings) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
  const bySeverity = Object.entries(counts).map(([k, n]) => `${n} ${k.toLowerCase()}`);
  console.log(
    `electronegativity (Electron ${electronVersion}): ${findings.length} findings${bySeverity.length ? ` (${bySeverity.join(', ')})` : ''}`,
  );
  if (high.length) {
    console.error(
      `benchtop: electronegativity found ${high.length} high-severity problem(s); fix them before shipping`,
    );
    process.exitCode = 1;
  }
} finally {
  rmSync(stage, { recursive: true, force: true });
}
