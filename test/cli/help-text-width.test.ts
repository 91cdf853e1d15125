import fc from 'fast-check';
import stringWidth from 'string-width';
import { expect, test } from 'vitest';
import helpTextWidth from '../../src/cli/help-text-width.js';

test('measures as string-width does, ASCII or not', () => {
  for (const text of [
    '',
    'gosched diff <a> <b>',
    'before → after',
    '日本語',
    'e\u0301',
    '👍🏽 ok',
    '\u001b[31mred\u001b[39m',
    'tab\there',
  ])
    expect(helpTextWidth(text), JSON.stringify(text)).toBe(stringWidth(text));
  fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (text) => helpTextWidth(text) === stringWidth(text)));
});

test('printable ASCII is as wide as it is long', () => {
  fc.assert(
    fc.property(
      fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) }),
      (text) => helpTextWidth(text) === text.length,
    ),
  );
});
