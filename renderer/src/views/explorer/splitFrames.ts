import type { FrameImage } from '../../../../shared/api/artifactPreview.js';
import type { FetchedImage } from './stepImageCache.js';

/**
 * `artifacts.imageFrames`' answer as the step cache takes it: each image with its own slice of
 * the one block of bytes (views, no copies). A slice that lies outside the block is refused.
 */
export function splitFrames({
  images,
  rest,
  bytes,
}: {
  images: FrameImage[];
  rest: number;
  bytes: Uint8Array;
}): { images: FetchedImage[]; rest: number } {
  return {
    rest,
    images: images.map((image): FetchedImage => {
      if (image.kind === 'refused') return image;
      const { runId, path, mime, offset, length } = image;
      if (offset + length > bytes.length)
        return { kind: 'refused', runId, path, reason: `${path} arrived cut short` };
      return { kind: 'image', runId, path, mime, bytes: bytes.subarray(offset, offset + length) };
    }),
  };
}
