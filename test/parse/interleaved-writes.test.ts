import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Diagnostic } from '../../src/messages.js';
import type { Snapshot } from '../../src/trace/snapshot.js';
import { type Feed, parseFed } from '../helpers/parse-feeds.js';
import { samplesDir } from '../helpers/samples.js';
import { WAIT_REASONS } from '../../src/parse/dump-strings.js';

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

/** A logstorm capture and the dumps the runtime began in it, whatever cut their head (`SCHED ` is a write of its own). */
function logstorm(file: string) {
  const text = gunzipSync(readFileSync(join(samplesDir, 'programs', file))).toString('utf8');
  return { text, heads: text.split('SCHED ').length - 1 };
}

/** What was cut out is the other writer's lines, each whole: nothing of the runtime's, nothing left over. */
function expectWholeLogLinesCut(r: ReturnType<typeof parse>, heads: number) {
  const cut = r.diagnostics.filter((d) => d.code === 'interleaved-text').map(skipped);
  expect(cut.length).toBeGreaterThan(heads);
  // (A blank the runtime wrote before the cut may go with it.)
  for (const t of cut) expect(t?.trim()).toMatch(LOG_LINE);
}

describe('real captures of a program logging from 8 goroutines (logstorm)', () => {
  for (const release of ['go1.26', 'go1.19']) {
    const file = `logstorm-${release}-p4-5ms.log.gz`;
    const { text, heads } = logstorm(file);

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
      expectWholeLogLinesCut(r, heads);
    });
  }
});

describe('real scheddetail captures of the same program (logstorm)', () => {
  for (const release of ['go1.26', 'go1.19']) {
    const file = `logstorm-${release}-p4-detail-10ms.log.gz`;
    const { text, heads } = logstorm(file);

    test.each(['lines', 'block', 'bytes'] as const)(`${file}: every dump is read whole (%s)`, (feed) => {
      const r = parse(text, feed);
      expect(r.counts.malformed).toBe(0);
      expect(r.snapshots.length).toBe(heads);
      const goroutines = new Set<number>();
      for (const s of r.snapshots) {
        const d = s.detail!;
        expect(d.p.map((p) => p.id)).toEqual([...Array(s.gomaxprocs).keys()]);
        // schedtrace prints every M in allm: as many as threads= counts.
        expect(d.m.length).toBe(s.threads);
        for (const g of d.g) expect(WAIT_REASONS.has(g.waitReason)).toBe(true);
        if (s.tMs! > 0) goroutines.add(d.g.length);
      }
      // The program's 13 goroutines (main, 8 workers, the runtime's 4) at every dump after the first.
      expect([...goroutines]).toEqual([13]);
      expectWholeLogLinesCut(r, heads);
    });
  }
});

describe('real gctrace captures of the same program allocating (logstorm -alloc 65536)', () => {
  for (const release of ['go1.26', 'go1.19']) {
    const file = `logstorm-${release}-p4-gctrace-10ms.log.gz`;
    const { text, heads } = logstorm(file);

    test.each(['lines', 'block', 'bytes'] as const)(`${file}: every cycle is read (%s)`, (feed) => {
      const r = parse(text, feed);
      expect(r.counts.malformed).toBe(0);
      expect(r.snapshots.length).toBe(heads);
      // Cycles 1 to the last, none missing (the runtime numbers them), each once.
      expect(r.cycles.map((c) => c.cycle)).toEqual(r.cycles.map((_, i) => i + 1));
      expect(r.cycles.length).toBeGreaterThan(50);
      expect(r.diagnostics.filter((d) => d.code === 'gctrace-gap')).toEqual([]);
      for (let i = 0; i < r.cycles.length; i++) {
        expect(r.cycles[i]!.procs).toBe(4);
        if (i > 0) expect(r.cycles[i]!.atMs).toBeGreaterThanOrEqual(r.cycles[i - 1]!.atMs);
      }
      const cut = r.diagnostics.filter((d) => d.code === 'interleaved-gctrace').map(skipped);
      expect(cut.length).toBeGreaterThan(r.cycles.length / 2);
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

/**
 * Another writer's line at a cut (one of three styles), then 0 to 2 more of its whole lines before the
 * runtime's next write (the printing thread waited for a CPU).
 */
function otherOutput(n: number): string {
  let text = `${foreignLines[n % foreignLines.length]!(n)}\n`;
  for (let k = 0; k < (n >> 4) % 3; k++) text += `${foreignLines[(n + k + 1) % foreignLines.length]!(n + k)}\n`;
  return text;
}

/**
 * A line's writes with 0 to 3 cuts after any of them (after the last: the line's `\n` comes alone),
 * chosen by picks[4i, 4i + 4), and other output at each.
 */
function cutWrites(writes: string[], picks: number[], i: number): { text: string; inserted: number } {
  const cuts = new Set<number>();
  for (let k = 0; k < picks[4 * i]! % 4; k++) cuts.add(1 + (picks[4 * i + 1 + k]! % writes.length));
  let text = '';
  for (let j = 0; j <= writes.length; j++) {
    if (cuts.has(j)) text += otherOutput(picks[4 * i + 3]! + j);
    text += writes[j] ?? '';
  }
  return { text, inserted: cuts.size };
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
                  text += otherOutput(picks[4 * i + 3]! + j);
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

/**
 * The runtime's writes of a P, M or G line (schedtrace's print calls): `  P` and the id, `: status=`
 * or ` key=` and each value, a negative number's sign on its own (printint), a G's `(`, wait reason
 * and `) m=`; then the line's `\n` (an empty line when another writer's line comes before it).
 */
function detailWritesOf(line: string): string[] {
  const value = (v: string) => (v.startsWith('-') ? ['-', v.slice(1)] : [v]);
  const head = /^( {2}[PMG])(\d+): (.*)$/.exec(line)!;
  const out = [head[1]!, head[2]!];
  const g = /^status=(\d+)\((.*)\) m=(\S+) lockedm=(\S+)$/.exec(head[3]!);
  if (g !== null) out.push(': status=', g[1]!, '(', g[2]!, ') m=', ...value(g[3]!), ' lockedm=', ...value(g[4]!));
  else
    head[3]!.split(/ (?=[a-z]+=)/).forEach((kv, i) => {
      const eq = kv.indexOf('=');
      out.push(`${i === 0 ? ': ' : ' '}${kv.slice(0, eq + 1)}`, ...value(kv.slice(eq + 1)));
    });
  return out.filter((w) => w !== '');
}

describe('other writers\u2019 lines between the writes of P, M and G lines', () => {
  for (const sample of ['go1.26/gcheavy-p4-detail-100ms.log', 'go1.19/netpoll-p2-detail-200ms.log']) {
    // The first three dumps (hundreds of lines each are cut in every run).
    const all = readFileSync(join(samplesDir, sample), 'utf8').split('\n');
    const fourth = all.findIndex(
      (l, i) => l.startsWith('SCHED ') && all.slice(0, i).filter((x) => x.startsWith('SCHED ')).length === 3,
    );
    const lines = all.slice(0, fourth);
    const clean = lines.join('\n');
    const want = parse(clean, 'lines').snapshots.map((s) => s.detail);

    test(`${sample}: the writes rebuild each line`, () => {
      for (const l of lines.filter((x) => /^ {2}[PMG]\d/.test(x))) expect(detailWritesOf(l).join('')).toBe(l);
    });

    test(`${sample}: each dump read as if nothing had cut it`, () => {
      fc.assert(
        fc.property(
          fc.array(fc.nat(), { minLength: 4 * lines.length, maxLength: 4 * lines.length }),
          fc.constantFrom<Feed>('lines', 'block', 'bytes'),
          (picks, feed) => {
            const out: string[] = [];
            let inserted = 0;
            lines.forEach((l, i) => {
              if (!/^ {2}[PMG]\d/.test(l)) {
                out.push(l);
                return;
              }
              const cut = cutWrites(detailWritesOf(l), picks, i);
              inserted += cut.inserted;
              out.push(cut.text);
            });
            const r = parse(`${out.join('\n')}\n`, feed);
            expect(r.snapshots.map((s) => s.detail)).toEqual(want);
            expect(r.counts.malformed).toBe(0);
            expect(r.diagnostics.filter((d) => d.code === 'interleaved-text').length).toBe(inserted);
          },
        ),
        { numRuns: 30 },
      );
    });
  }
});

/**
 * The runtime's writes of a gctrace line (gcMarkTermination's print calls): each number, and the
 * text between, one write but `%: ` (`%` then `: `) and ` P (forced)` (` P` then ` (forced)`); then
 * the line's `\n`.
 */
function gcWritesOf(line: string): string[] {
  const out: string[] = [];
  for (const part of line.match(/\d+(?:\.\d+)?|[^\d]+/g) ?? []) {
    if (part === '%: ') out.push('%', ': ');
    else if (part === '% (checking for goroutine leaks): ') out.push('%', ' (checking for goroutine leaks)', ': ');
    else if (part === ' P (forced)') out.push(' P', ' (forced)');
    else out.push(part);
  }
  return out;
}

describe('other writers\u2019 lines between the writes of gctrace lines', () => {
  for (const sample of [
    'go1.26/gcheavy-p4-gctrace-50ms.log',
    'go1.19/gcheavy-gctrace-p4-50ms-a.log',
    'programs/gcloop-go1.26-p4-gctrace-50ms.log',
    'programs/leakprofile-go1.26-p4-gctrace-100ms.log',
  ]) {
    const all = readFileSync(join(samplesDir, sample), 'utf8').split('\n');
    // The first 40 gctrace lines and the dumps among them.
    const fortieth = all.findIndex(
      (l, i) => l.startsWith('gc ') && all.slice(0, i).filter((x) => x.startsWith('gc ')).length === 40,
    );
    const lines = all.slice(0, fortieth);
    const want = parse(lines.join('\n'), 'lines').cycles;

    test(`${sample}: the writes rebuild each line`, () => {
      for (const l of lines.filter((x) => x.startsWith('gc '))) expect(gcWritesOf(l).join('')).toBe(l);
      expect(want.length).toBe(40);
    });

    test(`${sample}: every cycle read as if nothing had cut it`, () => {
      fc.assert(
        fc.property(
          fc.array(fc.nat(), { minLength: 4 * lines.length, maxLength: 4 * lines.length }),
          fc.constantFrom<Feed>('lines', 'block', 'bytes'),
          (picks, feed) => {
            let inserted = 0;
            const out = lines.map((l, i) => {
              if (!l.startsWith('gc ')) return l;
              const cut = cutWrites(gcWritesOf(l), picks, i);
              inserted += cut.inserted;
              return cut.text;
            });
            const r = parse(`${out.join('\n')}\n`, feed);
            expect(r.cycles).toEqual(want);
            expect(r.diagnostics.filter((d) => d.code === 'interleaved-gctrace').length).toBe(inserted);
          },
        ),
        { numRuns: 40 },
      );
    });
  }
});
