import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { expect, test } from 'vitest';
import type { Output } from '../../src/cli/output.js';
import { Spool } from '../../src/cli/spool.js';

function collect(): { out: Output; text: () => string } {
  const parts: Buffer[] = [];
  const out: Output = {
    name: '<test>',
    write: (t) => parts.push(typeof t === 'string' ? Buffer.from(t) : Buffer.from(t)),
    flush: async () => {},
    close: async () => {},
  };
  return { out, text: () => Buffer.concat(parts).toString('utf8') };
}

test('text past the memory threshold goes through a temporary file and comes back whole, in order', async () => {
  const before = new Set(readdirSync(tmpdir()).filter((f) => f.startsWith('gosched-')));
  const s = new Spool();
  const pieces: string[] = [];
  // ~24 MB with multi-byte characters, so chunks read back may split a character
  for (let i = 0; i < 120_000; i++) {
    const p = `run ${i} → ${'é'.repeat(i % 7)}${'x'.repeat(190)}\n`;
    pieces.push(p);
    s.write(p);
  }
  // The browser tests' Chromium profiles (gosched-chromium-*) may appear meanwhile in the same tmpdir.
  const spilled = readdirSync(tmpdir()).filter(
    (f) => f.startsWith('gosched-') && !f.startsWith('gosched-chromium-') && !before.has(f),
  );
  expect(spilled).toHaveLength(1);
  const c = collect();
  await s.copyTo(c.out);
  expect(c.text()).toBe(pieces.join(''));
  expect(existsSync(`${tmpdir()}/${spilled[0]}`)).toBe(false);
});

test('short text never touches the disk', async () => {
  const s = new Spool();
  s.write('a');
  s.write('b');
  const c = collect();
  await s.copyTo(c.out);
  expect(c.text()).toBe('ab');
});
