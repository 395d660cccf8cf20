import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { api, METHODS } from './api.js';
import { BINARY_METHODS, decodeBinaryReply, encodeBinaryReply } from './binaryReply.js';

const body = (pieces: Uint8Array[]): ArrayBuffer => {
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of pieces) out.set(p, (at += p.length) - p.length);
  return out.buffer;
};

describe('binary replies', () => {
  it('round-trips an answer with its bytes, any text in it included', () => {
    const answer = {
      images: [{ path: 'images/größe ✓ 🐱.png', offset: 0, length: 3 }],
      rest: 2,
      bytes: Uint8Array.from([0, 255, 7]),
    };
    const pieces = encodeBinaryReply(answer);
    expect(pieces[1]).toBe(answer.bytes); // the bytes are written as they are, never copied
    const back = decodeBinaryReply(body(pieces));
    expect(back).toEqual(answer);
    expect(back.bytes).toBeInstanceOf(Uint8Array);
  });

  it('says a body is cut short instead of answering garbage', () => {
    const whole = new Uint8Array(body(encodeBinaryReply({ bytes: new Uint8Array(2) })));
    expect(() => decodeBinaryReply(whole.slice(0, 5).buffer)).toThrow(
      "the server's binary answer is cut short (5 bytes)",
    );
    expect(() => decodeBinaryReply(new ArrayBuffer(2))).toThrow('cut short');
  });

  it('lists exactly the methods whose answer has a block of bytes', () => {
    const withBytes = METHODS.filter((m) => {
      const output = api[m].output as z.ZodType;
      const bytes =
        output instanceof z.ZodObject ? (output.shape.bytes as z.ZodType | undefined) : undefined;
      return bytes?.safeParse(new Uint8Array(1)).success === true;
    });
    expect(withBytes.sort()).toEqual([...BINARY_METHODS].sort());
    expect(withBytes.length).toBeGreaterThan(0);
  });
});
