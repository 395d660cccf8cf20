import { buildTiles, TILE_LEVELS, tileSize, type Tile } from '../../../shared/downsample.js';
import type { Db } from './db.js';

const COLUMNS = 11;
const CHUNK = 50;
const INSERT =
  'INSERT INTO metric_tiles (run_id, key_id, level, tile, n, lo, hi, sum_step, sum_time, sum_value, finite) VALUES ';
const ROW = `(${Array(COLUMNS).fill('?').join(', ')})`;

export interface TileRow {
  tile: number;
  n: number;
  lo: number;
  hi: number;
  sum_step: number;
  sum_time: number;
  sum_value: number;
  finite: number;
}

/**
 * The downsampling pyramid in SQLite (table metric_tiles), a cache of the metrics table: built
 * when a series is first charted (or by the demo writer), rebuilt when its last step moves.
 */
export function createMetricTilesRepo(db: Db) {
  const state = db.prepare<[number, number], { points: number; last_step: number }>(
    'SELECT points, last_step FROM metric_tile_state WHERE run_id = ? AND key_id = ?',
  );
  const setState = db.prepare<[number, number, number, number]>(
    'INSERT OR REPLACE INTO metric_tile_state (run_id, key_id, points, last_step) VALUES (?, ?, ?, ?)',
  );
  const clear = db.prepare<[number, number]>(
    'DELETE FROM metric_tiles WHERE run_id = ? AND key_id = ?',
  );
  const insertOne = db.prepare<number[]>(INSERT + ROW);
  const insertChunk = db.prepare<number[]>(INSERT + Array(CHUNK).fill(ROW).join(', '));
  const points = db
    .prepare<[number, number], [number, number, number]>(
      'SELECT step, time, value FROM metrics WHERE run_id = ? AND key_id = ? ORDER BY step',
    )
    .raw();
  const tiles = db.prepare<[number, number, number, number, number], TileRow>(
    `SELECT tile, n, lo, hi, sum_step, sum_time, sum_value, finite FROM metric_tiles
     WHERE run_id = ? AND key_id = ? AND level = ? AND tile BETWEEN ? AND ? ORDER BY tile`,
  );

  const extremeOf = db.prepare<[number, number, number], { lo: number | null; hi: number | null }>(
    'SELECT MIN(lo) AS lo, MAX(hi) AS hi FROM metric_tiles WHERE run_id = ? AND key_id = ? AND level = ?',
  );
  const tileWith = {
    min: db
      .prepare<[number, number, number, number, number, number], number>(
        'SELECT tile FROM metric_tiles WHERE run_id = ? AND key_id = ? AND level = ? AND tile BETWEEN ? AND ? AND lo = ? ORDER BY tile LIMIT 1',
      )
      .pluck(),
    max: db
      .prepare<[number, number, number, number, number, number], number>(
        'SELECT tile FROM metric_tiles WHERE run_id = ? AND key_id = ? AND level = ? AND tile BETWEEN ? AND ? AND hi = ? ORDER BY tile LIMIT 1',
      )
      .pluck(),
  };
  const stepWith = db
    .prepare<[number, number, number, number, number], number>(
      'SELECT step FROM metrics WHERE run_id = ? AND key_id = ? AND step BETWEEN ? AND ? AND value = ? ORDER BY step LIMIT 1',
    )
    .pluck();

  const write = db.transaction(
    (runId: number, keyId: number, built: Tile[], count: number, lastStep: number) => {
      clear.run(runId, keyId);
      const args: number[] = [];
      const push = (t: Tile) =>
        args.push(
          runId,
          keyId,
          t.level,
          t.tile,
          t.n,
          t.lo,
          t.hi,
          t.sumStep,
          t.sumTime,
          t.sumValue,
          t.finite,
        );
      const whole = built.length - (built.length % CHUNK);
      for (let i = 0; i < whole; i += CHUNK) {
        args.length = 0;
        for (let j = i; j < i + CHUNK; j++) push(built[j]!);
        insertChunk.run(...args);
      }
      for (let i = whole; i < built.length; i++) {
        args.length = 0;
        push(built[i]!);
        insertOne.run(...args);
      }
      setState.run(runId, keyId, count, lastStep);
    },
  );

  return {
    /** Stores the pyramid of points already in hand (sorted by step), skipping a re-read. */
    store(
      runId: number,
      keyId: number,
      steps: ArrayLike<number>,
      times: ArrayLike<number>,
      values: ArrayLike<number>,
    ): void {
      if (steps.length === 0) return;
      write(runId, keyId, buildTiles(steps, times, values), steps.length, steps[steps.length - 1]!);
    },
    /** The series' point count, building its pyramid first when missing or stale. */
    ensure(runId: number, keyId: number, lastStep: number): number {
      const s = state.get(runId, keyId);
      if (s && s.last_step === lastStep) return s.points;
      const steps: number[] = [];
      const times: number[] = [];
      const values: number[] = [];
      for (const [step, time, value] of points.iterate(runId, keyId)) {
        steps.push(step);
        times.push(time);
        values.push(value);
      }
      this.store(runId, keyId, steps, times, values);
      return steps.length;
    },
    read: (runId: number, keyId: number, level: number, from: number, to: number): TileRow[] =>
      tiles.all(runId, keyId, level, from, to),
    /**
     * The series' min or max and the first step holding it, found by walking down the pyramid
     * (a few index lookups per level) instead of scanning every point.
     */
    extreme(
      runId: number,
      keyId: number,
      lastStep: number,
      which: 'min' | 'max',
    ): { value: number; step: number } | null {
      this.ensure(runId, keyId, lastStep);
      const top = extremeOf.get(runId, keyId, TILE_LEVELS);
      const value = which === 'min' ? top?.lo : top?.hi;
      if (value === null || value === undefined) return null;
      let from = 0;
      let to = Math.floor(lastStep / tileSize(TILE_LEVELS));
      for (let level = TILE_LEVELS; level >= 1; level--) {
        const tile = tileWith[which].get(runId, keyId, level, from, to, value);
        if (tile === undefined) return null;
        from = tile * 4;
        to = tile * 4 + 3;
      }
      const step = stepWith.get(
        runId,
        keyId,
        (from / 4) * tileSize(1),
        (from / 4) * tileSize(1) + tileSize(1) - 1,
        value,
      );
      return step === undefined ? null : { value, step };
    },
  };
}
export type MetricTilesRepo = ReturnType<typeof createMetricTilesRepo>;
