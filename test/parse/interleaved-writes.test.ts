import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Diagnostic } from '../../src/messages.js';
import type { Snapshot } from '../../src/trace/snapshot.js';
import { type Feed, parseFed } from '../helpers/parse-feeds.js';
import { samplesDir } from '../helpers/samples.js';

/**
 * runtime.schedtrace prints a SCHED line with one write per argument, so a program that logs to
 * the same stderr from other threads has its lines land between them, as often as it writes: the
 * logstorm captures (samples/programs) cut up to four times in one dump.
 */
const parse = parseFed;

/** A dump's values, without where its lines were. */
const values = (s: Snapshot) => ({
  tMs: s.tMs,
  gomaxprocs: s.gomaxprocs,
  idleprocs: s.idleprocs,
  threads: s.threads,
  spinningthreads: s.spinningthreads,
  needspinning: s.needspinning,
  idlethreads: s.idlethreads,
  runqueue: s.runqueue,
  runq: s.runq,
  schedticks: s.schedticks,
});

const LOG_LINE = /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d\.\d{6} worker \d+ handled request \d+$/;
const skipped = (d: Diagnostic) => /skipped: "(.*)"$/.exec(d.message)?.[1];

describe('real captures of a program logging from 8 goroutines (logstorm)', () => {
  for (const release of ['go1.26', 'go1.19']) {
    const file = `logstorm-${release}-p4-5ms.log.gz`;
    const text = gunzipSync(readFileSync(join(samplesDir, 'programs', file))).toString('utf8');
    // Every dump the runtime began, whatever cut its head: `SCHED ` is a write of its own.
    const heads = text.split('SCHED ').length - 1;

    test.each(['lines', 'block', 'bytes'] as const)(`${file}: every dump is read whole (%s)`, (feed) => {
      const r = parse(text, feed);
      expect(r.counts.malformed).toBe(0);
      expect(r.snapshots.length).toBe(heads);
      const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
      expect(r.counts.lines).toBe(lines);
      expect(r.counts.schedtrace + r.counts.foreign).toBe(lines);
      let prev: Snapshot | undefined;
      for (const s of r.snapshots) {
        expect(s.runq.length).toBe(s.gomaxprocs);
        expect(s.idleprocs).toBeLessThanOrEqual(s.gomaxprocs);
        if (release === 'go1.26') expect(s.schedticks?.length).toBe(s.gomaxprocs);
        if (prev !== undefined) {
          expect(s.tMs).toBeGreaterThan(prev.tMs!);
          s.schedticks?.forEach((t, p) => expect(t).toBeGreaterThanOrEqual(prev!.schedticks![p]!));
        }
        prev = s;
      }
      // What was cut out is the other writer's lines, each whole: nothing of the runtime's, nothing left over.
      const cut = r.diagnostics.filter((d) => d.code === 'interleaved-text').map(skipped);
      expect(cut.length).toBeGreaterThan(heads);
      // (A blank the runtime wrote before the cut may go with it.)
      for (const t of cut) expect(t?.trim()).toMatch(LOG_LINE);
    });
  }
});

/**
 * The runtime's writes of a summary line (schedtrace's print calls, Go 1.5 to 1.26): each number,
 * and the text between numbers, which is one write except ` [ ` (` ` then `[ `), ` [` (` ` then
 * `[`), ` ] schedticks=[ ` (` ]` then ` schedticks=[ `) and the schedticks list's closing ` ]` (` `
 * then `]`).
 */
function writesOf(line: string): string[] {
  const parts = line.match(/\d+|\D+/g) ?? [];
  const out: string[] = [];
  parts.forEach((part, i) => {
    if (part === ' [ ') out.push(' ', '[ ');
    else if (part === ' [') out.push(' ', '[');
    else if (part === ' ] schedticks=[ ') out.push(' ]', ' schedticks=[ ');
    else if (part === ' ]' && i === parts.length - 1 && line.includes('schedticks=')) out.push(' ', ']');
    else out.push(part);
  });
  return out;
}

const foreignLines = [
  (n: number) => `2026/12/06 01:09:14.${String(100000 + n).slice(1)} worker ${n % 8} handled request ${n}`,
  (n: number) => `{"level":"info","msg":"handled","request":${n}}`,
  (n: number) => `INFO request ${n} served in 3ms`,
];

describe('other writers\u2019 lines between any of schedtrace\u2019s writes', () => {
  for (const sample of [
    'go1.26/oversub-p8-20ms-a.log',
    'go1.19/oversub-p8-20ms-a.log',
    'go1.26/gosched-p4-50ms-a.log',
  ]) {
    const clean = readFileSync(join(samplesDir, sample), 'utf8');
    const lines = clean.split('\n').filter((l) => l.startsWith('SCHED '));
    const want = parse(clean, 'lines').snapshots.map(values);

    test(`${sample}: the writes rebuild each line`, () => {
      for (const l of lines) expect(writesOf(l).join('')).toBe(l);
      expect(want.length).toBe(lines.length);
    });

    test(`${sample}: each dump read as if nothing had cut it`, () => {
      fc.assert(
        fc.property(
          fc.array(fc.nat(), { minLength: lines.length, maxLength: lines.length }),
          fc.array(fc.nat(), { minLength: 4 * lines.length, maxLength: 4 * lines.length }),
          fc.constantFrom<Feed>('lines', 'block', 'bytes'),
          (cutCounts, picks, feed) => {
            const out: string[] = [];
            let inserted = 0;
            lines.forEach((l, i) => {
              const writes = writesOf(l);
              // 0 to 3 cuts, between two writes (never before the first or after the last).
              const cuts = new Set<number>();
              for (let k = 0; k < cutCounts[i]! % 4; k++) cuts.add(1 + (picks[4 * i + k]! % (writes.length - 1)));
              let text = '';
              writes.forEach((w, j) => {
                if (cuts.has(j)) {
                  const n = picks[4 * i + 3]! + j;
                  text += `${foreignLines[n % foreignLines.length]!(n)}\n`;
                  inserted++;
                }
                text += w;
              });
              out.push(text);
            });
            const r = parse(`${out.join('\n')}\n`, feed);
            expect(r.snapshots.map(values)).toEqual(want);
            expect(r.counts.malformed).toBe(0);
            const cut = r.diagnostics.filter((d) => d.code === 'interleaved-text');
            expect(cut.length).toBe(inserted);
          },
        ),
        { numRuns: 60 },
      );
    });
  }
});
