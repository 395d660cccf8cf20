import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sqliteBinding } from './sqliteBinding.js';

describe('better-sqlite3 binding for Electron', () => {
  it('uses the copy `npm start` built, then the packaged one, else the default (a Node build would not load)', () => {
    const built = '/repo/.electron-native/better_sqlite3-electron-41.7.1.node';
    expect(
      sqliteBinding({
        env: { BENCHTOP_SQLITE_BINDING: built },
        packaged: true,
        resourcesPath: '/opt/Benchtop/resources',
      }),
    ).toBe(built);
    expect(
      sqliteBinding({ env: {}, packaged: true, resourcesPath: '/opt/Benchtop/resources' }),
    ).toBe(join('/opt/Benchtop/resources', 'native', 'better_sqlite3.node'));
    expect(sqliteBinding({ env: {}, packaged: false, resourcesPath: '/x' })).toBeUndefined();
  });
});
