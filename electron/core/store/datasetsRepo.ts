import { DatasetProfile } from '../../../shared/api/datasets.js';
import { Column, type Dataset } from '../../../shared/domain.js';
import { optionsKey, VersionOptions } from '../datasets/versionOptions.js';
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
  parent_id: number | null;
  options: string;
  profile: string | null;
  original_path: string | null;
}

export interface StoredDataset extends Dataset {
  /** What training and drift read: the columnar cache, or the original file for older versions. */
  storage_path: string;
  original_path: string | null;
  /** The import options that are part of the version (type overrides, delimiter, header). */
  options: VersionOptions;
}

const Columns = z.array(Column);
const toDataset = ({ profile: _profile, ...row }: DatasetRow): StoredDataset => ({
  ...row,
  columns: Columns.parse(JSON.parse(row.columns)),
  options: VersionOptions.parse(JSON.parse(row.options)),
});

export function createDatasetsRepo(db: Db) {
  const byId = db.prepare<[number], DatasetRow>('SELECT * FROM datasets WHERE id = ?');
  const byNameAndHash = db.prepare<[string, string], DatasetRow>(
    'SELECT * FROM datasets WHERE name = ? AND hash = ? ORDER BY version DESC LIMIT 1',
  );
  const lastVersion = db.prepare<[string], { v: number | null }>(
    'SELECT max(version) AS v FROM datasets WHERE name = ?',
  );
  const latestOfName = db.prepare<[string], { id: number }>(
    'SELECT id FROM datasets WHERE name = ? ORDER BY version DESC LIMIT 1',
  );
  const byContent = db.prepare<[string, string], DatasetRow>(
    'SELECT * FROM datasets WHERE hash = ? AND options = ? ORDER BY id',
  );
  const profileById = db.prepare<[number], { profile: string | null }>(
    'SELECT profile FROM datasets WHERE id = ?',
  );
  const all = db.prepare<[], DatasetRow>('SELECT * FROM datasets ORDER BY id DESC');
  const insert = db.prepare(
    `INSERT INTO datasets (name, version, hash, file_name, bytes, rows, columns, storage_path, created_at, parent_id, options, profile, original_path)
     VALUES (@name, @version, @hash, @file_name, @bytes, @rows, @columns, @storage_path, @created_at, @parent_id, @options, @profile, @original_path)`,
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
    /** Identical content read the same way: the version named `name` if there is one, else any. */
    findByContent(hash: string, options: VersionOptions, name?: string): StoredDataset | undefined {
      const rows = byContent.all(hash, optionsKey(options));
      const row = rows.find((r) => r.name === name) ?? (name === undefined ? rows[0] : undefined);
      return row && toDataset(row);
    },
    profileOf(id: number): DatasetProfile | null {
      const raw = profileById.get(id)?.profile;
      return raw ? DatasetProfile.parse(JSON.parse(raw)) : null;
    },
    insertNextVersion(
      d: Omit<
        StoredDataset,
        'id' | 'version' | 'created_at' | 'parent_id' | 'original_path' | 'options'
      > &
        Partial<Pick<StoredDataset, 'original_path' | 'options'>> & { profile?: DatasetProfile },
    ): StoredDataset {
      return db.transaction(() => {
        const version = (lastVersion.get(d.name)?.v ?? 0) + 1;
        const parent_id = latestOfName.get(d.name)?.id ?? null;
        const created_at = new Date().toISOString();
        const options = d.options ?? { types: {} };
        const { profile, ...rest } = d;
        const id = Number(
          insert.run({
            ...rest,
            version,
            created_at,
            parent_id,
            original_path: d.original_path ?? null,
            options: optionsKey(options),
            profile: profile ? JSON.stringify(profile) : null,
            columns: JSON.stringify(d.columns),
          }).lastInsertRowid,
        );
        return {
          ...rest,
          id,
          version,
          parent_id,
          created_at,
          options,
          original_path: d.original_path ?? null,
        };
      })();
    },
  };
}
