import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { LEAK_MIN_GROWTH, LEAK_MIN_MS, LEAK_NEW_HIGHS, leakSlack } from '../../src/findings/checks/goroutine-leak.js';
import type { Finding } from '../../src/findings/finding.js';
import { headline, rankFindings } from '../../src/findings/rank.js';
import { RunChecker } from '../../src/findings/runner.js';
import { parseText } from '../../src/parse/index.js';
import { analyzeTrace } from '../../src/pipeline.js';
import type { TimelinePoint } from '../../src/trace/timeline.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';
import { samplesDir } from '../helpers/samples.js';

/** A scheddetail dump of 4 Ps, every P idle, with `parked` goroutines in `reason` (200 ms apart). */
function dump(i: number, parked: number, reason = 'chan receive', extra: Record<string, number> = {}): TimelinePoint {
  return {
    line: 1 + i * 10,
    tMs: i * 200,
    gomaxprocs: 4,
    idleprocs: 4,
    threads: 6,
    spinningthreads: 0,
    needspinning: 0,
    idlethreads: 4,
    runqueue: 0,
    runq: [0, 0, 0, 0],
    gByStatus: { waiting: parked + 3, running: 1, ...extra },
    gByReason: { [reason]: parked, 'GC sweep wait': 1, 'force gc (idle)': 1, 'GC scavenge wait': 1 },
  };
}

function leaks(points: TimelinePoint[]): Finding[] {
  const c = new RunChecker('', 0);
  let prev: TimelinePoint | undefined;
  for (const p of points) {
    c.step(prev, p);
    prev = p;
  }
  return c.finish().filter((f) => f.kind === 'goroutine-leak');
}

function analyzeFile(path: string) {
  const { snapshots, trailingGc } = parseText(gunzipSync(readFileSync(path)).toString('utf8'));
  return analyzeTrace(buildTimelines(snapshots, trailingGc));
}

const series = (counts: number[], reason?: string) => counts.map((n, i) => dump(i, n, reason));

describe('goroutine-leak: parked goroutines that only pile up (scheddetail)', () => {
  test('a count that sets a new high at every dump is a leak, likely once it has risen long enough', () => {
    const rising = Array.from({ length: 12 }, (_, i) => 1 + i * 90);
    const f = leaks(series(rising));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ confidence: 'likely', line: 1, tMs: 0 });
    expect(f[0]!.evidence).toMatchObject({ reason: 'chan receive', from: 1, peak: 991, newHighs: 11, streakMs: 2200 });
    expect(f[0]!.explanation).toContain(
      'Probably a goroutine leak: goroutines parked in chan receive rose from 1 to 991',
    );
    expect(f[0]!.explanation).toContain('about 450 a second');
  });

  test('the words name who ends the wait: a timer too for a receive or a select (time.sendTime), only another goroutine for a send', () => {
    const rising = Array.from({ length: 12 }, (_, i) => 1 + i * 90);
    const words = (reason: string) => leaks(series(rising, reason))[0]!.explanation;
    // time.After, a Timer or a Ticker: the runtime sends on the channel when the timer fires, so a
    // receive or a select can end with no other goroutine, and a timeout longer than the log reads the same.
    for (const reason of ['chan receive', 'select']) {
      expect(words(reason)).toContain("or a timer's channel fires (time.After, a Timer or a Ticker");
      expect(words(reason)).toContain('a timeout longer than the log ends the waits');
    }
    // A send has no timeout: only a receiver (or a close) ends it.
    expect(words('chan send')).toContain('only when another goroutine readies it (a receive or a close)');
    expect(words('chan send')).not.toContain('timer');
    expect(words('sync.Cond.Wait')).not.toContain('timer');
    // A nil channel's or an empty select's wait never ends.
    expect(words('chan receive (nil chan)')).toContain('never runs again');
    expect(words('select (no cases)')).not.toContain('unless something wakes them');
  });

  test('fewer new highs than LEAK_LIKELY_HIGHS are possible (a pool taking on workers reads the same)', () => {
    const f = leaks(series([40, 80, 120, 160, 200, 240, 240, 240]));
    expect(f.map((x) => x.confidence)).toEqual(['possible']);
    expect(f[0]!.confidenceReason).toContain('pool still taking on workers');
    // The episode is the rise: it ends where the count holds.
    expect(f[0]!.evidence).toMatchObject({ from: 40, peak: 240, newHighs: 5, streakMs: 1000 });
    expect(f[0]!.tEndMs).toBe(1000);
  });

  test('a start-up step and a plateau is not a leak, however large the step', () => {
    expect(leaks(series([0, 64, 65, 65, 64, 65, 66, 65, 65]))).toEqual([]);
    expect(leaks(series([0, 5000, 5001, 5002, 5003, 5004]))).toEqual([]);
  });

  test('growth below LEAK_MIN_GROWTH is not reported', () => {
    expect(leaks(series([10, 20, 30, 40, 50, 10 + LEAK_MIN_GROWTH - 1]))).toEqual([]);
  });

  test('a fall of more than the slack starts the count again; a smaller one (a worker pool on the same channel) does not', () => {
    const slack = leakSlack(4);
    expect(leaks(series([10, 40, 70, 100, 100 - slack - 1, 130, 160, 190]))).toEqual([]);
    expect(leaks(series([10, 40, 70, 100, 100 - slack, 130, 160, 190]))).toHaveLength(1);
  });

  test('a rise shorter than LEAK_MIN_MS is a start-up (connections, a pool), not a leak', () => {
    // As the labelled netburst captures: 600 connections into IO wait over 50 ms, dumps 10 ms apart.
    const fast = (ms: number) =>
      Array.from({ length: 30 }, (_, i) => ({ ...dump(i, 100 + i * 20, 'IO wait'), tMs: i * ms }));
    expect(leaks(fast(10))).toEqual([]);
    const slow = leaks(fast(LEAK_MIN_MS / 10));
    expect(slow).toHaveLength(1);
    expect(slow[0]!.tMs).toBe(0);
  });

  test('a second reason piling up faster takes the episode over once its claim is as strong, with its own figures', () => {
    const pts = Array.from({ length: 17 }, (_, i) => {
      const d = dump(i, 10 + i * 70);
      d.gByReason = { ...d.gByReason, select: i < 5 ? 0 : (i - 4) * 200 };
      return d;
    });
    // Until select has set LEAK_LIKELY_HIGHS new highs, the likely chan receive pile-up keeps the
    // episode and names the larger one beside it; then select's figures take it over.
    const early = leaks(pts.slice(0, 12));
    expect(early).toHaveLength(1);
    expect(early[0]!.evidence).toMatchObject({
      reason: 'chan receive',
      beside: { reason: 'select', from: 200, peak: 1400 },
    });
    expect(early[0]!.explanation).toContain('Beside them, goroutines parked in select rose from 200 to 1400');
    const f = leaks(pts);
    expect(f).toHaveLength(1);
    expect(f[0]!.evidence).toMatchObject({ reason: 'select', from: 200, peak: 2400 });
  });

  test('the stronger claim leads: a likely select pile-up over a larger possible IO wait one', () => {
    // A transport leaked per request: a reader in IO wait and a writer in select per connection.
    const pts = Array.from({ length: 14 }, (_, i) => {
      const d = dump(i, 10 + i * 30, 'select');
      d.gByReason = { ...d.gByReason, 'IO wait': 20 + i * 60 };
      return d;
    });
    const [f, ...more] = leaks(pts);
    expect(more).toEqual([]);
    expect(f).toMatchObject({ confidence: 'likely', evidence: { reason: 'select', beside: { reason: 'IO wait' } } });
  });

  test('IO wait is possible however long it rises: connections kept open pile up the same way', () => {
    const f = leaks(
      series(
        Array.from({ length: 14 }, (_, i) => i * 50),
        'IO wait',
      ),
    );
    expect(f.map((x) => x.confidence)).toEqual(['possible']);
    expect(f[0]!.explanation).toContain('netpollunblock');
  });

  test('a later fall by more than half the rise refutes the leak: the episode is dropped, and a listener told so', () => {
    const rise = Array.from({ length: 12 }, (_, i) => 1 + i * 90); // 1 → 991
    const hold = [991, 991, 990];
    // Half-way down the rise of 990 (from 1) is 496: above it the claim stands, at it it is refuted.
    expect(leaks(series([...rise, ...hold, 497, 497]))).toHaveLength(1);
    expect(leaks(series([...rise, ...hold, 496, 496]))).toEqual([]);
    // However long after the rise the fall comes.
    expect(leaks(series([...rise, ...Array(30).fill(991), 3]))).toEqual([]);
    const events: string[] = [];
    const c = new RunChecker('', 0, { onFinding: (e) => events.push(`${e.type} ${e.finding.kind}`) });
    let prev: TimelinePoint | undefined;
    for (const p of series([...rise, ...hold, 10, 10])) {
      c.step(prev, p);
      prev = p;
    }
    expect(c.finish().filter((f) => f.kind === 'goroutine-leak')).toEqual([]);
    expect(events.filter((e) => e.endsWith('goroutine-leak'))).toEqual(['open goroutine-leak', 'drop goroutine-leak']);
  });

  test("a leak still parked at the run's end is reported, ending at its last new high", () => {
    const rise = Array.from({ length: 12 }, (_, i) => 1 + i * 90);
    const [f, ...more] = leaks(series([...rise, 991, 985, 991, 991]));
    expect(more).toEqual([]);
    expect(f!.tEndMs).toBe(11 * 200);
  });

  test('lock waiters are not leaks (lock-contention reports them); sleepers piling up are a possible one', () => {
    const rising = Array.from({ length: 14 }, (_, i) => i * 50);
    expect(leaks(series(rising, 'sync.Mutex.Lock'))).toEqual([]);
    const [f, ...more] = leaks(series(rising, 'sleep'));
    expect(more).toEqual([]);
    // A timer wakes a sleeper: long sleeps piling up read the same as loops nothing stops.
    expect(f).toMatchObject({ confidence: 'possible', evidence: { reason: 'sleep', from: 50, peak: 650 } });
    expect(f!.confidenceReason).toContain('long sleeps piling up read the same');
    expect(f!.suggestion).toContain('needs a way to stop');
  });

  test.each(['novel5-go1.25/sleepleak-p4-detail-100ms.log.gz', 'novel5-go1.20/sleepleak-p12-detail-100ms.log.gz'])(
    'real: refreshers nothing stops, parked in sleep, are a possible leak from the first dumps (%s)',
    (file) => {
      const { findings, headline: first } = analyzeFile(join(samplesDir, 'labelled', file));
      expect(first?.kind).toBe('goroutine-leak');
      const [leak, ...more] = findings.filter((f) => f.kind === 'goroutine-leak');
      expect(more).toEqual([]);
      expect(leak).toMatchObject({ confidence: 'possible', evidence: { reason: 'sleep' } });
      // One session in three leaks its refresher, one session every 3 ms: about 110 a second.
      const e = leak!.evidence as { from: number; peak: number; streakMs: number };
      const rate = ((e.peak - e.from) / e.streakMs) * 1000;
      expect(rate).toBeGreaterThan(80);
      expect(rate).toBeLessThan(130);
      expect(leak!.tMs!).toBeLessThan(300);
    },
  );

  test.each([
    ['novel12-go1.26/wgleak-p6-detail-100ms.log.gz', 'sync.WaitGroup.Wait'],
    ['novel12-go1.22/wgleak-p3-detail-50ms.log.gz', 'semacquire'],
  ])(
    'real: handlers waiting on a WaitGroup nobody finishes are a leak, in the reason their release prints (%s)',
    (file, reason) => {
      const { findings, headline: first } = analyzeFile(join(samplesDir, 'labelled', file));
      expect(first?.kind).toBe('goroutine-leak');
      expect(findings.map((f) => f.kind)).toEqual(['goroutine-leak']);
      expect(first).toMatchObject({ confidence: 'likely', evidence: { reason } });
      // Go 1.24 added "sync.WaitGroup.Wait" (sema.go: sync_runtime_SemacquireWaitGroup): the words
      // for semacquire name what it is on the releases between, not only before Go 1.20.
      if (reason === 'semacquire')
        expect(first!.suggestion).toMatch(/a WaitGroup's Wait \(up to Go 1\.23; Go 1\.24 prints/);
      else expect(first!.suggestion).toMatch(/Every Add needs its Done/);
    },
  );

  test("goroutines the runtime's detector marked leaked (status 10) are certain", () => {
    const pts = [dump(0, 5), dump(1, 5, 'chan receive', { leaked: 12 })];
    const f = leaks(pts);
    expect(f.map((x) => x.confidence)).toEqual(['certain']);
    expect(f[0]!.evidence).toMatchObject({ leaked: 12 });
    expect(f[0]!.explanation).toMatch(/^Certainly leaked goroutines: the runtime's leak detector/);
  });

  test('it leads only where nothing costs the Ps time: saturation outranks it', () => {
    const rising = Array.from({ length: 12 }, (_, i) => 1 + i * 90);
    const busy = rising.map((n, i) => ({
      ...dump(i, n),
      idleprocs: 0,
      idlethreads: 1,
      runqueue: 40,
      runq: [10, 10, 10, 10],
    }));
    const c = new RunChecker('', 0);
    let prev: TimelinePoint | undefined;
    for (const p of busy) {
      c.step(prev, p);
      prev = p;
    }
    const ranked = rankFindings(c.finish());
    expect(ranked.map((f) => f.kind)).toContain('goroutine-leak');
    expect(headline(ranked)?.kind).toBe('saturation');
  });

  test('property: fewer than LEAK_NEW_HIGHS rises, or less than LEAK_MIN_GROWTH between the lowest and highest count, is never a leak', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 2, maxLength: 30 }), (counts) => {
        let rises = 0;
        for (let i = 1; i < counts.length; i++) if (counts[i]! > counts[i - 1]!) rises++;
        const range = Math.max(...counts) - Math.min(...counts);
        const found = leaks(series(counts));
        if (rises < LEAK_NEW_HIGHS || range < LEAK_MIN_GROWTH) expect(found).toEqual([]);
        // Whatever it finds is possible or likely (counts never make it certain), over a rise of LEAK_MIN_GROWTH at least.
        for (const f of found) {
          expect(f.confidence).not.toBe('certain');
          expect(f.kind === 'goroutine-leak' && f.evidence.peak - f.evidence.from).toBeGreaterThanOrEqual(
            LEAK_MIN_GROWTH,
          );
        }
      }),
      { numRuns: 300 },
    );
  });
});
