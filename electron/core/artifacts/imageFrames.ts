import { readFileSync } from 'node:fs';
import {
  IMAGE_BATCH_MAX_BYTES,
  PREVIEW_MAX_BYTES,
  type FrameImage,
} from '../../../shared/api/artifactPreview.js';
import type { createRunArtifacts } from '../tracking/runArtifacts.js';
import { UserError } from '../userError.js';
import { claimedImage, imageName, sniffImage } from './imageBytes.js';

type RunArtifacts = ReturnType<typeof createRunArtifacts>;
type Item = { runId: number; path: string };
type ImageMime = Extract<FrameImage, { kind: 'image' }>['mime'];
type ReadImage =
  | { kind: 'image'; runId: number; path: string; mime: ImageMime; data: Buffer }
  | Extract<FrameImage, { kind: 'refused' }>;

/**
 * Many runs' images read in the order asked, until IMAGE_BATCH_MAX_BYTES (always at least one).
 * An item that cannot be shown (a deleted run, a path out of the run's folder, bytes that are no
 * image) is refused on its own with a one-line reason; the others still come.
 */
function readImages(
  artifacts: RunArtifacts,
  run: (runId: number) => number,
  items: readonly Item[],
): { images: ReadImage[]; rest: number } {
  const images: ReadImage[] = [];
  let bytes = 0;
  for (const { runId, path } of items) {
    if (images.length > 0 && bytes >= IMAGE_BATCH_MAX_BYTES) break;
    const refuse = (reason: string) => images.push({ kind: 'refused', runId, path, reason });
    try {
      const { full, stats } = artifacts.find(run(runId), path);
      const name = path.split('/').pop() ?? path;
      if (!stats.isFile()) refuse(`${name} is a folder`);
      else if (stats.size > PREVIEW_MAX_BYTES)
        refuse(`${name} is ${(stats.size / 1024 / 1024).toFixed(1)} MB: download it`);
      else {
        const data = readFileSync(full);
        const mime = sniffImage(data.subarray(0, 16));
        const claimed = claimedImage(name);
        if (mime === null || (claimed !== null && claimed !== mime))
          refuse(
            `${name} is not ${claimed ? `a ${imageName(claimed)}` : 'a PNG, JPEG, GIF or WebP'} image${mime ? `: its bytes are ${imageName(mime)}` : ''}`,
          );
        else {
          bytes += data.length;
          images.push({ kind: 'image', runId, path, mime, data });
        }
      }
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      refuse(e.message);
    }
  }
  return { images, rest: items.length - images.length };
}

/**
 * `artifacts.imageFrames`: the images' bytes one after another in one block, each image naming
 * its slice. The block is its own exactly sized buffer (never a slice of Node's pool), so IPC's
 * structured clone copies only these bytes.
 */
export function imageFrames(
  artifacts: RunArtifacts,
  run: (runId: number) => number,
  items: readonly Item[],
): { images: FrameImage[]; rest: number; bytes: Uint8Array<ArrayBuffer> } {
  const { images, rest } = readImages(artifacts, run, items);
  let total = 0;
  for (const image of images) if (image.kind === 'image') total += image.data.length;
  const bytes = new Uint8Array(total);
  let offset = 0;
  const frames = images.map((image): FrameImage => {
    if (image.kind === 'refused') return image;
    bytes.set(image.data, offset);
    offset += image.data.length;
    return { ...withoutData(image), offset: offset - image.data.length, length: image.data.length };
  });
  return { images: frames, rest, bytes };
}

function withoutData({ kind, runId, path, mime }: Extract<ReadImage, { kind: 'image' }>) {
  return { kind, runId, path, mime };
}
