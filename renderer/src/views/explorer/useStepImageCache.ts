import { useEffect, useMemo, useState } from 'react';
import { useClient } from '../../data/connection.js';
import { splitFrames } from './splitFrames.js';
import { StepImageCache } from './stepImageCache.js';
import { createWorkerDecoder, type DecodeWorker } from './workerImageDecoder.js';

const startWorker = () =>
  new Worker(new URL('./imageDecodeWorker.ts', import.meta.url), {
    type: 'module',
  }) as unknown as DecodeWorker;

/**
 * The compare view's image cache, one per client; its users re-render whenever a batch of
 * images has been decoded, and its images are freed when they unmount.
 */
export function useStepImageCache(): StepImageCache<ImageBitmap> {
  const client = useClient();
  const { cache, decoder } = useMemo(() => {
    // Decoded in a worker, so the page's thread only draws.
    const decoder = createWorkerDecoder(startWorker);
    const cache = new StepImageCache<ImageBitmap>({
      // The images' bytes arrive as one binary block (no base64): HTTP body or IPC as is.
      fetch: async (items) => splitFrames(await client.call('artifacts.imageFrames', { items })),
      decode: decoder.decode,
      release: (bitmap) => bitmap.close(),
    });
    return { cache, decoder };
  }, [client]);
  const [, setVersion] = useState(0);
  useEffect(() => {
    const unsubscribe = cache.subscribe(() => setVersion((v) => v + 1));
    return () => {
      unsubscribe();
      cache.clear();
      decoder.close();
    };
  }, [cache, decoder]);
  return cache;
}
