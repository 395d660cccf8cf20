import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = 'tracking-token';

/**
 * The token scripts and browsers present, kept in the data directory (owner-only) so a script's
 * MLFLOW_TRACKING_TOKEN keeps working across restarts. `rotate` makes a new one.
 */
export function trackingToken(dataDir: string, rotate = false): string {
  const file = join(dataDir, FILE);
  if (!rotate) {
    try {
      const token = readFileSync(file, 'utf8').trim();
      if (/^[\w-]{32,}$/.test(token)) return token;
    } catch {
      // none yet: made below
    }
  }
  const token = randomBytes(24).toString('base64url');
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${token}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
  return token;
}
