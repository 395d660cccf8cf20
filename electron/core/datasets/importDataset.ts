import { basename, extname } from 'node:path';
import type { Store } from '../store/store.js';
import type { StoredDataset } from '../store/datasetsRepo.js';
import { UserError } from '../userError.js';
import { storeBlob } from './datasetFiles.js';
import { inferColumns } from './inferColumns.js';
import { readCsv } from './readCsv.js';

const TEXT_EXTENSIONS = new Set(['.csv', '.tsv', '.txt', '']);

/**
 * Imports small in-memory CSV bytes synchronously (the demo's synthetic dataset). Files go through
 * importService.ts instead: a job process, every format, profiles and the columnar cache.
 */
export function importBytes(
  store: Store,
  dataDir: string,
  bytes: Uint8Array,
  fileName: string,
  name?: string,
): StoredDataset {
  const ext = extname(fileName).toLowerCase();
  if (!TEXT_EXTENSIONS.has(ext)) {
    throw new UserError(`${fileName} is not a CSV file; Benchtop imports .csv, .tsv and .txt tables`);
  }
  if (bytes.length === 0) throw new UserError(`${fileName} is empty`);
  if (bytes.subarray(0, 8192).includes(0)) throw new UserError(`${fileName} is not a CSV file (it holds binary data)`);
  const table = readCsv(new TextDecoder('utf-8').decode(bytes), fileName);
  const columns = inferColumns(table.header, table.rows);
  const datasetName = (name ?? basename(fileName, extname(fileName))).trim() || 'dataset';

  const { hash, path } = storeBlob(dataDir, bytes, ext || '.csv');
  const existing = store.datasets.findVersion(datasetName, hash);
  if (existing) return existing;
  return store.datasets.insertNextVersion({
    name: datasetName,
    hash,
    file_name: fileName,
    bytes: bytes.length,
    rows: table.rows.length,
    columns,
    storage_path: path,
  });
}
