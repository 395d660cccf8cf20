import { open } from 'node:fs/promises';
import type { AsyncBuffer } from 'hyparquet';
import { UserError } from '../../userError.js';

export interface ClosableAsyncBuffer extends AsyncBuffer {
  slice(start: number, end?: number): Promise<ArrayBuffer>;
  close(): Promise<void>;
}

/**
 * A file hyparquet reads by byte range (positioned reads on one open handle), so only the ranges
 * it asks for are ever in memory. A range outside the file, or a file that shrank, is a UserError.
 */
export async function fileAsyncBuffer(
  path: string,
  fileName: string,
): Promise<ClosableAsyncBuffer> {
  const handle = await open(path, 'r');
  const { size } = await handle.stat();
  return {
    byteLength: size,
    async slice(start, end = size) {
      if (!(start >= 0 && end >= start && end <= size))
        throw new UserError(`${fileName} is not a valid Parquet file (it points past its own end)`);
      const out = new Uint8Array(end - start);
      let done = 0;
      while (done < out.length) {
        const { bytesRead } = await handle.read(out, done, out.length - done, start + done);
        if (bytesRead === 0)
          throw new UserError(
            `${fileName} changed while it was being imported; nothing was stored, import it again`,
          );
        done += bytesRead;
      }
      return out.buffer;
    },
    close: () => handle.close(),
  };
}

/** The same interface over bytes already in memory (a gzip-compressed Parquet file, inflated). */
export function memoryAsyncBuffer(bytes: Uint8Array): ClosableAsyncBuffer {
  const size = bytes.byteLength;
  return {
    byteLength: size,
    slice(start, end = size) {
      if (!(start >= 0 && end >= start && end <= size))
        return Promise.reject(new Error('a range past the end of the file'));
      return Promise.resolve(bytes.slice(start, end).buffer);
    },
    close: () => Promise.resolve(),
  };
}
