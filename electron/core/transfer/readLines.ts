import { closeSync, openSync, readSync } from 'node:fs';

/**
 * The lines of a UTF-8 file, read synchronously in 1 MB chunks (an import reads them inside one
 * SQLite transaction, which cannot await). A line is decoded only once whole, so characters split
 * across chunks stay intact.
 */
export function* readLines(path: string, chunkBytes = 1 << 20): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(chunkBytes);
    let rest = Buffer.alloc(0);
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      const data = rest.length
        ? Buffer.concat([rest, buffer.subarray(0, n)])
        : buffer.subarray(0, n);
      let start = 0;
      for (let end = data.indexOf(10, start); end !== -1; end = data.indexOf(10, start)) {
        yield data.toString('utf8', start, end);
        start = end + 1;
      }
      rest = Buffer.from(data.subarray(start));
    }
    if (rest.length) yield rest.toString('utf8');
  } finally {
    closeSync(fd);
  }
}
