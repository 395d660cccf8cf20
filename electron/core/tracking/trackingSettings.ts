import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_TRACKING_PORT, TrackingSettings } from '../../../shared/api/tracking.js';

const FILE = 'tracking-settings.json';

/** The desktop listener's settings; a missing or damaged file reads as the defaults. */
export function readTrackingSettings(dataDir: string): TrackingSettings {
  try {
    return TrackingSettings.parse(JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')));
  } catch {
    return { port: DEFAULT_TRACKING_PORT };
  }
}

export function writeTrackingSettings(
  dataDir: string,
  settings: TrackingSettings,
): TrackingSettings {
  const file = join(dataDir, FILE);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(settings, null, 2));
  renameSync(temp, file);
  return settings;
}
