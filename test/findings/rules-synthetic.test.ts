import { describe, expect, test } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import { runtimeSpanShare } from '../../src/findings/checks/gc-pressure.js';
import { headline, rankFindings } from '../../src/findings/rank.js';
import { MAX_EPISODES_PER_KIND, RunChecker, type FindingEvent } from '../../src/findings/runner.js';
import type { TimelinePoint } from '../../src/trace/timeline.js';

function pt(line: number, over: Partial<TimelinePoint>): TimelinePoint {
  return {
    line,
    tMs: line * 10,
    gomaxprocs: 4,
    idleprocs: 0,
    threads: 6,
    spinningthreads: 0,
    needspinning: 0,
    idlethreads: 1,
    runqueue: 0,
    runq: [0, 0, 0, 0],
    ...over,
  };
}

function run(points: TimelinePoint[], onFinding?: (e: FindingEvent) => void): Finding[] {
  const c = new RunChecker('', 0, onFinding ? { onFinding } : {});
  let prev: TimelinePoint | undefined;
  for (const p of points) {
    c.step(prev, p);
    prev = p;
  }
  return c.finish();
}

const kinds = (fs: Finding[]) => fs.map((f) => f.kind);

describe('local-overflow: one kind, blame needs evidence', () => {
  test('a ring near 256 before and global growth of exactly 129: certain, pinned on that P', () => {
    const f = run([pt(1, { runq: [250, 0, 0, 0] }), pt(2, { runqueue: 129, runq: [130, 0, 0, 0] })]);
    expect(kinds(f)).toEqual(['local-overflow']);
    expect(f[0]).toMatchObject({ p: 0, confidence: 'certain', basis: 'arithmetic' });
    expect(f[0]!.episode.moved).toBe(129);
    expect(f[0]!.explanation).toMatch(/^Certainly 1 overflow/);
  });

  test('growth a few short of 2×129 (the fairness pick ran meanwhile) is still two overflows', () => {
    const f = run([pt(1, { runq: [252, 0, 0, 0] }), pt(2, { runqueue: 255, runq: [140, 3, 0, 0] })]);
    const e = f.find((x) => x.kind === 'local-overflow');
    expect(e?.kind === 'local-overflow' && e.evidence).toMatchObject({ overflows: 2, remainder: -3 });
  });

  test('a ring that only drained is no evidence: growth of 129 with no ring near 256 or 128 is at most possible, on no P', () => {
    const pts = [
      pt(1, { idleprocs: 1, runq: [100, 0, 0, 0] }),
      pt(2, { idleprocs: 1, runqueue: 129, runq: [2, 0, 0, 0] }),
    ];
    const f = run(pts).filter((x) => x.kind === 'local-overflow');
    expect(f).toHaveLength(1);
    expect(f[0]!.confidence).toBe('possible');
    expect(f[0]!.p).toBeUndefined();
    expect(f[0]!.explanation).toContain('not pinned on one');
  });

  test('global growth that is not near k×129 is not an overflow, whatever the rings', () => {
    const f = run([pt(1, { runq: [250, 0, 0, 0] }), pt(2, { runqueue: 60, runq: [250, 0, 0, 0] })]);
    expect(kinds(f)).not.toContain('local-overflow');
  });

  test('with every P busy and no ring evidence, preemption explains growth; nothing is claimed', () => {
    const pts = [pt(1, {}), pt(2, { runqueue: 129, runq: [1, 1, 1, 1] })];
    expect(kinds(run(pts))).toEqual([]);
  });

  test('a GC cycle in the interval (runqdrain) explains a jump without ring evidence', () => {
    const gc = {
      cycles: 1,
      firstCycle: 3,
      firstAtMs: 15,
      lastCycle: 3,
      lastAtMs: 15,
      lastEndMs: 16,
      cpuPercent: 2,
      stwMs: 0.1,
      stwLongestMs: 0.05,
      stwLongestCycle: 3,
      stwLongestAtMs: 15,
      stwLongestPhase: 'sweep termination' as const,
      stwCpuMs: 0.2,
      markMs: 1,
      assistCpuMs: 0,
      backgroundCpuMs: 1,
      idleCpuMs: 0,
      heapGoalMB: 4,
      firstGoalMB: 4,
      heapLiveMB: 2,
      forced: 0,
    };
    const pts = [
      pt(1, { idleprocs: 1, runq: [120, 0, 0, 0] }),
      pt(2, { idleprocs: 1, runqueue: 129, runq: [0, 0, 0, 0], gc }),
    ];
    expect(kinds(run(pts))).not.toContain('local-overflow');
  });

  test('with schedticks enough for any fit, the count is the fewest spills that give the growth', () => {
    // 80,000 schedules allow 1,312 fairness picks: any growth is within them of a multiple of 129.
    // Only a preemption or Gosched per P adds beside spills, so 320 needs 3 (258 + 6 < 320).
    const ticks = { schedtickDelta: [20000, 20000, 20000, 20000] };
    const f = run([pt(1, { idleprocs: 2 }), pt(2, { idleprocs: 2, runqueue: 320, runq: [0, 0, 217, 0], ...ticks })]);
    const o = f.find((x) => x.kind === 'local-overflow');
    if (o?.kind !== 'local-overflow') throw new Error('no local-overflow');
    expect(o).toMatchObject({ p: 2, confidence: 'likely' });
    expect(o.evidence).toMatchObject({ overflows: 3, remainder: -67 });
    expect(o.explanation).toContain('growth 320 = 3×129 − 67');
    expect(o.explanation).toContain('the count is the fewest spills that give it');
  });

  test('the single-dump signature: runqueue=129 beside a ring at 128, nothing else queued', () => {
    const f = run([pt(1, { runqueue: 129, runq: [0, 128, 0, 0] })]);
    expect(f[0]).toMatchObject({ kind: 'local-overflow', p: 1, confidence: 'likely' });
    expect(f[0]!.confidenceReason).toContain('single dump');
  });

  test('overflows a few dumps apart are one episode, not a list', () => {
    const pts: TimelinePoint[] = [];
    let rq = 0;
    for (let i = 1; i <= 20; i++) {
      const spill = i % 2 === 0;
      if (spill) rq += 129;
      pts.push(pt(i, { runqueue: rq, runq: [spill ? 140 : 254, 0, 0, 0] }));
    }
    const f = run(pts).filter((x) => x.kind === 'local-overflow');
    expect(f).toHaveLength(1);
    expect(f[0]!.episode.hits).toBe(10);
    expect(f[0]!.episode.moved).toBe(10 * 129);
    expect(f[0]).toMatchObject({ tMs: 20, tEndMs: 200, line: 2, lastLine: 20 });
  });
});

describe('global-queue jumps: overflow or injection, one finding each', () => {
  // Ps idle before, 8 Ps, schedticks printed: the tolerance is 8 + 2 + fairness picks.
  // With every P busy, 8 of the 10 threads hold them (outside a stop-the-world each P off the idle
  // list has an awake M: trace/stopped-world.ts).
  const idle8 = (line: number, over: Partial<TimelinePoint>) =>
    pt(line, {
      gomaxprocs: 8,
      idleprocs: 8,
      runq: [0, 0, 0, 0, 0, 0, 0, 0],
      threads: 10,
      idlethreads: over.idleprocs === 0 ? 1 : 9,
      ...over,
    });
  const ticks = (d: number) => ({ schedticks: Array(8).fill(d), schedtickDelta: Array(8).fill(d) });

  test('a wave far past what preemption, Gosched and syscall returns allow, no ring half full: likely injection', () => {
    const f = run([
      idle8(1, ticks(0)),
      idle8(2, { idleprocs: 0, runqueue: 300, runq: [40, 10, 0, 0, 0, 0, 0, 0], ...ticks(2) }),
    ]);
    expect(kinds(f)).toEqual(['injection-burst']);
    expect(f[0]!.confidence).toBe('likely');
    if (f[0]!.kind !== 'injection-burst') throw new Error('kind');
    // 8 Ps × (10 ms / 10 ms + 1) + 9 threads not idle: at most 25 by preemption and syscall returns;
    // 16 dispatches + 8 Ps + 9 syscall returns by Gosched.
    expect(f[0]!.evidence).toMatchObject({ growth: 300, timeBound: 25, preemptionBound: 33, fitsOverflow: false });
    expect(f[0]!.explanation).toContain('probably put them there');
  });

  test('growth that fits k×129 only within a loose tolerance is a possible injection, and says an overflow is not excluded', () => {
    // 2×129 − 8 with 40 dispatches per P: tolerance 8 + 2 + 6 picks = 16, a fit by chance 26% of the time.
    const f = run([
      idle8(1, ticks(0)),
      idle8(2, { idleprocs: 0, runqueue: 250, runq: [40, 0, 0, 0, 0, 0, 0, 0], ...ticks(40) }),
    ]);
    expect(kinds(f)).toEqual(['injection-burst']);
    expect(f[0]!.confidence).toBe('possible');
    expect(f[0]!.explanation).toContain('a ring that filled and drained between the dumps is not excluded');
  });

  // One jump from all Ps idle, 150 dispatches per P since: tolerance 8 + 2 + 20 picks = 30.
  const jump = (runqueue: number, ring: number) =>
    run([idle8(1, ticks(0)), idle8(2, { idleprocs: 0, runqueue, runq: [ring, 0, 0, 0, 0, 0, 0, 0], ...ticks(150) })]);

  test('a ring that rose past 128 beside a loose fit: its own P filled it, a likely overflow; a ring a batch could have filled is no evidence', () => {
    // 129 + 30 lands that close to a multiple of 129 by chance 47% of the time. A globrunqget batch or
    // a runqsteal lands only in an empty ring and leaves at most 127 there, and findRunnable's
    // netpoll fills an empty ring without spilling: 200 is P0's own runqput.
    const past = jump(159, 200);
    expect(past[0]).toMatchObject({ kind: 'local-overflow', p: 0, confidence: 'likely' });
    expect(past[0]!.confidenceReason).toContain('more than a globrunqget batch or a steal leaves');
    // A ring of 110 could be a batch the woken P took from the global queue: no ring evidence.
    expect(kinds(jump(159, 110))).not.toContain('local-overflow');
    // The same ring beside an exact 129: probably an overflow of P0.
    expect(jump(129, 200)[0]).toMatchObject({ kind: 'local-overflow', p: 0, confidence: 'likely' });
  });

  test('a jump of whole netpoll batches (j×128, injectglist without a P) is no evidence of an overflow, even within 1 of 129', () => {
    // netpoll reads at most 128 descriptors a call; sysmon's poll puts them all on the global queue.
    expect(kinds(jump(128, 200))).not.toContain('local-overflow');
    // 2×128 + 1 lands nearer 256 than 258: the same.
    expect(kinds(jump(257, 200))).not.toContain('local-overflow');
  });

  test('after an overflow with ring evidence, a later jump without it is a possible overflow of the same run, not an injection', () => {
    const f = run([
      idle8(1, { idleprocs: 0, runq: [250, 0, 0, 0, 0, 0, 0, 0], ...ticks(0) }),
      idle8(2, { idleprocs: 0, runqueue: 129, runq: [140, 0, 0, 0, 0, 0, 0, 0], ...ticks(1) }),
      ...[3, 4, 5, 6, 7, 8, 9, 10].map((i) => idle8(i, { tMs: i * 100, ...ticks(1) })),
      idle8(11, { tMs: 1010, idleprocs: 0, runqueue: 250, runq: [40, 0, 0, 0, 0, 0, 0, 0], ...ticks(40) }),
    ]);
    expect(kinds(f).filter((k) => k !== 'model-divergence')).toEqual(['local-overflow', 'local-overflow']);
    const later = f.find((x) => x.tMs === 1010)!;
    expect(later).toMatchObject({ confidence: 'possible' });
    expect(later.p).toBeUndefined();
    if (later.kind !== 'local-overflow') throw new Error('kind');
    expect(later.evidence.earlierOverflowMs).toBe(20);
    expect(later.explanation).toContain('overflowed with ring evidence at 20 ms');
  });
});

describe('imbalance', () => {
  // 80 busy Ps, one ring at 70 and the rest empty: less than one waiting goroutine per P.
  const wide = (i: number) => {
    const runq = new Array<number>(80).fill(0);
    runq[0] = 70;
    return pt(i, { tMs: i * 20, gomaxprocs: 80, threads: 82, idlethreads: 1, runq });
  };
  test('one ring leading for less than 100 ms is a burst being worked off, not imbalance', () => {
    expect(kinds(run([1, 2, 3, 4, 5].map(wide)))).toEqual([]);
  });
  test('one ring leading for 100 ms or more beside a backlog of less than one per P is imbalance, from the dump it began', () => {
    const f = run([1, 2, 3, 4, 5, 6, 7].map(wide));
    expect(kinds(f)).toEqual(['imbalance']);
    expect(f[0]).toMatchObject({ p: 0, tMs: 20, tEndMs: 140 });
  });
  test('a ring that stays long beside idle Ps is the cores running out (spinning Ms would steal it), not imbalance', () => {
    const beside = (i: number) => ({ ...wide(i), idleprocs: 1 });
    expect(kinds(run([1, 2, 3, 4, 5, 6, 7].map(beside)))).not.toContain('imbalance');
    // the streak counts only dumps with every P busy: an idle P in the middle starts it again
    const mixed = [1, 2, 3, 4, 5, 6, 7].map((i) => (i === 4 ? beside(i) : wide(i)));
    expect(kinds(run(mixed))).not.toContain('imbalance');
  });
  const long = (i: number) => pt(i, { tMs: i * 20, runq: [120, 2, 2, 2], schedticks: [i, i, i, i] });
  test("a long ring beside a backlog of one or more per P is saturation's shape: saturation names it, no second finding", () => {
    // 126 waiting on 4 busy Ps: under 500 ms a burst (nothing), for 1.4 s saturation.
    expect(kinds(run([1, 2, 3, 4, 5, 6, 7].map(long)))).toEqual([]);
    const f = run(Array.from({ length: 70 }, (_, i) => long(i + 1)));
    expect(kinds(f)).toEqual(['saturation']);
    const s = f[0]!;
    if (s.kind !== 'saturation') throw new Error('kind');
    expect(s.evidence).toMatchObject({ ringPeak: 120, ringPeakP: 0 });
    expect(s.explanation).toContain("P0's ring up to 120");
  });
});

describe('saturation and idle Ps', () => {
  test('no idle P and 3 waiting per P over 600 ms is saturation, with the queueing it costs', () => {
    const pts = Array.from({ length: 13 }, (_, i) =>
      pt(i + 1, {
        tMs: i * 50,
        runqueue: 4,
        runq: [2, 2, 2, 2],
        schedticks: [i * 5, i * 5, i * 5, i * 5],
        ...(i > 0 ? { schedtickDelta: [5, 5, 5, 5] } : {}),
      }),
    );
    const f = run(pts);
    expect(kinds(f)).toEqual(['saturation']);
    const s = f[0]!;
    if (s.kind !== 'saturation') throw new Error('kind');
    // 12 waiting / 4 Ps = 3 per P; 50 ms × 4 Ps / 20 dispatches = 10 ms slices → 30 ms queueing.
    expect(s.evidence).toMatchObject({ backlogPerP: 3, sliceMs: 10, queueingMs: 30 });
    // Without the P lines a P off the idle list may be in a syscall or handed to a thread: the words
    // claim no more than that none was free.
    expect(s.explanation).toContain(
      'No P was free: each was running a goroutine or, as only scheddetail could tell (P status 2 up to Go 1.25, G status 3 from 1.26)',
    );
    expect(s.explanation).not.toContain('Every P was running a goroutine');
    expect(s.tMs).toBe(50);
  });

  test('slices past the preemption bound across many syscalls are the syscalls, not threads short of CPUs', () => {
    // One schedule per P in 250 ms, as a goroutine making thousands of short syscalls shows it.
    const at = (syscalls: number) =>
      Array.from({ length: 8 }, (_, i) =>
        pt(i + 1, {
          tMs: i * 250,
          runqueue: 4,
          runq: [2, 2, 2, 2],
          ...(i > 0
            ? { schedtickDelta: [1, 1, 1, 1], syscalltickDelta: [syscalls, syscalls, syscalls, syscalls] }
            : {}),
        }),
      );
    const busy = run(at(10_000)).find((f) => f.kind === 'saturation');
    if (busy?.kind !== 'saturation') throw new Error('no saturation');
    expect(busy.evidence.sliceMs).toBe(250);
    expect(busy.explanation).toContain('A goroutine held its P that long across syscalls');
    expect(busy.explanation).not.toContain('their threads waited for CPUs');
    // Without the syscalls the same slices are past what preemption allows.
    const bare = run(at(0)).find((f) => f.kind === 'saturation');
    expect(bare?.explanation).toContain('their threads waited for CPUs');
    expect(bare?.explanation).not.toContain('across syscalls');
  });

  test('every P busy with nothing waiting is not saturation', () => {
    const pts = Array.from({ length: 20 }, (_, i) => pt(i + 1, { tMs: i * 50, runq: [0, 1, 0, 0] }));
    expect(run(pts)).toEqual([]);
  });

  test('idle-with-work needs idle Ps beside work in 3 dumps over 20 ms, not one racy dump', () => {
    const once = run([pt(1, {}), pt(2, { idleprocs: 2, runqueue: 5 }), pt(3, {})]);
    expect(kinds(once)).toEqual([]);
    const stall = (i: number, over: Partial<TimelinePoint> = {}) =>
      pt(i, { idleprocs: 2, idlethreads: 0, runq: [9, 0, 0, 0], ...over });
    const f = run([1, 2, 3, 4].map((i) => stall(i)));
    expect(kinds(f)).toEqual(['idle-with-work']);
    expect(f[0]).toMatchObject({ line: 1, lastLine: 4 });
    // An M on the idle list is one wakep's startm would take: the dumps caught a moment, no stall.
    expect(kinds(run([1, 2, 3, 4].map((i) => stall(i, { idlethreads: 1 }))))).toEqual([]);
    // Every P's schedtick moved between the dumps: each ran goroutines in the interval.
    const ticking = [1, 2, 3, 4].map((i) =>
      stall(i, { schedticks: [i * 9, i * 9, i * 9, i * 9], ...(i > 1 ? { schedtickDelta: [9, 9, 9, 9] } : {}) }),
    );
    expect(kinds(run(ticking))).toEqual([]);
    // Two Ps that did not schedule at all: a stall the ticks confirm.
    const stuck = ticking.map((p, i) => (i > 0 ? { ...p, schedtickDelta: [9, 9, 0, 0] } : p));
    expect(kinds(run(stuck))).toEqual(['idle-with-work']);
  });

  test('idle Ps beside work while an M spins is the CPUs running out (saturation), not idle-with-work', () => {
    // 2 of 4 Ps running, 6 waiting (3 per running P), a spinning M in every dump for 600 ms.
    const pts = Array.from({ length: 13 }, (_, i) =>
      pt(i + 1, { tMs: i * 50, idleprocs: 2, spinningthreads: 1, runqueue: 2, runq: [4, 0, 0, 0] }),
    );
    const f = run(pts);
    expect(kinds(f)).toEqual(['saturation']);
    const s = f[0]!;
    if (s.kind !== 'saturation') throw new Error('kind');
    expect(s.evidence).toMatchObject({ backlogPerP: 3, cpuStarvedDumps: 12, idleprocsPeak: 2 });
    expect(s.confidence).toBe('likely');
    expect(s.explanation).toMatch(/^Probably CPU saturation outside the Ps/);
    // The same dumps with no M spinning: no M was started, which is idle-with-work.
    const stalled = run(pts.map((p) => ({ ...p, spinningthreads: 0, idlethreads: 0 })));
    expect(kinds(stalled)).toEqual(['idle-with-work']);
  });

  test('a burst of idle Ps with a spinning M shorter than 500 ms is neither', () => {
    const pts = Array.from({ length: 6 }, (_, i) =>
      pt(i + 1, { tMs: i * 50, idleprocs: 2, spinningthreads: 1, runqueue: 2, runq: [4, 0, 0, 0] }),
    );
    expect(kinds(run(pts))).toEqual([]);
  });
});

describe('gc-pressure', () => {
  const gc = (cycles: number) => ({
    cycles,
    firstCycle: 1,
    firstAtMs: 0,
    lastCycle: 1,
    lastAtMs: 0,
    lastEndMs: 1,
    cpuPercent: 6,
    stwMs: 0.2 * cycles,
    stwLongestMs: 0.1,
    stwLongestCycle: 1,
    stwLongestAtMs: 0,
    stwLongestPhase: 'sweep termination' as const,
    stwCpuMs: 0.4 * cycles,
    markMs: 3 * cycles,
    assistCpuMs: 0.5 * cycles,
    backgroundCpuMs: 2 * cycles,
    idleCpuMs: 0,
    heapGoalMB: 4,
    firstGoalMB: 4,
    heapLiveMB: 2,
    forced: 0,
  });
  test('one long stop-the-world is GC costing latency however cheap the cycles; a short one is nothing', () => {
    // One cycle a second at about 1% of the Ps' time: no pressure, unless a pause ran long.
    const cheap = (stwLongestMs: number, at: number) => ({
      ...gc(1),
      cpuPercent: 1,
      lastCycle: at,
      lastAtMs: at * 1000 - 5,
      lastEndMs: at * 1000 - 5 + stwLongestMs,
      stwMs: stwLongestMs,
      stwLongestMs,
      stwLongestCycle: at,
      stwLongestAtMs: at * 1000 - 5,
      stwLongestPhase: 'mark termination' as const,
    });
    const log = (pause: number) =>
      Array.from({ length: 30 }, (_, i) =>
        pt(i + 1, { tMs: i * 100, ...(i % 10 === 9 ? { gc: cheap(i === 19 ? pause : 0.2, (i + 1) / 10) } : {}) }),
      );
    expect(kinds(run(log(9.9)))).toEqual([]);
    const f = run(log(41));
    expect(kinds(f)).toEqual(['gc-pressure']);
    const e = f[0]! as Extract<Finding, { kind: 'gc-pressure' }>;
    expect(e.evidence.sustained).toBe(false);
    expect(e.evidence.longestPause).toEqual({ ms: 41, cycle: 2, atMs: 1995, phase: 'mark termination' });
    expect(e.tMs).toBe(1900);
    expect(e.explanation).toMatch(
      /^GC paused the program: a stop-the-world of 41 ms \(mark termination of cycle 2, at 1\.995 s/,
    );
    expect(e.impact).toBeGreaterThanOrEqual(41);
  });

  test('many cycles a second are pressure only when they take a twentieth of the CPUs the Ps run on', () => {
    // 30 cycles a second, each pause 0.1 ms of wall clock; the runtime's figure says 2% of the Ps.
    const cycles = (cpus: number, backgroundCpuMs: number) => ({
      ...gc(3),
      cpuPercent: 2,
      stwMs: 0.3,
      stwCpuMs: 0.3 * cpus,
      assistCpuMs: 0.3,
      backgroundCpuMs: 3 * backgroundCpuMs,
    });
    const log = (gomaxprocs: number, cpus: number, backgroundCpuMs: number) =>
      Array.from({ length: 20 }, (_, i) =>
        pt(i + 1, {
          tMs: i * 100,
          gomaxprocs,
          runq: Array.from({ length: gomaxprocs }, () => 0),
          ...(i > 0 ? { gc: cycles(cpus, backgroundCpuMs) } : {}),
        }),
      );
    // 4 Ps on 4 CPUs, 0.5 ms of mark work a cycle: (0.3 + 1.5 + 1.2) ms per 100 ms on 4 CPUs, 0.75%.
    expect(kinds(run(log(4, 4, 0.5)))).toEqual([]);
    // The same work on the one CPU a pod may get beside 4 Ps: 3% of it, still cheap.
    expect(kinds(run(log(4, 1, 0.5)))).toEqual([]);
    // 4 ms of mark work a cycle on 2 CPUs: (0.3 + 12 + 0.6) ms per 100 ms, 6.5% of them.
    const f = run(log(4, 2, 4));
    expect(kinds(f)).toEqual(['gc-pressure']);
    const e = f[0]!;
    if (e.kind !== 'gc-pressure') throw new Error('kind');
    expect(e.evidence.cyclesPerSecond).toBeGreaterThanOrEqual(28);
    // On 8 CPUs the same cycles are 1.6% of them: many, and cheap.
    expect(kinds(run(log(8, 8, 4)))).toEqual([]);
  });

  test('cycles from the process’s first while the heap grows, over before the run is, are a start-up note', () => {
    // 5 cycles per 100 ms dump for the first 4 dumps (50 a second, the runtime's figure 8% of the
    // Ps' time), then none for `quietDumps` dumps; `firstCycle` 1 is the process's first collection.
    const log = (firstCycle: number, quietDumps: number) =>
      Array.from({ length: 5 + quietDumps }, (_, i) =>
        pt(i + 1, {
          tMs: i * 100,
          ...(i > 0 && i <= 4
            ? {
                gc: {
                  ...gc(5),
                  firstCycle: firstCycle + 5 * (i - 1),
                  firstAtMs: i * 100 - 90,
                  lastAtMs: i * 100 - 10,
                  lastEndMs: i * 100 - 5,
                  cpuPercent: 8,
                  stwMs: 0.5,
                  stwCpuMs: 1,
                  assistCpuMs: 1,
                  backgroundCpuMs: 10,
                  firstGoalMB: 4 * i,
                },
              }
            : {}),
        }),
      );
    const analyzed = (points: TimelinePoint[]) => {
      const findings = run(points);
      return { findings, top: headline(rankFindings(findings)) };
    };
    // 4 s of run after it: each P lost about 8% of 0.4 s, 32 ms, under 1% of the run's 4.4 s.
    const startup = analyzed(log(1, 40));
    expect(kinds(startup.findings)).toEqual(['gc-pressure']);
    const e = startup.findings[0]!;
    if (e.kind !== 'gc-pressure') throw new Error('kind');
    expect(e.evidence.fromCycle).toBe(1);
    expect(e.startup?.runMs).toBe(4400);
    expect(e.startup!.runSharePercent).toBeLessThan(1);
    expect(e.explanation).toMatch(
      /^GC while the heap grew at start-up: 20 cycles .* from the process's first, the heap goal going from 4 MB/,
    );
    expect(startup.top).toBeNull();
    // The same cycles in a run that ends soon after: more than 1% of it, GC pressure and the headline.
    const short = analyzed(log(1, 1));
    expect(short.top?.kind).toBe('gc-pressure');
    if (short.top?.kind !== 'gc-pressure') throw new Error('kind');
    expect(short.top.startup).toBeUndefined();
    // Cycles 101 on: a log that joined a process already running, no start-up.
    const joined = analyzed(log(101, 40));
    expect(joined.top?.kind).toBe('gc-pressure');
  });

  test('a cycle every other 10 ms dump is still sustained: 50 cycles/s over the time between GC dumps', () => {
    const pts = Array.from({ length: 20 }, (_, i) => pt(i + 1, { tMs: i * 10, ...(i % 2 === 1 ? { gc: gc(1) } : {}) }));
    const f = run(pts);
    expect(kinds(f)).toEqual(['gc-pressure']);
    const e = f[0]!;
    if (e.kind !== 'gc-pressure') throw new Error('kind');
    // 10 cycles from the dump before the first (0 ms) to the last (190 ms): about 50 a second.
    expect(e.evidence.cyclesPerSecond).toBe(52.6);
    expect(e.evidence.cycles).toBe(10);
    expect(e.evidence.dedicatedWorkers).toBe(1);
    expect(e.confidence).toBe('certain');
  });
  test('a ring drained in a GC cycle is a dedicated worker’s runqdrain only where there are dedicated workers', () => {
    // Every other dump a ring falls from 40 to 0 and the global queue grows by 40, in a GC cycle.
    const at = (gomaxprocs: number) =>
      Array.from({ length: 12 }, (_, i) => {
        const runq = Array.from({ length: gomaxprocs }, () => 0);
        if (i % 2 === 0) runq[0] = 40;
        return pt(i + 1, { tMs: i * 10, gomaxprocs, runq, runqueue: i % 2 === 1 ? 40 : 0, gc: gc(1) });
      });
    const drains = (gomaxprocs: number) =>
      run(at(gomaxprocs)).flatMap((f) => (f.kind === 'gc-pressure' ? [f.evidence.drainJumps] : []));
    // 4 Ps: one dedicated worker (GOMAXPROCS × 0.25).
    expect(drains(4).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    // 2 Ps: no dedicated worker, only a fractional one (gcControllerState.startCycle), which never drains.
    expect(drains(2)).not.toEqual([]);
    expect(drains(2).reduce((a, b) => a + b, 0)).toBe(0);
  });
  test("the share of the Ps' time is the runtime's own, from its cumulative figures, not wall clock × Ps", () => {
    // 8 Ps on fewer CPUs: each 4 ms pause is printed as 8 ms of CPU (work.stwprocs = 2), so wall
    // clock × Ps would make it 32 ms; the runtime's cumulative share reaches 12% at 1 s.
    const pts = Array.from({ length: 21 }, (_, i) =>
      pt(i + 1, {
        tMs: i * 50,
        gomaxprocs: 8,
        idleprocs: 0,
        runq: [0, 0, 0, 0, 0, 0, 0, 0],
        ...(i > 0
          ? {
              gc: {
                ...gc(1),
                lastCycle: i,
                lastAtMs: i * 50 - 1,
                lastEndMs: i * 50,
                cpuPercent: Math.floor((12 * i) / 20),
                stwMs: 4,
                stwCpuMs: 8,
              },
            }
          : {}),
      }),
    );
    const f = run(pts);
    expect(kinds(f)).toEqual(['gc-pressure']);
    const e = f[0]!;
    if (e.kind !== 'gc-pressure') throw new Error('kind');
    expect(e.evidence.cycles).toBe(20);
    expect(e.evidence.runtimeFrom).toEqual({ atMs: 0, percent: 0 });
    // The figure is the share up to the cycle's end (lastEndMs).
    expect(e.evidence.runtimeTo).toEqual({ atMs: 1000, percent: 12 });
    expect(e.evidence.runtimeSpanPercent).toBe(12);
    // cpu fields: (0.5 + 2 + 8) ms a cycle over 50 ms × 8 Ps.
    expect(e.evidence.gcCpuPercent).toBe(2.6);
    expect(e.explanation).toContain("about 12% of the Ps' time in this span by the runtime's own accounting");
    // 4 ms stopped per 50 ms: 8% of the wall clock, counted on 2 CPUs for 8 Ps.
    expect(e.evidence.stwSharePercent).toBe(8);
    expect(e.explanation).toContain(
      'The stop-the-world phases took 80 ms of the 1.00 s (8% of the wall clock; 40 pauses',
    );
    expect(e.explanation).toContain('2 CPUs for 8 Ps');
  });
  test('a cycle longer than the dump interval: its shares are over its own time from its start, never above 100%', () => {
    // Go 1.26, 2 Ps, dumps 200 ms apart: `gc 5 @1.970s 20%: 569+343+0.092 ms clock, 1138+27/5.4/0+0.18 ms cpu`
    // ended after the dump at 2522 ms and came with the one at 2982 ms.
    const pts = Array.from({ length: 16 }, (_, i) =>
      pt(i + 1, {
        tMs: i === 15 ? 2982 : i * 200,
        gomaxprocs: 2,
        idleprocs: 0,
        runq: [0, 0],
        ...(i === 15
          ? {
              gc: {
                ...gc(1),
                firstCycle: 5,
                lastCycle: 5,
                firstAtMs: 1970,
                lastAtMs: 1970,
                lastEndMs: 2882,
                cpuPercent: 20,
                stwMs: 569.1,
                stwCpuMs: 1138.2,
                stwLongestMs: 569,
                stwLongestAtMs: 1970,
                assistCpuMs: 27,
                backgroundCpuMs: 5.4,
                markMs: 343,
              },
            }
          : {}),
      }),
    );
    const [f] = run(pts).filter((x) => x.kind === 'gc-pressure');
    if (f?.kind !== 'gc-pressure') throw new Error('gc-pressure expected');
    // The window starts at the cycle's start or before it (a lone cycle's span runs from the run's
    // first dump: spaced), never after it; the shares are over it, not over the last 182 ms.
    const w = f.evidence.stwWindow;
    expect(w.toMs).toBe(2982);
    expect(w.fromMs).toBeLessThanOrEqual(1970);
    const ms = w.toMs - w.fromMs;
    expect(f.evidence.stwSharePercent).toBe(Math.round((1000 * 569.1) / ms) / 10);
    expect(f.evidence.gcCpuPercent).toBe(Math.round((1000 * (1138.2 + 27 + 5.4)) / (ms * 2)) / 10);
    expect(f.evidence.stwSharePercent).toBeLessThan(100);
    expect(f.evidence.gcCpuPercent).toBeLessThan(100);
  });
  test('the world stopped for a tenth of the wall clock is pressure by itself, however few and cheap the cycles', () => {
    // 9 cycles a second, each stopping the world twice for 6 ms (two phases under GC_PAUSE_MS), the
    // runtime's figure at 0%: no rate, CPU or long-pause rule fires, the stopped share is 10.8%.
    const pts = (stwMs: number) =>
      Array.from({ length: 21 }, (_, i) =>
        pt(i + 1, {
          tMs: i * 1000,
          gomaxprocs: 8,
          idleprocs: 0,
          runq: [0, 0, 0, 0, 0, 0, 0, 0],
          ...(i > 0
            ? {
                gc: {
                  ...gc(9),
                  lastCycle: 9 * i,
                  lastAtMs: i * 1000 - 1,
                  lastEndMs: i * 1000,
                  cpuPercent: 0,
                  assistCpuMs: 0,
                  backgroundCpuMs: 0,
                  stwMs: 9 * stwMs,
                  stwCpuMs: 9 * stwMs * 2,
                  stwLongestMs: stwMs / 2,
                },
              }
            : {}),
        }),
      );
    const f = run(pts(12));
    expect(kinds(f)).toEqual(['gc-pressure']);
    const e = f[0]!;
    if (e.kind !== 'gc-pressure') throw new Error('kind');
    expect(e.evidence.stwSharePercent).toBe(10.8);
    expect(e.explanation).toContain('(10.8% of the wall clock; ');
    // Half as long: 5.4% stopped, nothing else heavy, no finding.
    expect(kinds(run(pts(6)))).toEqual([]);
  });
  test("the runtime's span share only when the truncated percentages allow it within 2 points", () => {
    expect(runtimeSpanShare({ atMs: 400, percent: 10 }, { atMs: 1000, percent: 20 })).toBe(27);
    // A span of 40% of the program's life: the truncation could be off by 2.5 points.
    expect(runtimeSpanShare({ atMs: 600, percent: 10 }, { atMs: 1000, percent: 20 })).toBeNull();
    expect(runtimeSpanShare({ atMs: 0, percent: 0 }, { atMs: 1000, percent: 5 })).toBe(5);
    expect(runtimeSpanShare({ atMs: 1000, percent: 5 }, { atMs: 1000, percent: 5 })).toBeNull();
    // The figure before an episode is the last cycle's: after 150 ms with no cycle, the window from
    // 70 ms to 288 ms is three times the 71 ms the episode's cycles cover, and no share of them
    // (a Go 1.26 capture at GOMAXPROCS=1 with a memory limit: "about 1%" where its cycles took 4.7%).
    expect(runtimeSpanShare({ atMs: 70, percent: 4 }, { atMs: 288, percent: 2 }, 71)).toBeNull();
    expect(runtimeSpanShare({ atMs: 70, percent: 4 }, { atMs: 288, percent: 2 }, 180)).toBe(1);
  });
  test('one cycle a second is no pressure', () => {
    const pts = Array.from({ length: 10 }, (_, i) => pt(i + 1, { tMs: i * 1000, ...(i > 0 ? { gc: gc(1) } : {}) }));
    expect(run(pts)).toEqual([]);
  });

  test('at one P under GC, the sweeper and the scavenger are not the program waiting: a backlog needs one more than them', () => {
    // One P, GC cycles ending in every interval: 2 waiting are the runtime's own at most
    // (bgsweep, bgscavenge); 3 leave one of the program's, as many as the P.
    const onOneP = (waiting: number, withGc: boolean) =>
      Array.from({ length: 30 }, (_, i) =>
        pt(i + 1, { tMs: i * 50, gomaxprocs: 1, runqueue: 0, runq: [waiting], ...(withGc ? { gc: gc(30) } : {}) }),
      );
    expect(kinds(run(onOneP(2, true)))).not.toContain('saturation');
    expect(kinds(run(onOneP(3, true)))).toContain('saturation');
    // Without gctrace nothing says the GC ran: 2 waiting at one P is the program's.
    expect(kinds(run(onOneP(2, false)))).toContain('saturation');
  });
});

describe('threads', () => {
  test('threads held by LockOSThread are not thread growth; busy threads in syscalls are, certainly', () => {
    const locked = { total: 40, running: 2, spinning: 0, blocked: 36, withP: 4, locked: 32 };
    const a = run([1, 2].map((i) => pt(i, { threads: 40, idlethreads: 2, mCounts: locked, nmidlelocked: 30 })));
    expect(kinds(a)).toEqual([]);
    const sys = { total: 40, running: 36, spinning: 0, blocked: 2, withP: 4, locked: 0 };
    const b = run(
      [1, 2].map((i) =>
        pt(i, { threads: 40, idlethreads: 2, mCounts: sys, nmidlelocked: 0, gByStatus: { syscall: 34, running: 4 } }),
      ),
    );
    expect(b[0]).toMatchObject({ kind: 'thread-growth', confidence: 'certain' });
  });

  test('many idle threads from an old burst are no finding', () => {
    expect(run([1, 2, 3].map((i) => pt(i, { threads: 60, idlethreads: 52 })))).toEqual([]);
  });

  test('the bound counts the Ms that hold a P: with the Ps idle, threads blocked in the kernel beyond GOMAXPROCS + 8', () => {
    // 64 Ps, none running Go code, 129 threads neither idle nor holding a P (pollers in nanosleep,
    // the blind novel8 capture): every P busy, the same 129 are within 2 × 64 + 8.
    const p64 = (over: Partial<TimelinePoint>) =>
      [1, 2].map((i) =>
        pt(i, { gomaxprocs: 64, runq: new Array<number>(64).fill(0), threads: 131, idlethreads: 2, ...over }),
      );
    expect(kinds(run(p64({ idleprocs: 64 })))).toEqual(['thread-growth']);
    expect(kinds(run(p64({ idleprocs: 0 })))).toEqual([]);
    // 72 beyond the Ps' own is the bound itself: no finding
    expect(kinds(run(p64({ idleprocs: 64, threads: 74 })))).toEqual([]);
    expect(kinds(run(p64({ idleprocs: 64, threads: 75 })))).toEqual(['thread-growth']);
  });

  test('without scheddetail thread growth is only possible, and says LockOSThread looks the same', () => {
    const f = run([1, 2].map((i) => pt(i, { threads: 40, idlethreads: 2 })));
    expect(f[0]).toMatchObject({ kind: 'thread-growth', confidence: 'possible' });
    expect(f[0]!.explanation).toContain('LockOSThread');
  });
});

describe('the runner', () => {
  test('episodes per kind are capped and the rest counted', () => {
    const pts: TimelinePoint[] = [];
    // Each change a minute after the one before: too far apart to be one episode.
    for (let i = 0; i < MAX_EPISODES_PER_KIND + 10; i++)
      pts.push(
        pt(2 * i + 1, { tMs: i * 60_000, gomaxprocs: i % 2 === 0 ? 4 : 2, runq: i % 2 === 0 ? [0, 0, 0, 0] : [0, 0] }),
        pt(2 * i + 2, {
          tMs: i * 60_000 + 1000,
          gomaxprocs: i % 2 === 0 ? 4 : 2,
          runq: i % 2 === 0 ? [0, 0, 0, 0] : [0, 0],
        }),
      );
    const c = new RunChecker('', 0);
    let prev: TimelinePoint | undefined;
    for (const p of pts) {
      c.step(prev, p);
      prev = p;
    }
    const f = c.finish().filter((x) => x.kind === 'gomaxprocs-change');
    expect(f).toHaveLength(MAX_EPISODES_PER_KIND);
    expect(c.omitted['gomaxprocs-change']).toBe(MAX_EPISODES_PER_KIND + 9 - MAX_EPISODES_PER_KIND);
  });

  test('GOMAXPROCS changes within 10 s are one episode: counted, their path capped, the queues moved summed', () => {
    const procs = [8, 2, 8, 2, 8, 2, 8, 2, 8, 2, 8, 2, 8, 2, 8, 2];
    const pts = procs.map((n, i) =>
      pt(i + 1, { tMs: i * 500, gomaxprocs: n, runq: Array.from({ length: n }, (_, p) => (p >= 2 ? 1 : 0)) }),
    );
    // 20 s and two dumps later, once more: a second episode (consecutive dumps would be one, whatever the time).
    pts.push(
      pt(17, { tMs: 17_500, gomaxprocs: 2, runq: [0, 0] }),
      pt(18, { tMs: 27_500, gomaxprocs: 8, runq: new Array(8).fill(0) }),
    );
    const f = run(pts).filter((x) => x.kind === 'gomaxprocs-change');
    expect(f).toHaveLength(2);
    expect(f[0]!.evidence).toMatchObject({ from: 8, to: 2, changes: 15, falls: 8, queuedOnRemovedPs: 8 * 6 });
    expect(f[0]!.evidence.path).toEqual(procs.slice(0, 13));
    expect(f[0]).toMatchObject({ tMs: 500, tEndMs: 7500, confidence: 'certain' });
    expect(f[0]!.explanation).toContain(
      'changed at least 15 times in 7000 ms (8 → 2 → 8 → 2 → 8 → 2 → 8 → 2 → 8 → 2 → 8 → 2 → 8 → …;',
    );
    expect(f[0]!.explanation).toContain('the 8 falls moved the destroyed Ps');
    expect(f[1]!.evidence).toMatchObject({ from: 2, to: 8, changes: 1, falls: 0, path: [2, 8] });
    expect(f[1]!.explanation).toBe('GOMAXPROCS rose from 2 to 8: procresize added idle Ps with empty queues.');
  });

  test('onFinding reports an episode when it opens and when it closes, as copies', () => {
    const events: FindingEvent[] = [];
    const pts = [1, 2, 3, 4, 5].map((i) => pt(i, { idleprocs: 2, idlethreads: 0, runq: [9, 0, 0, 0] }));
    pts.push(pt(6, {}));
    const f = run(pts, (e) => events.push(e));
    expect(events.map((e) => `${e.type} ${e.finding.kind}`)).toEqual(['open idle-with-work', 'close idle-with-work']);
    expect(events[0]!.finding.lastLine).toBe(3);
    expect(events[1]!.finding.lastLine).toBe(5);
    expect(f[0]!.lastLine).toBe(5);
  });

  test('checks keep no reference to points: reusing one point object gives the same findings', () => {
    const pts = [1, 2, 3, 4, 5, 6].map((i) => pt(i, { idleprocs: 2, runq: [9 + i, 0, 0, 0], threads: 40 }));
    const fresh = run(pts);
    const c = new RunChecker('', 0);
    const prevObj = pt(0, {});
    const curObj = pt(0, {});
    for (let i = 0; i < pts.length; i++) {
      Object.assign(curObj, pts[i], { runq: pts[i]!.runq.slice() });
      c.step(i === 0 ? undefined : prevObj, curObj);
      Object.assign(prevObj, curObj, { runq: curObj.runq.slice() });
      curObj.runq.fill(999);
    }
    expect(JSON.stringify(c.finish())).toBe(JSON.stringify(fresh));
  });

  test('a crash outranks everything; an unremarkable run has no headline', () => {
    const f = run([pt(1, { threads: 40 }), pt(2, { threads: 40, crash: true, exitText: 'panic: boom' })]);
    expect(f[0]!.kind).toBe('crash-dump');
    expect(f[0]!.explanation).toContain('panic: boom');
    expect(headline(run([pt(1, {}), pt(2, {})]))).toBeNull();
  });
});

describe('scheddetail checks from parsed dumps', () => {
  test('gc-stop from gcwaiting/stopwait, with the Ps in _Pgcstop as evidence', async () => {
    const { parseText } = await import('../../src/parse/index.js');
    const { buildTimelines } = await import('../../src/trace/timeline-builder.js');
    const { analyzeRun } = await import('../../src/findings/trace-analyzer.js');
    const log = [
      'SCHED 100ms: gomaxprocs=2 idleprocs=0 threads=6 spinningthreads=0 needspinning=0 idlethreads=2 runqueue=0 gcwaiting=false nmidlelocked=0 stopwait=0 sysmonwait=false',
      '  P0: status=1 schedtick=800 syscalltick=11 m=3 runqsize=0 gfreecnt=4 timerslen=1',
      '  P1: status=1 schedtick=790 syscalltick=9 m=0 runqsize=0 gfreecnt=1 timerslen=0',
      'SCHED 200ms: gomaxprocs=2 idleprocs=0 threads=6 spinningthreads=0 needspinning=0 idlethreads=2 runqueue=1 gcwaiting=true nmidlelocked=0 stopwait=1 sysmonwait=false',
      '  P0: status=3 schedtick=803 syscalltick=11 m=nil runqsize=2 gfreecnt=4 timerslen=1',
      '  P1: status=1 schedtick=795 syscalltick=9 m=0 runqsize=0 gfreecnt=1 timerslen=0',
    ].join('\n');
    const findings = buildTimelines(parseText(log).snapshots).flatMap(analyzeRun);
    const gc = findings.filter((f) => f.kind === 'gc-stop');
    expect(gc).toHaveLength(1);
    expect(gc[0]).toMatchObject({ line: 4, tMs: 200 });
    expect(gc[0]!.evidence).toMatchObject({ gcwaiting: true, stopwait: 1, gcstopPs: 1 });
    expect(headline(findings)).toBeNull();
    expect(findings.filter((f) => f.kind === 'crash-dump')).toHaveLength(0);
  });
});

describe('gc-stop: many dumps inside a stop-the-world are GC costing the program', () => {
  /** One cheap gctrace cycle ending before a dump at tMs. */
  const oneCycle = (tMs: number): NonNullable<TimelinePoint['gc']> => ({
    cycles: 1,
    firstCycle: 1,
    firstAtMs: tMs - 5,
    lastCycle: 1,
    lastAtMs: tMs - 5,
    lastEndMs: tMs - 4,
    cpuPercent: 0,
    stwMs: 0.1,
    stwLongestMs: 0.05,
    stwLongestCycle: 1,
    stwLongestAtMs: tMs - 5,
    stwLongestPhase: 'sweep termination',
    stwCpuMs: 0.1,
    markMs: 1,
    assistCpuMs: 0,
    backgroundCpuMs: 0.5,
    idleCpuMs: 0,
    heapGoalMB: 4,
    firstGoalMB: 4,
    heapLiveMB: 2,
    forced: 0,
  });
  /** A scheddetail dump (100 ms apart): inside a stop-the-world or not, with goroutines in GC assist wait. */
  const detail = (i: number, stopped: boolean, assist = 0, gc = false) =>
    pt(i + 1, {
      tMs: i * 100,
      gcwaiting: stopped,
      stopwait: stopped ? 1 : 0,
      gByStatus: { waiting: 10 + assist, running: 4 },
      gByReason: { 'GC assist wait': assist, 'GC worker (idle)': 4, 'chan receive': 6 },
      ...(gc ? { gc: oneCycle(i * 100) } : {}),
    });
  const stops = (fs: Finding[]) => fs.filter((f) => f.kind === 'gc-stop');

  test('4 of 20 dumps inside a stop, with assist waiters: one episode that leads, with the share and the GC named', () => {
    const pts = Array.from({ length: 20 }, (_, i) => detail(i, [1, 9, 11, 19].includes(i), i === 5 ? 62 : 0));
    const fs = run(pts);
    const [stop, ...more] = stops(fs);
    expect(more).toEqual([]);
    expect(stop!.evidence).toMatchObject({ stoppedDumps: 4, runDumps: 20, assistWaitPeak: 62, sustained: true });
    expect(stop!.episode.hits).toBe(4);
    expect(headline(rankFindings(fs))?.kind).toBe('gc-stop');
    expect(stop!.explanation).toContain("4 of the run's 20 scheddetail dumps fell inside a stop-the-world");
    expect(stop!.explanation).toContain('about 20% of the time');
    expect(stop!.explanation).toContain("They were the GC's: up to 62 goroutines were parked in GC assist wait");
  });

  test('without assist waiters the words do not blame the GC alone', () => {
    const pts = Array.from({ length: 20 }, (_, i) => detail(i, i % 5 === 0));
    const [stop] = stops(run(pts));
    expect(stop?.evidence.sustained).toBe(true);
    expect(stop!.explanation).toContain(
      'runtime.ReadMemStats, runtime.GOMAXPROCS calls that change the value, runtime.Stack of all goroutines, goroutine profiles and starting runtime/trace stop it the same way',
    );
  });

  test('below 10% of the dumps, or fewer than 3, it stays a note', () => {
    const rare = Array.from({ length: 40 }, (_, i) => detail(i, [3, 20, 37].includes(i)));
    expect(stops(run(rare)).every((f) => !f.evidence.sustained)).toBe(true);
    expect(headline(rankFindings(run(rare)))).toBeNull();
    const two = Array.from({ length: 6 }, (_, i) => detail(i, i === 1 || i === 4));
    expect(stops(run(two)).every((f) => !f.evidence.sustained)).toBe(true);
  });

  test('with gctrace cycles in the run, gc-pressure measures it: gc-stop stays a note', () => {
    const pts = Array.from({ length: 20 }, (_, i) => detail(i, i % 4 === 0, 0, i === 2));
    const s = stops(run(pts));
    expect(s.length).toBeGreaterThan(0);
    expect(s.every((f) => !f.evidence.sustained && f.evidence.gctrace)).toBe(true);
  });
});

describe('injection-burst from the IO wait count (scheddetail)', () => {
  // G lines as counts; `dead` keeps the number of G lines equal from dump to dump (allgs never shrinks).
  const dump = (line: number, ioWait: number, runnable: number, dead: number) =>
    pt(line, {
      gByStatus: { waiting: ioWait + 2, runnable, running: 4, dead },
      gByReason: { 'IO wait': ioWait, sleep: 2 },
    });
  const bursts = (points: TimelinePoint[]) => run(points).filter((f) => f.kind === 'injection-burst');

  test('a fall of more than GOMAXPROCS with the runnable count up by more than GOMAXPROCS, from no backlog: certain', () => {
    const f = bursts([dump(1, 100, 0, 4), dump(2, 60, 36, 8)]);
    expect(f.map((x) => x.confidence)).toEqual(['certain']);
    expect(f[0]!.evidence).toMatchObject({
      via: 'io-wait',
      ioWaitBefore: 100,
      ioWaitAfter: 60,
      woken: 40,
      runnable: 36,
    });
    expect(f[0]!.explanation).toContain('At least 40 goroutines waiting on network I/O were woken (IO wait 100 → 60)');
  });

  test('a fall no larger than GOMAXPROCS is not a burst', () => {
    expect(bursts([dump(1, 100, 0, 4), dump(2, 96, 4, 4)])).toEqual([]);
  });

  test('woken goroutines that do not wait to run (runnable up by GOMAXPROCS or less) are not a burst', () => {
    expect(bursts([dump(1, 100, 0, 4), dump(2, 60, 4, 40)])).toEqual([]);
  });

  test('under a backlog (a runnable goroutine per P before) the churn of a loaded server is not a burst', () => {
    // As in a saturated HTTP load test (samples/go1.26/netpoll-p2-detail-200ms.log): IO wait 44 → 33, runnable 21 → 33.
    expect(bursts([dump(1, 44, 21, 5), dump(2, 33, 33, 4)])).toEqual([]);
  });

  test('a later dump with fewer G lines than the one before was cut: its IO wait count proves nothing', () => {
    // 60 of the 100 IO wait lines are missing, not woken.
    expect(bursts([dump(1, 100, 0, 10), dump(2, 40, 10, 10)])).toEqual([]);
  });
});
