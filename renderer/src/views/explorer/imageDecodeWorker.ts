import { decodeBatch, type DecodeReply, type DecodeRequest } from './imageDecodeProtocol.js';

/**
 * The compare view's image decoding, off the page's thread: making a Blob of each image and
 * decoding it costs the page ~0.5 ms an image, which at 50 runs a step was most of a sweep's frame.
 */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<DecodeRequest>) => void) | null;
  postMessage(message: DecodeReply, transfer: Transferable[]): void;
};

scope.onmessage = async ({ data: { id, images } }) => {
  const results = await decodeBatch(images);
  scope.postMessage(
    { id, results },
    results.flatMap((r) => (r.ok ? [r.bitmap] : [])),
  );
};
