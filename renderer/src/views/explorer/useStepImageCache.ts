import { useEffect, useMemo, useState } from 'react';
import { useClient } from '../../data/connection.js';
import { splitFrames } from './splitFrames.js';
import { StepImageCache } from './stepImageCache.js';

/** An image's bytes decoded off the main thread, ready to draw. */
const decodeBitmap = ({ mime, bytes }: { mime: string; bytes: Uint8Array }) =>
  createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime }));

/**
 * The compare view's image cache, one per client; its users re-render whenever a batch of
 * images has been decoded, and its images are freed when they unmount.
 */
export function useStepImageCache(): StepImageCache<ImageBitmap> {
  const client = useClient();
  const cache = useMemo(
    () =>
      new StepImageCache<ImageBitmap>({
        // The images' bytes arrive as one binary block (no base64): HTTP body or IPC as is.
        fetch: async (items) => splitFrames(await client.call('artifacts.imageFrames', { items })),
        decode: decodeBitmap,
        release: (bitmap) => bitmap.close(),
      }),
    [client],
  );
  const [, setVersion] = useState(0);
  useEffect(() => {
    const unsubscribe = cache.subscribe(() => setVersion((v) => v + 1));
    return () => {
      unsubscribe();
      cache.clear();
    };
  }, [cache]);
  return cache;
}
