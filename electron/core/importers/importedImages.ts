import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  LOGGED_IMAGES_FOLDER,
  loggedImageName,
  loggedImages,
  type LoggedImageExt,
} from '../../../shared/loggedImages.js';
import { sniffImage } from '../artifacts/imageBytes.js';

/** An image a source logged at a step, its bytes already known to be an image. */
export interface ImportedImage {
  kind: 'image';
  key: string;
  step: number;
  /** Milliseconds since the epoch. */
  time: number;
  /** Tells apart images of one key at one step and time (a sample's index). */
  id: string;
  ext: LoggedImageExt;
  bytes: Uint8Array;
}

const EXT = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
} as const;

/** The image's extension from its bytes' signature; null when they are no PNG, JPEG, GIF or WebP. */
export function imageExt(bytes: Uint8Array): LoggedImageExt | null {
  const mime = sniffImage(Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(16, bytes.length)));
  return mime ? EXT[mime] : null;
}

/**
 * Writes an imported image where MLflow's `log_image` would have put it, so the run page and
 * the compare view find it like any logged image. Names are deterministic: an image already
 * there (a second import, a follow's next round) is not written again. True when it is new.
 */
export function writeImportedImage(
  runFolder: string,
  image: ImportedImage,
  dryRun: boolean,
): boolean {
  const folder = join(runFolder, LOGGED_IMAGES_FOLDER);
  const file = join(folder, loggedImageName({ ...image, timestamp: image.time }));
  if (existsSync(file)) return false;
  if (!dryRun) {
    mkdirSync(folder, { recursive: true });
    writeFileSync(file, image.bytes);
  }
  return true;
}

/** How many images logged per step a run folder holds (an MLflow run's artifacts). */
export function countLoggedImages(artifactsDir: string | null): number {
  if (!artifactsDir) return 0;
  try {
    return loggedImages(readdirSync(join(artifactsDir, LOGGED_IMAGES_FOLDER))).length;
  } catch {
    return 0;
  }
}
