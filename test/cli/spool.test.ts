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
    writeNow: (b) => parts.push(Buffer.from(b)),
    flush: async () => {},
    close: async () => {},
  };
  return { out, text: () => Buffer.concat(parts).toString('utf8') };
}

test('text past the memory threshold goes through a temporary file and comes back whole, in order', async () => {
  // the spool's folder is mkdtemp('gosched-'): six characters after the prefix, unlike the folders
  // other tests running at the same time make (gosched-chromium-…, gosched-lazy-…)
  const isSpool = (f: string) => /^gosched-[A-Za-z0-9]{6}$/.test(f);
  const before = new Set(readdirSync(tmpdir()).filter(isSpool));
  const s = new Spool();
  const pieces: string[] = [];
  // ~24 MB with multi-byte characters, so chunks read back may split a character
  for (let i = 0; i < 120_000; i++) {
    const p = `run ${i} → ${'é'.repeat(i % 7)}${'x'.repeat(190)}\n`;
    pieces.push(p);
    s.write(p);
  }
  const spilled = readdirSync(tmpdir()).filter((f) => isSpool(f) && !before.has(f));
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

test('lines come back whole and in order across the memory threshold and the file chunks', () => {
  const s = new Spool(1000);
  const lines: string[] = [];
  // lines longer than a read chunk (1 MiB) and multi-byte characters across chunk edges
  for (let i = 0; i < 3000; i++) {
    const l = `${i} ${'é'.repeat(i % 13)}${i % 1000 === 7 ? 'y'.repeat(1_200_000) : ''}`;
    lines.push(l);
    s.write(`${l}\n`);
  }
  expect([...s.lines()]).toEqual(lines);
  expect([...new Spool().lines()]).toEqual([]);
});

test('bytes go to the file after the text written before them', async () => {
  const s = new Spool();
  s.write('a → ');
  s.writeBytes(Buffer.from('b é '));
  s.write('c');
  s.writeBytes(Buffer.from('d'));
  const c = collect();
  await s.copyTo(c.out);
  expect(c.text()).toBe('a → b é cd');
});
