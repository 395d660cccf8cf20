import { levelFor, tileSize } from '../../../shared/downsample.js';
import type { SeriesSlice, XAxis } from '../../../shared/api/runRecords.js';
import type { TileRow } from '../store/metricTilesRepo.js';
import type { Store } from '../store/store.js';

export interface SeriesRequest {
  ids: readonly number[];
  keys: readonly string[];
  xAxis: XAxis;
  range?: { min: number; max: number } | undefined;
  maxPoints: number;
}

/**
 * Range reads for charts. A range with more than `maxPoints` points is read from the tile
 * pyramid (one row per tile: mean as the line, min/max as the envelope), so no series ships
 * more than `maxPoints`; a range that fits is read raw, at full resolution.
 */
export function createSeriesReader(store: Pick<Store, 'metricRanges' | 'metricTiles'>) {
  const { metricRanges: ranges, metricTiles: tiles } = store;

  /** The step range whose times fall in [tMin, tMax] (times rise with steps), by binary search. */
  function stepsInTime(
    run: number,
    key: number,
    lo: number,
    hi: number,
    tMin: number,
    tMax: number,
  ): [number, number] | null {
    let a = lo;
    let b = hi;
    while (a < b) {
      const mid = Math.floor((a + b) / 2);
      if (ranges.atOrAfter(run, key, mid)!.time >= tMin) b = mid;
      else a = mid + 1;
    }
    const from = ranges.atOrAfter(run, key, a)!;
    a = lo;
    b = hi;
    while (a < b) {
      const mid = Math.ceil((a + b) / 2);
      if (ranges.atOrBefore(run, key, mid)!.time <= tMax) a = mid;
      else b = mid - 1;
    }
    const to = ranges.atOrBefore(run, key, a)!;
    return from.time >= tMin && to.time <= tMax && from.step <= to.step
      ? [from.step, to.step]
      : null;
  }

  /** Points in [lo, hi] from the tiles covering it: whole tiles' counts, edge tiles counted exactly. */
  function countIn(
    run: number,
    key: number,
    rows: TileRow[],
    size: number,
    lo: number,
    hi: number,
  ): number {
    let total = 0;
    for (const t of rows) {
      const start = t.tile * size;
      const end = start + size - 1;
      total +=
        start >= lo && end <= hi
          ? t.n
          : ranges.count(run, key, Math.max(start, lo), Math.min(end, hi));
    }
    return total;
  }

  function readOne(
    runId: number,
    key: string,
    kid: number,
    req: SeriesRequest,
  ): SeriesSlice | null {
    const head = ranges.first(runId, kid);
    const tail = ranges.last(runId, kid);
    if (!head || !tail) return null;
    const points = tiles.ensure(runId, kid, tail.step);
    const t0 = head.time;
    const empty: SeriesSlice = { runId, key, total: 0, x: [], y: [], lo: null, hi: null };
    let range: [number, number] | null = [head.step, tail.step];
    if (req.range && req.xAxis === 'step')
      range = [
        Math.max(head.step, Math.ceil(req.range.min)),
        Math.min(tail.step, Math.floor(req.range.max)),
      ];
    if (req.range && req.xAxis !== 'step') {
      const offset = req.xAxis === 'relative' ? t0 : 0;
      range = stepsInTime(
        runId,
        kid,
        head.step,
        tail.step,
        req.range.min + offset,
        req.range.max + offset,
      );
    }
    if (!range || range[0] > range[1]) return empty;
    const [lo, hi] = range;
    const full = lo === head.step && hi === tail.step;
    const xOf = (step: number, time: number) =>
      req.xAxis === 'step' ? step : req.xAxis === 'time' ? time : time - t0;
    const readRaw = (): SeriesSlice => {
      const rows = ranges.points(runId, kid, lo, hi);
      return {
        ...empty,
        total: rows.length,
        x: rows.map((r) => xOf(r[0], r[1])),
        y: rows.map((r) => r[2]),
      };
    };
    const level = full && points <= req.maxPoints ? 0 : levelFor(lo, hi, req.maxPoints);
    if (level === 0) return readRaw();
    const size = tileSize(level);
    const rows = tiles.read(runId, kid, level, Math.floor(lo / size), Math.floor(hi / size));
    const total = full ? points : countIn(runId, kid, rows, size, lo, hi);
    if (total <= req.maxPoints) return readRaw();
    return {
      runId,
      key,
      total,
      x: rows.map((t) => xOf(t.sum_step / t.n, t.sum_time / t.n)),
      // A tile of only non-finite values has no mean: its one value if they agree, else a gap.
      y: rows.map((t) => (t.finite > 0 ? t.sum_value / t.finite : t.lo === t.hi ? t.lo : NaN)),
      lo: rows.map((t) => t.lo),
      hi: rows.map((t) => t.hi),
    };
  }

  return {
    read(req: SeriesRequest): SeriesSlice[] {
      const out: SeriesSlice[] = [];
      for (const key of req.keys) {
        const kid = ranges.keyId(key);
        if (kid === undefined) continue;
        for (const runId of req.ids) {
          const slice = readOne(runId, key, kid, req);
          if (slice) out.push(slice);
        }
      }
      return out;
    },
  };
}
