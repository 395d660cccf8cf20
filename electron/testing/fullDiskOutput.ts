import { writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';

/**
 * An `openOutput` for archive writers whose disk fills after `capacity` bytes: it writes through
 * to the partial file until then, and fails every later write with ENOSPC, as a full disk does.
 */
export function fullDiskOutput(capacity = 2048): (partial: string) => Writable {
  let written = 0;
  return (partial) => {
    writeFileSync(partial, '');
    return new Writable({
      write(chunk: Buffer, _enc, done) {
        written += chunk.length;
        if (written > capacity)
          return done(
            Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }),
          );
        writeFileSync(partial, chunk, { flag: 'a' });
        done();
      },
    });
  };
}
