import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeBytes } from '../../src/parse/byte-cursor.js';

/**
 * decodeBytes reads a Buffer's ASCII line as Latin-1 (the blocks the CLI reads from files) and
 * anything else with the UTF-8 decoder: a line must come out the same whichever way its bytes are
 * held, as the decoder alone makes it.
 */
const decoder = new TextDecoder();

describe('decodeBytes', () => {
  test('a Buffer and a plain Uint8Array of the same bytes give the decoder’s string (fast-check)', () => {
    // Bytes of application text: ASCII mostly, UTF-8 sequences, a byte order mark, invalid bytes.
    const piece = fc.oneof(
      { arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 60 }), weight: 6 },
      { arbitrary: fc.constantFrom('é', '→', '\uFEFF', '日本', '😀'), weight: 2 },
      { arbitrary: fc.constantFrom('\xff', '\xc3', '\xe2\x82'), weight: 1 },
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), fc.nat(4), (parts, pad) => {
        // Invalid bytes as they are (latin1), the rest as UTF-8.
        const bytes = Buffer.concat([
          Buffer.alloc(pad, 0x41),
          ...parts.map((p) => (/^[\xc3\xe2\xff\x82]+$/.test(p) ? Buffer.from(p, 'latin1') : Buffer.from(p, 'utf8'))),
          Buffer.alloc(pad, 0x42),
        ]);
        const want = decoder.decode(bytes.subarray(pad, bytes.length - pad));
        expect(decodeBytes(bytes, pad, bytes.length - pad)).toBe(want);
        expect(decodeBytes(new Uint8Array(bytes), pad, bytes.length - pad)).toBe(want);
      }),
      { numRuns: 3000 },
    );
  });

  test('a line longer than 32 bytes that starts with a byte order mark loses it, as the decoder drops it', () => {
    const line = Buffer.from(
      '\uFEFFSCHED 0ms: gomaxprocs=1 idleprocs=0 threads=2 spinningthreads=0 idlethreads=0 runqueue=0 [0]',
    );
    expect(decodeBytes(line, 0, line.length)).toBe(line.toString('utf8').slice(1));
    const ascii = Buffer.from('2026/12/06 10:00:00 GET /api/v1/orders 200 3.123ms bytes=4096');
    expect(decodeBytes(ascii, 0, ascii.length)).toBe(ascii.toString('ascii'));
  });
});
