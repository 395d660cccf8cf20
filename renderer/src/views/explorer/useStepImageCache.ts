import { useEffect, useMemo, useState } from 'react';
import { useClient } from '../../data/connection.js';
import { StepImageCache } from './stepImageCache.js';

/** An image's bytes decoded off the main thread, ready to draw. */
async function decodeBitmap({ mime, base64 }: { mime: string; base64: string }) {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return createImageBitmap(new Blob([bytes], { type: mime }));
}

/**
 * The compare view's image cache, one per client; its users re-render whenever a batch of
 * images has been decoded, and its images are freed when they unmount.
 */
export function useStepImageCache(): StepImageCache<ImageBitmap> {
  const client = useClient();
  const cache = useMemo(
    () =>
      new StepImageCache<ImageBitmap>({
        fetch: (items) => client.call('artifacts.imageBatch', { items }),
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
