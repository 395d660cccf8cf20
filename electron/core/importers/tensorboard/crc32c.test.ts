import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crc32c, maskCrc, maskedCrc32c } from './crc32c.js';

/** The textbook bit-at-a-time CRC32C, to check the sliced tables against. */
function slowCrc32c(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
  }
  return ~c >>> 0;
}

describe('crc32c', () => {
  it('matches the standard check value and the RFC 3720 (iSCSI) vectors', () => {
    expect(crc32c(new TextEncoder().encode('123456789'))).toBe(0xe3069283);
    expect(crc32c(new Uint8Array(0))).toBe(0);
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
    expect(crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i))).toBe(0x46dd794e);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => 31 - i))).toBe(0x113fdb5c);
  });

  it('agrees with the bitwise definition at every length and alignment, and continues across pieces', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(300), (data, cut) => {
        const at = Math.min(cut, data.length);
        expect(crc32c(data)).toBe(slowCrc32c(data));
        expect(crc32c(data.subarray(at), crc32c(data.subarray(0, at)))).toBe(crc32c(data));
      }),
    );
  });

  it("masks as TensorFlow's crc32c::Mask does", () => {
    // Reference values from TensorFlow's masking formula computed with 64-bit integers.
    for (const crc of [0, 1, 0xe3069283, 0xffffffff, 0x80000000]) {
      const rotated = BigInt(((crc >>> 15) | (crc << 17)) >>> 0);
      expect(maskCrc(crc)).toBe(Number((rotated + 0xa282ead8n) % 2n ** 32n));
    }
    // And a header TensorFlow wrote: its stored value is the masked CRC of the length bytes.
    const file = join(import.meta.dirname, 'fixtures/keras/train');
    const bytes = readFileSync(
      join(file, 'events.out.tfevents.1612276953.ip-172-31-43-116.profile-empty'),
    );
    expect(maskedCrc32c(bytes.subarray(0, 8))).toBe(bytes.readUInt32LE(8));
  });
});
