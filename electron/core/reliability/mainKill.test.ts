import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../testing/tempDir.js';
import { killMainOnce } from '../../testing/killMainLoop.js';

/**
 * The short version of scripts/kill-soak.ts: SIGKILL a main process writing metrics at random
 * moments, restart, check. Seeded delays so a failure can be replayed.
 */
describe('kill -9 of the main process during heavy metric writes', () => {
  const tempDir = useTempDirs();

  it(
    'keeps the store intact and every committed row, and start-up marks orphaned runs interrupted (5 kills)',
    { timeout: 120_000 },
    async () => {
      const dataDir = tempDir();
      let seed = 20261126;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      let points = 0;
      let orphans = 0;
      let rows = 0;
      for (let i = 0; i < 5; i++) {
        const round = await killMainOnce(dataDir, random() * 1000);
        expect(round.integrity).toBe('ok');
        expect(round.metricRows).toBeGreaterThanOrEqual(rows); // rows of earlier rounds stay too
        rows = round.metricRows;
        points += round.pointsReported;
        orphans += round.orphansMarked;
      }
      // The checks ran against real commits and real orphans, not an idle store.
      expect(points).toBeGreaterThan(0);
      expect(orphans).toBeGreaterThanOrEqual(10);
    },
  );
});
