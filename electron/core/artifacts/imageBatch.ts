import { readFileSync } from 'node:fs';
import {
  IMAGE_BATCH_MAX_BYTES,
  PREVIEW_MAX_BYTES,
  type BatchImage,
} from '../../../shared/api/artifactPreview.js';
import type { createRunArtifacts } from '../tracking/runArtifacts.js';
import { UserError } from '../userError.js';
import { claimedImage, imageName, sniffImage } from './imageBytes.js';

type RunArtifacts = ReturnType<typeof createRunArtifacts>;

/**
 * Many runs' images in one answer, in the order asked, until IMAGE_BATCH_MAX_BYTES (always at
 * least one). An item that cannot be shown (a deleted run, a path out of the run's folder, bytes
 * that are no image) is refused on its own with a one-line reason; the others still come.
 */
export function imageBatch(
  artifacts: RunArtifacts,
  run: (runId: number) => number,
  items: readonly { runId: number; path: string }[],
): { images: BatchImage[]; rest: number } {
  const images: BatchImage[] = [];
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
          images.push({ kind: 'image', runId, path, mime, base64: data.toString('base64') });
        }
      }
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      refuse(e.message);
    }
  }
  return { images, rest: items.length - images.length };
}
