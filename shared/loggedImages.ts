/**
 * Images a script logged per step. MLflow's `log_image(image, key=…, step=…)` writes
 * `images/<key>%step%<n>%timestamp%<ms>%<uuid>.png` (a `/` in the key becomes `#`) and a smaller
 * copy beside it, the same name plus `%compressed.webp`.
 */
export interface LoggedImage {
  key: string;
  step: number;
  timestamp: number;
  /** The full-size image's artifact path. */
  path: string;
  /** The compressed copy's artifact path, when MLflow wrote one. */
  thumb: string | null;
}

/** The folder MLflow's `log_image` writes into, under the run's artifact root. */
export const LOGGED_IMAGES_FOLDER = 'images';

export type LoggedImageExt = 'png' | 'jpeg' | 'gif' | 'webp';

/**
 * The file name `log_image(key=…, step=…)` gives an image (in LOGGED_IMAGES_FOLDER), so images
 * from any source (a script, an MLflow import, a TensorBoard import) list and compare alike.
 * `%` would break the name apart, so it becomes `_`; `/` becomes `#` as MLflow does.
 */
export function loggedImageName(image: {
  key: string;
  step: number;
  timestamp: number;
  id: string;
  ext: LoggedImageExt;
}): string {
  const key = image.key.replaceAll('%', '_').replaceAll('/', '#');
  const id = image.id.replace(/[%/]/g, '_');
  return `${key}%step%${image.step}%timestamp%${Math.round(image.timestamp)}%${id}.${image.ext}`;
}

const NAME = /^(.+)%step%(-?\d+)%timestamp%(\d+)%([^%/]+?)(%compressed)?\.(png|webp|jpe?g|gif)$/;

/** The logged images among a run's `images/` files (names only), each with its compressed copy. */
export function loggedImages(
  names: readonly string[],
  folder = LOGGED_IMAGES_FOLDER,
): LoggedImage[] {
  const full = new Map<string, LoggedImage>();
  const thumbs = new Map<string, string>();
  for (const name of names) {
    const m = NAME.exec(name);
    if (!m) continue;
    const id = `${m[1]}%${m[2]}%${m[3]}%${m[4]}`;
    const path = `${folder}/${name}`;
    if (m[5]) thumbs.set(id, path);
    else
      full.set(id, {
        key: m[1]!.replaceAll('#', '/'),
        step: Number(m[2]),
        timestamp: Number(m[3]),
        path,
        thumb: null,
      });
  }
  return [...full.entries()]
    .map(([id, image]) => ({ ...image, thumb: thumbs.get(id) ?? null }))
    .sort((a, b) => a.key.localeCompare(b.key) || a.step - b.step || a.timestamp - b.timestamp);
}

/** The image a run shows at `step`: the last one logged at or before it (null before its first). */
export function imageAtStep(images: readonly LoggedImage[], step: number): LoggedImage | null {
  let found: LoggedImage | null = null;
  for (const image of images) {
    if (image.step > step) break;
    found = image;
  }
  return found;
}
