/** The names archives are offered under: a save dialog's default, a browser download's file name. */

/** A file name's date part, e.g. 2026-11-26-1612. */
export const fileStamp = (d = new Date()): string =>
  d.toISOString().slice(0, 16).replace('T', '-').replace(':', '');

/** `name-a,name b` → `name-a-name-b`, for file names. */
const slug = (names: string[]): string =>
  names
    .join('-')
    .replace(/[^\w-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'experiments';
export const experimentsFileName = (names: string[]): string =>
  `benchtop-experiments-${slug(names)}-${fileStamp()}.tar.gz`;
export const backupFileName = (): string => `benchtop-backup-${fileStamp()}.tar.gz`;
