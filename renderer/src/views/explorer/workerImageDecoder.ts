import { decodeBatch, type DecodeReply, type DecodeRequest } from './imageDecodeProtocol.js';

/** The slice of a Worker the decoder uses (a fake in tests). */
export interface DecodeWorker {
  postMessage(message: DecodeRequest): void;
  onmessage: ((event: MessageEvent<DecodeReply>) => void) | null;
  onerror: ((event: Event) => void) | null;
  terminate(): void;
}

type Pending = { resolve(bitmap: ImageBitmap): void; reject(e: Error): void };

/**
 * `decode` for the step image cache: the images asked for in one turn of the event loop go to
 * the worker as one message and come back as bitmaps. Without a worker (none can start, or it
 * fails), images are decoded on the page as before, and none is lost.
 */
export function createWorkerDecoder(
  startWorker: () => DecodeWorker,
  decodeHere: typeof decodeBatch = decodeBatch,
) {
  let worker: DecodeWorker | null = null;
  let broken = false;
  let nextId = 1;
  type Batch = { image: DecodeRequest['images'][number]; pending: Pending }[];
  let queued: Batch = [];
  /** Batches sent to the worker, by message id. */
  const waiting = new Map<number, Batch>();

  const settle = (batch: Batch, results: DecodeReply['results']) =>
    batch.forEach(({ pending }, i) => {
      const r = results[i];
      if (r?.ok) pending.resolve(r.bitmap);
      else pending.reject(new Error(r?.error ?? 'no answer from the decoder'));
    });

  const onPage = (batch: Batch) =>
    void decodeHere(batch.map((q) => q.image)).then((results) => settle(batch, results));

  /** Stops the worker; what it held is decoded on the page, so every promise still settles. */
  const stop = () => {
    worker?.terminate();
    worker = null;
    const held = [...waiting.values()].flat();
    waiting.clear();
    if (held.length > 0) onPage(held);
  };
  /** The worker failed: from now on images are decoded on the page. */
  const fallBack = () => {
    broken = true;
    stop();
  };

  const start = (): DecodeWorker | null => {
    if (worker || broken) return worker;
    try {
      const w = startWorker();
      w.onmessage = ({ data: { id, results } }) => {
        const batch = waiting.get(id);
        waiting.delete(id);
        if (batch) settle(batch, results);
      };
      w.onerror = () => fallBack();
      worker = w;
    } catch {
      broken = true;
    }
    return worker;
  };

  const flush = () => {
    const batch = queued;
    queued = [];
    const w = start();
    if (!w) return onPage(batch);
    const id = nextId++;
    waiting.set(id, batch);
    w.postMessage({ id, images: batch.map((q) => q.image) });
  };

  return {
    decode(image: { mime: string; bytes: Uint8Array }): Promise<ImageBitmap> {
      return new Promise((resolve, reject) => {
        if (queued.length === 0) queueMicrotask(flush);
        queued.push({ image, pending: { resolve, reject } });
      });
    },
    /** Stops the worker (the view unmounts); a later decode starts another. */
    close: stop,
  };
}
