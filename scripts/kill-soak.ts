import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { killMainOnce, type KillRound } from '../electron/testing/killMainLoop.js';

/**
 * Long kill soak (not in CI): SIGKILLs a main process under heavy metric writes at random
 * moments, `--kills` times on one data directory, and checks the store after each restart.
 * Prints one JSON line of figures; exits 1 at the first lost row or failed integrity check.
 *
 *   node --import tsx scripts/kill-soak.ts --kills 100 [--max-delay-ms 2000] [--jobs 2] [--keep]
 */
const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '100' },
    'max-delay-ms': { type: 'string', default: '2000' },
    jobs: { type: 'string', default: '2' },
    keep: { type: 'boolean', default: false },
  },
});
const kills = Number(values.kills);
const maxDelay = Number(values['max-delay-ms']);
const dataDir = mkdtempSync(join(tmpdir(), 'benchtop-kill-soak-'));
const rounds: KillRound[] = [];
const t0 = performance.now();
try {
  for (let i = 0; i < kills; i++) {
    const round = await killMainOnce(dataDir, Math.random() * maxDelay, Number(values.jobs));
    const before = rounds.at(-1)?.metricRows ?? 0;
    if (round.metricRows < before)
      throw new Error(
        `the store had ${before} metric rows before this kill and ${round.metricRows} after`,
      );
    rounds.push(round);
    if ((i + 1) % 10 === 0) console.error(`kill-soak: ${i + 1}/${kills} kills survived`);
  }
} catch (e) {
  console.error(
    `kill-soak: round ${rounds.length + 1} failed: ${e instanceof Error ? e.message : String(e)} (data directory kept: ${dataDir})`,
  );
  process.exit(1);
}
const sum = (f: (r: KillRound) => number) => rounds.reduce((s, r) => s + f(r), 0);
console.log(
  JSON.stringify({
    name: 'kill_soak',
    kills: rounds.length,
    integrity_ok: rounds.filter((r) => r.integrity === 'ok').length,
    kills_with_commits_in_flight: rounds.filter((r) => r.pointsReported > 0).length,
    metric_points_checked: sum((r) => r.pointsReported),
    metric_rows_at_end: rounds.at(-1)?.metricRows ?? 0,
    runs_checked: sum((r) => r.runsReported),
    orphans_marked_interrupted: sum((r) => r.orphansMarked),
    lost_rows: 0,
    max_delay_ms: maxDelay,
    seconds: Math.round((performance.now() - t0) / 1000),
  }),
);
if (!values.keep) rmSync(dataDir, { recursive: true, force: true });
