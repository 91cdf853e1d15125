import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { formatHeadline, indented, QueuePeaks } from '../../src/cli/format-analysis.js';
import { RunJsonWriter } from '../../src/cli/run-json.js';
import { TraceAnalyzer } from '../../src/findings/trace-analyzer.js';
import { parseText } from '../../src/parse/index.js';
import { tellStory } from '../../src/report/story.js';
import { pileUpWords } from '../../src/findings/checks/pile-up-words.js';
import { PILE_UP_MIN_GROWTH, PILE_UP_NEW_HIGHS, PileUps, readiedByOthers } from '../../src/trace/pile-up.js';
import { samplesDir } from '../helpers/samples.js';

/** Dumps 200 ms apart whose waiting goroutines by reason are `counts`, one record per dump. */
function follow(counts: Record<string, number>[]): PileUps {
  const p = new PileUps();
  counts.forEach((c, i) => p.add(c, i * 200, i * 100 + 1));
  return p;
}

const send = (...ns: number[]): Record<string, number>[] =>
  ns.map((n): Record<string, number> => (n === 0 ? {} : { 'chan send': n }));

describe('a pile-up of parked goroutines that drained', () => {
  test('a rise in new highs that falls back by more than half is kept, with its low, peak and last count', () => {
    const p = follow(send(0, 100, 200, 300, 400, 250, 100, 40)).drained();
    expect(p).toEqual({
      reason: 'chan send',
      from: 0,
      fromMs: 0,
      peak: 400,
      peakMs: 800,
      peakLine: 401,
      highs: 4,
      last: 40,
      lastMs: 1400,
    });
  });

  test('a count still up at the last dump is no drained pile-up (the goroutine-leak rule judges it)', () => {
    expect(follow(send(0, 100, 200, 300, 400, 250, 201)).drained()).toBeUndefined();
    expect(follow(send(0, 100, 200, 300, 400, 200)).drained()?.last).toBe(200);
  });

  test(`fewer than ${PILE_UP_NEW_HIGHS} new highs, or a rise under ${PILE_UP_MIN_GROWTH}, is none`, () => {
    expect(PILE_UP_NEW_HIGHS).toBe(3);
    // A start-up's pool or a burst parks them in one or two steps: not a pile-up.
    expect(follow(send(0, 300, 600, 0)).drained()).toBeUndefined();
    expect(follow(send(0, 200, 400, 600, 0)).drained()?.peak).toBe(600);
    expect(follow(send(0, 10, 20, PILE_UP_MIN_GROWTH - 1, 0)).drained()).toBeUndefined();
    expect(follow(send(0, 10, 20, PILE_UP_MIN_GROWTH, 0)).drained()?.peak).toBe(PILE_UP_MIN_GROWTH);
  });

  test('a reason missing from a dump counts 0 there: its goroutines were all readied', () => {
    const counts = [{ select: 5 }, ...send(100, 200, 300, 400), { select: 5 }];
    expect(follow(counts).drained()).toMatchObject({ reason: 'chan send', from: 0, fromMs: 0, peak: 400, last: 0 });
  });

  test('the largest of several reasons is kept; waits that others do not end (IO wait, sleep, the GC) are not read', () => {
    expect(readiedByOthers('IO wait')).toBe(false);
    expect(readiedByOthers('sleep')).toBe(false);
    expect(readiedByOthers('GC assist wait')).toBe(false);
    for (const r of ['chan receive', 'select', 'sync.Cond.Wait', 'sync.Mutex.Lock', 'semacquire'])
      expect(readiedByOthers(r)).toBe(true);
    const mixed = [0, 1, 2, 3, 4, 5].map((i) => ({
      'chan receive': i < 5 ? i * 30 : 0,
      'sync.Mutex.Lock': i < 5 ? i * 20 : 0,
      'IO wait': i < 5 ? i * 100 : 0,
    }));
    expect(follow(mixed).drained()).toMatchObject({ reason: 'chan receive', peak: 120, last: 0 });
  });
});

test('the words say who waited on whom, by the reason: senders on a consumer, lock waiters on a holder, receivers on anything', () => {
  const p = { from: 0, fromMs: 0, peak: 400, peakMs: 800, peakLine: 401, highs: 4, last: 0, lastMs: 1400 };
  expect(pileUpWords({ ...p, reason: 'chan send' })).toContain('producers ahead of a consumer');
  expect(pileUpWords({ ...p, reason: 'sync.Mutex.Lock' })).toContain('until its holder released it');
  expect(pileUpWords({ ...p, reason: 'semacquire' })).toContain('until its holder released it');
  // A receive is what idle workers do too: the words must not call it a slow consumer.
  const recv = pileUpWords({ ...p, reason: 'chan receive' });
  expect(recv).toContain('idle workers waiting for work');
  expect(recv).not.toContain('consumer');
  expect(pileUpWords({ ...p, reason: 'select' })).toContain('idle workers waiting for work');
  // A receive or a select may have waited on a timer's channel (time.sendTime readies it); a send or a
  // lock waiter only on another goroutine.
  expect(recv).toContain('other goroutines or timers readied them');
  expect(recv).toContain('waiting out a timeout or a tick');
  expect(pileUpWords({ ...p, reason: 'select' })).toContain('other goroutines or timers readied them');
  expect(pileUpWords({ ...p, reason: 'chan send' })).toContain(': other goroutines readied them, so no leak');
  expect(pileUpWords({ ...p, reason: 'sync.Mutex.Lock' })).not.toContain('timer');
});

test('a damaged log printing endless reasons keeps a bounded state, and the runtime reasons first seen still count', () => {
  const p = new PileUps();
  for (let i = 0; i < 5000; i++) p.add({ [`chan garbage ${i}`]: 1000, 'chan send': i < 5 ? i * 100 : 0 }, i, i);
  expect((p as unknown as { counts: unknown[] }).counts.length).toBeLessThanOrEqual(64);
  expect(p.drained()).toMatchObject({ reason: 'chan send', peak: 400, last: 0 });
});

/** A scheddetail capture of the labelled corpus, analysed as `gosched analyze` does. */
function analyzed(rel: string) {
  const text = gunzipSync(readFileSync(join(samplesDir, 'labelled', rel))).toString('utf8');
  const a = new TraceAnalyzer();
  for (const s of parseText(text).snapshots) a.push(s);
  return a.result();
}

describe('on real captures (blind round novel19: handlers piling up in chan send behind slow writers)', () => {
  test('the pile-ups that drained are named where no finding holds; the one stranded for good is the leak', () => {
    const p4 = analyzed('novel19-go1.26/pileup-p4-detail-200ms.log.gz');
    expect(p4.findings).toEqual([]);
    expect(p4.runs[0]!.pileUp).toMatchObject({ reason: 'chan send', from: 0, peak: 1674, last: 0 });
    const peaks = new QueuePeaks();
    for (const r of p4.runs) peaks.add(r);
    const head = formatHeadline(p4, peaks);
    expect(head).toContain('goroutines parked in chan send rose from 0 at 0 s to 1674 at 3.1 s');
    expect(head).toContain('fell back to 0 by the last dump');
    expect(tellStory(p4.runs[0]!, p4.findings).sentences.at(-1)).toMatch(/^But goroutines parked in chan send rose/);

    const p8 = analyzed('novel19-go1.22/pileup-p8-detail-200ms.log.gz');
    expect(p8.runs[0]!.pileUp).toMatchObject({ reason: 'chan send', peak: 3488, last: 395 });

    const stuck = analyzed('novel19-go1.26/pileup-stuck-p4-detail-200ms.log.gz');
    expect(stuck.runs[0]!.pileUp).toBeUndefined();
    expect(stuck.findings.map((f) => f.kind)).toEqual(['goroutine-leak']);
  });

  test('blind round novel21: named on a semaphore limiter, a slow backend and a pool, beside the queues that held goroutines', () => {
    const limiter = analyzed('novel21-go1.21/limiter-p6-detail-200ms.log.gz');
    expect(limiter.runs[0]!.pileUp).toMatchObject({ reason: 'chan send', peak: 1812, last: 0 });
    const peaks = new QueuePeaks();
    for (const r of limiter.runs) peaks.add(r);
    // Only the P's queue held goroutines: the words do not say "up to 0 goroutines on the global queue".
    expect(formatHeadline(limiter, peaks)).toContain("up to 10 goroutines on one P's queue, none on the global queue");
    const pool = analyzed('novel21-go1.26/poolgrow-p4-detail-200ms.log.gz');
    expect(pool.findings).toEqual([]);
    expect(pool.runs[0]!.pileUp).toMatchObject({ reason: 'chan receive', peak: 1000, last: 0 });
    expect(pileUpWords(pool.runs[0]!.pileUp!)).toContain('idle workers waiting for work');
    // Dumped a second apart, a 2 s slowdown's pile-up rises in three reads (novel22: 0, 4, 503, 995, then 3).
    const slow = analyzed('novel22-go1.23/slowbackend-p3-detail-1000ms.log.gz');
    expect(slow.findings).toEqual([]);
    expect(slow.runs[0]!.pileUp).toMatchObject({ reason: 'select', from: 0, peak: 995, highs: 3, last: 3 });
    const hung = analyzed('novel21-go1.26/slowbackend-hang-p4-detail-200ms.log.gz');
    expect(hung.runs[0]!.pileUp).toBeUndefined();
    expect(hung.findings.map((f) => f.kind)).toEqual(['goroutine-leak']);
  });

  test('analyze --json writes a run with a pile-up as JSON.stringify nests it', () => {
    const runs = analyzed('novel19-go1.26/pileup-p4-detail-200ms.log.gz').runs;
    const w = new RunJsonWriter();
    for (const r of runs) w.run(r);
    expect(w.take().toString('utf8')).toBe(runs.map((r) => `    ${indented(r, '    ')}`).join(',\n'));
  });
});
