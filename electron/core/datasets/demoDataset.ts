import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StoredDataset } from '../store/datasetsRepo.js';
import type { Store } from '../store/store.js';
import { prepareVersion } from './prepareVersion.js';
import { recordVersion } from './recordVersion.js';

const DEMO_CSV = 'x1,x2,label\n0.1,1.2,a\n0.4,0.9,b\n0.8,0.3,a\n0.2,1.1,b\n';

/** The demo's small dataset, imported the way every file is (profile and columnar cache included). */
export async function importDemoDataset(store: Store, dataDir: string): Promise<StoredDataset> {
  const dir = join(dataDir, 'datasets', 'tmp');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${randomUUID()}.csv`);
  writeFileSync(path, DEMO_CSV);
  try {
    const options = { types: {} };
    const { warnings: _warnings, ...prepared } = await prepareVersion({
      path,
      fileName: 'demo.csv',
      dataDir,
      options,
    });
    return recordVersion(store, prepared, 'demo', options, true).stored;
  } finally {
    rmSync(path, { force: true });
  }
}
