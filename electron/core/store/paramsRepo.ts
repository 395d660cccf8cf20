import type { ParamValue } from '../../../shared/domain.js';
import type { Db } from './db.js';

/** Params are stored as JSON so numbers come back as numbers and strings as strings. */
export function createParamsRepo(db: Db) {
  const insert = db.prepare<[number, string, string]>(
    'INSERT OR REPLACE INTO params (run_id, key, value) VALUES (?, ?, ?)',
  );
  const forRun = db.prepare<[number], { key: string; value: string }>(
    'SELECT key, value FROM params WHERE run_id = ?',
  );
  const all = db.prepare<[], { run_id: number; key: string; value: string }>(
    'SELECT run_id, key, value FROM params',
  );
  return {
    set(runId: number, params: Record<string, ParamValue>): void {
      for (const [key, value] of Object.entries(params))
        insert.run(runId, key, JSON.stringify(value));
    },
    forRun(runId: number): Record<string, ParamValue> {
      return Object.fromEntries(
        forRun.all(runId).map((r) => [r.key, JSON.parse(r.value) as ParamValue]),
      );
    },
    /** Every run's params in one pass, for lists. */
    byRun(): Map<number, Record<string, ParamValue>> {
      const out = new Map<number, Record<string, ParamValue>>();
      for (const r of all.iterate()) {
        let params = out.get(r.run_id);
        if (!params) out.set(r.run_id, (params = {}));
        params[r.key] = JSON.parse(r.value) as ParamValue;
      }
      return out;
    },
  };
}
