import type { Db } from './db.js';

export function createExperimentsRepo(db: Db) {
  const find = db.prepare<[string], { id: number }>('SELECT id FROM experiments WHERE name = ?');
  const insert = db.prepare<[string, string]>('INSERT INTO experiments (name, created_at) VALUES (?, ?)');
  return {
    /** The id of the experiment with this name, created on first use. */
    ensure(name: string): number {
      const row = find.get(name);
      if (row) return row.id;
      return Number(insert.run(name, new Date().toISOString()).lastInsertRowid);
    },
  };
}
