import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Snapshot } from '../../src/trace/snapshot.js';
import { parseFed } from '../helpers/parse-feeds.js';
import { samplesDir } from '../helpers/samples.js';

/**
 * The runtime prints each P, M and G line of a scheddetail dump with writes of its own, so another
 * thread's log line can land between two of them (stderr shared with the program, `2>&1`, a CRI file
 * mixing both streams). Such a line is foreign and the dump goes on; only a line that is neither
 * P/M/G nor SCHED after it ends the dump where the foreign line was.
 */
const parse = parseFed;

/** What a dump holds, without where its lines were. */
const shape = (s: Snapshot) => ({
  tMs: s.tMs,
  runqueue: s.runqueue,
  runq: s.runq,
  p: s.detail?.p.length,
  m: s.detail?.m.length,
  g: s.detail?.g.length ?? s.detail?.gTally?.statuses.length,
  statuses: s.detail?.g.map((g) => g.status).join(','),
});

const real = readFileSync(join(samplesDir, 'go1.26', 'gcheavy-p4-detail-100ms.log'), 'utf8');

/** The real log with an application line after every `every`-th detail line. */
function interleave(text: string, every: number, line = (i: number) => `2026/12/02 07:00:00 worker ${i} done`) {
  let n = 0;
  const out: string[] = [];
  for (const l of text.split('\n')) {
    out.push(l);
    if (l.startsWith('  ') && ++n % every === 0) out.push(line(n));
  }
  return { text: out.join('\n'), added: Math.floor(n / every) };
}

describe('foreign lines between the lines of a scheddetail dump', () => {
  const want = parse(real, 'lines');

  test.each(['lines', 'block', 'bytes'] as const)('keep the dump whole (%s)', (feed) => {
    expect(want.counts.malformed).toBe(0);
    for (const every of [1, 7, 50]) {
      const { text, added } = interleave(real, every);
      const got = parse(text, feed);
      expect(got.counts.malformed, `every ${every}`).toBe(0);
      expect(got.counts.foreign, `every ${every}`).toBe(want.counts.foreign + added);
      expect(got.counts.schedtrace).toBe(want.counts.schedtrace);
      expect(got.snapshots.map(shape)).toEqual(want.snapshots.map(shape));
    }
  });

  test('tens of foreign lines in a row keep the dump whole; a thousand, or crash text, end it there', () => {
    const lines = real.split('\n');
    const firstG = lines.findIndex((l) => l.startsWith('  G'));
    const logs = (n: number) => Array.from({ length: n }, (_, i) => `2026/12/06 01:35:29.${100000 + i} log ${i}`);
    // After the first G line, 50 log lines (the runtime's thread waited for a CPU while 8 threads logged).
    const wait = [...lines.slice(0, firstG + 1), ...logs(50), ...lines.slice(firstG + 1)].join('\n');
    const whole = parse(wait, 'lines');
    expect(whole.snapshots.map(shape)).toEqual(want.snapshots.map(shape));
    expect(whole.counts.malformed).toBe(0);
    // Past MAX_LINES_BETWEEN_WRITES (1000) the dump was over at the first of them: the rest are orphans.
    const cut = [...lines.slice(0, firstG + 1), ...logs(1100), ...lines.slice(firstG + 1)].join('\n');
    const got = parse(cut, 'lines');
    expect(got.snapshots[0]!.detail?.g.length).toBe(1);
    expect(got.counts.malformed).toBeGreaterThan(0);
    // A crash's text ends it at once: the stack trace that follows is no part of the dump.
    const crash = [...lines.slice(0, firstG + 1), 'panic: boom', ...lines.slice(firstG + 1)].join('\n');
    expect(parse(crash, 'lines').snapshots[0]!.detail?.g.length).toBe(1);
  });

  test.each(['lines', 'block', 'bytes'] as const)(
    'a line spliced inside a P, M or G line is joined back at the write it cut (%s)',
    (feed) => {
      // Each `key=` and each value is a write: cut every 5th detail line after a key's `=` (the value
      // goes on at the next line) or before a ` key=` (after a value), alternately.
      let n = 0;
      let cuts = 0;
      const out: string[] = [];
      for (const l of real.split('\n')) {
        const m = l.startsWith('  ') && ++n % 5 === 0 ? [...l.matchAll(/ [a-z]+=/g)] : [];
        const at = m.length > 2 ? m[2]! : undefined;
        if (at === undefined) {
          out.push(l);
          continue;
        }
        const cut = cuts++ % 2 === 0 ? at.index! + at[0].length : at.index!;
        out.push(`${l.slice(0, cut)}2026/12/02 07:00:00 level=info msg="request done" n=${cuts}`, l.slice(cut));
      }
      expect(cuts).toBeGreaterThan(20);
      const got = parse(out.join('\n'), feed);
      expect(got.counts.malformed).toBe(0);
      expect(got.counts.schedtrace).toBe(want.counts.schedtrace + cuts);
      expect(got.snapshots.map(shape)).toEqual(want.snapshots.map(shape));
      const told = got.diagnostics.filter((d) => d.code === 'interleaved-text');
      expect(told).toHaveLength(cuts);
      expect(told[0]!.message).toContain('level=info msg=');
    },
  );
});
