import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  heldByWoken,
  netpollGlobalBound,
  readBeyondPoller,
  readOverflow,
} from '../../src/findings/checks/global-arrivals.js';
import { analyzeRun } from '../../src/findings/trace-analyzer.js';
import { parseText } from '../../src/parse/index.js';
import type { RunTimeline, TimelinePoint } from '../../src/trace/timeline.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';
import { samplesDir } from '../helpers/samples.js';

function timeline(rel: string): RunTimeline {
  const text = readFileSync(join(samplesDir, 'labelled', rel), 'utf8');
  return buildTimelines(parseText(text).snapshots)[0]!;
}

/** The dump at tMs and the one before it. */
function pair(tl: RunTimeline, tMs: number): { prev: TimelinePoint; cur: TimelinePoint } {
  const i = tl.points.findIndex((p) => p.tMs === tMs);
  return { prev: tl.points[i - 1]!, cur: tl.points[i]! };
}

const ctx = (tl: RunTimeline, tMs: number) => ({ stream: tl.stream, run: tl.run, index: 1, ...pair(tl, tMs) });

describe('overflow or injection on real dump pairs, by the runtime arithmetic', () => {
  // One goroutine spawning 3000 on 32 Ps, Go 1.22.12 (the fresh split).
  const spawn = timeline('go1.22/spawnburst-p32-5ms.log');

  test('a ring past 128 beside a fit within the tolerance: the spawner overflowed (no batch or steal leaves more than 127)', () => {
    const c = ctx(spawn, 520);
    expect(c.prev.runqueue).toBe(0);
    expect(c.cur.runq[1]).toBe(132);
    // 1308 = 10×129 + 18, within 32 + 2; nearer 10×129 than 10×128 + 28.
    expect(readOverflow(c)).toMatchObject({
      growth: 1308,
      k: 10,
      remainder: 18,
      tolerance: 34,
      p: 1,
      netpollBatches: null,
    });
  });

  test('the burst whose woken Ps already hold batches: consistent with 21 overflows, reported possible, never pinned', () => {
    const c = ctx(spawn, 1800);
    // 2493 = 19×129 + 42 fits no multiple within the tolerance.
    expect(readOverflow(c)).toBeNull();
    // 85 + 2 + 88 + 27 on rings that were empty: 2695 = 21×129 − 14, a lower bound on the arrivals.
    expect(heldByWoken(c.prev, c.cur)).toBe(202);
    const f = analyzeRun(spawn).find((x) => x.kind === 'local-overflow' && x.tMs === 1800);
    if (f?.kind !== 'local-overflow') throw new Error('no local-overflow at 1800 ms');
    expect(f.confidence).toBe('possible');
    expect(f.p).toBeUndefined();
    expect(f.evidence).toMatchObject({ growth: 2493, heldByWoken: 202, overflows: 21, remainder: -14 });
    expect(f.evidence.earlierOverflowMs).toBe(520);
  });

  test('a netburst wave of one full netpoll batch (127 ≈ 128, one short of 129) on 4 Ps is an injection, not an overflow', () => {
    const net = timeline('tune-go1.19/netburst-p4-5ms.log');
    const c = ctx(net, 326);
    expect(readOverflow(c)).toMatchObject({ growth: 127, k: 1, remainder: -2, netpollBatches: 1, tight: false, p: -1 });
    const at = analyzeRun(net).filter((x) => x.tMs === 326);
    expect(at.map((x) => x.kind)).toEqual(['injection-burst']);
  });

  test('one P: a fit without ring evidence is still possible, but pinned on P0, the only ring there is', () => {
    // Go 1.26.8, GOMAXPROCS=1, GODEBUG=schedtrace=20, samples/workloads/overflow -g 5000 -waves 2
    // (a capture where the dump missed the ring's high-water mark, as under load in CI).
    const text = [
      'SCHED 712ms: gomaxprocs=1 idleprocs=0 threads=3 spinningthreads=0 needspinning=1 idlethreads=1 runqueue=0 [ 2 ] schedticks=[ 5002 ]',
      'SCHED 732ms: gomaxprocs=1 idleprocs=0 threads=3 spinningthreads=0 needspinning=1 idlethreads=1 runqueue=4771 [ 99 ] schedticks=[ 5133 ]',
    ].join('\n');
    const tl = buildTimelines(parseText(text).snapshots)[0]!;
    expect(readOverflow(ctx(tl, 732))).toMatchObject({
      growth: 4771,
      k: 37,
      remainder: -2,
      p: -1,
      netpollBatches: null,
    });
    const f = analyzeRun(tl).find((x) => x.kind === 'local-overflow');
    if (f?.kind !== 'local-overflow') throw new Error('no local-overflow at 732 ms');
    expect(f.confidence).toBe('possible');
    expect(f.p).toBe(0);
  });

  test('more than the network poller can deliver in the interval is a spill, not an injection: 890 in 25 ms on 4 Ps', () => {
    // One goroutine spawning 3000 on 4 Ps, Go 1.22.12: the third burst. 890 fits neither 7×129 (903)
    // nor the tolerance; 7×128 (896) fits better, but sysmon polls at most every 10 ms, one blocking
    // poll waits for an empty global queue, and a poller holding a P queues one per idle P there.
    const tl = timeline('go1.22/spawnburst-p4-5ms.log');
    const c = ctx(tl, 1754);
    expect(c.cur.tMs! - c.prev.tMs!).toBe(25);
    expect(readOverflow(c)).toBeNull();
    // Go 1.22's layout (needspinning=) dates it after Go 1.15: a poller holding a P queues one per idle P.
    const go122 = { era: 'go1.20', detail: false } as const;
    expect(netpollGlobalBound(c, go122)).toBe(128 * (3 + 1) + 2 * 4);
    expect(readBeyondPoller(c, go122)).toBeGreaterThan(0);
    // Up to Go 1.14 a poller holding a P put its whole list there (injectglist → globrunqput), up to
    // 128; a summary line of 1.5-1.19 does not say which, so the bound takes the larger.
    expect(netpollGlobalBound(c, { era: 'go1.12', detail: true })).toBe(128 * (3 + 1) + 2 * 128);
    expect(netpollGlobalBound(c, { era: 'go1.5', detail: false })).toBe(128 * (3 + 1) + 2 * 128);
    const at = analyzeRun(tl).filter((x) => x.tMs === 1754);
    expect(at.map((x) => x.kind)).toEqual(['local-overflow']);
    const f = at[0]!;
    if (f.kind !== 'local-overflow') throw new Error('kind');
    expect(f.confidence).toBe('possible');
    expect(f.p).toBeUndefined();
    expect(f.evidence.pollerBound).toBe(890 - readBeyondPoller(c, go122)!);
    expect(f.explanation).toContain(`the network poller could have put at most ${f.evidence.pollerBound}`);
  });

  test("a wave within the poller's pace stays an injection: the netburst jumps of every tuned capture fit it", () => {
    const net = timeline('tune-go1.19/netburst-p4-5ms.log');
    const c = ctx(net, 326);
    // 127 in 30 ms: up to 4 sysmon polls and one blocking poll could deliver 640, and pollers holding Ps more.
    const go119 = { era: 'go1.5', detail: false } as const;
    expect(readBeyondPoller(c, go119)).toBeNull();
    const missing = { ...c, prev: { ...c.prev, tMs: null } };
    expect(netpollGlobalBound(missing, go119)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('a run that showed a wave of whole netpoll batches', () => {
  // 400 connections readied in waves out of an idle program, Go 1.19.8, GOMAXPROCS=4 (held-out split).
  const waves = timeline('go1.19/netburst-p4-5ms.log');

  test('reads a later jump within the tolerance of j×128 as the next wave, not a tight overflow', () => {
    // 356 ms: 0 → 128 with every P idle before, the first wave; 1016 ms: 0 → 130, also from idle.
    expect(pair(waves, 356).cur.runqueue - pair(waves, 356).prev.runqueue).toBe(128);
    const later = ctx(waves, 1016);
    expect(later.prev.idleprocs).toBe(4);
    // Alone, 130 = 1×129 + 1 is nearer an overflow than 128 + 2: a tight fit.
    expect(readOverflow(later)).toMatchObject({ growth: 130, k: 1, remainder: 1, p: -1, netpollBatches: null });
    expect(readOverflow(later, true)).toMatchObject({ growth: 130, netpollBatches: 1, tight: false });
    const at1016 = analyzeRun(waves).filter((f) => f.tMs === 1016);
    expect(at1016.map((f) => f.kind)).toEqual(['injection-burst']);
    expect(at1016[0]!.confidence).toBe('possible');
  });
});
