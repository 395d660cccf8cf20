import { Column, type Dataset } from '../../../shared/domain.js';
import { z } from 'zod';
import type { Db } from './db.js';

interface DatasetRow {
  id: number;
  name: string;
  version: number;
  hash: string;
  file_name: string;
  bytes: number;
  rows: number;
  columns: string;
  storage_path: string;
  created_at: string;
}

export interface StoredDataset extends Dataset {
  storage_path: string;
}

const Columns = z.array(Column);
const toDataset = (row: DatasetRow): StoredDataset => ({ ...row, columns: Columns.parse(JSON.parse(row.columns)) });

export function createDatasetsRepo(db: Db) {
  const byId = db.prepare<[number], DatasetRow>('SELECT * FROM datasets WHERE id = ?');
  const byNameAndHash = db.prepare<[string, string], DatasetRow>(
    'SELECT * FROM datasets WHERE name = ? AND hash = ? ORDER BY version DESC LIMIT 1',
  );
  const lastVersion = db.prepare<[string], { v: number | null }>('SELECT max(version) AS v FROM datasets WHERE name = ?');
  const all = db.prepare<[], DatasetRow>('SELECT * FROM datasets ORDER BY id DESC');
  const insert = db.prepare(
    `INSERT INTO datasets (name, version, hash, file_name, bytes, rows, columns, storage_path, created_at)
     VALUES (@name, @version, @hash, @file_name, @bytes, @rows, @columns, @storage_path, @created_at)`,
  );

  return {
    get(id: number): StoredDataset | undefined {
      const row = byId.get(id);
      return row && toDataset(row);
    },
    list(): StoredDataset[] {
      return all.all().map(toDataset);
    },
    /** Same name and same bytes is the same version: importing twice adds nothing. */
    findVersion(name: string, hash: string): StoredDataset | undefined {
      const row = byNameAndHash.get(name, hash);
      return row && toDataset(row);
    },
    insertNextVersion(d: Omit<StoredDataset, 'id' | 'version' | 'created_at'>): StoredDataset {
      return db.transaction(() => {
        const version = (lastVersion.get(d.name)?.v ?? 0) + 1;
        const created_at = new Date().toISOString();
        const id = Number(
          insert.run({ ...d, version, created_at, columns: JSON.stringify(d.columns) }).lastInsertRowid,
        );
        const { name, ...rest } = d;
        return { id, name, version, ...rest, created_at };
      })();
    },
  };
}
