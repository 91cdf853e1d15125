/** Hand-made timelines for report tests: small, with every optional field the charts use. */
import type { Finding } from '../../src/findings/finding.js';
import type { ModelOverlay } from '../../src/trace/model-overlay.js';
import type { RunTimeline, TimelinePoint } from '../../src/trace/timeline.js';

export function point(i: number, over: Partial<TimelinePoint> = {}): TimelinePoint {
  return {
    line: i + 1,
    tMs: i * 100,
    gomaxprocs: 2,
    idleprocs: i % 2,
    threads: 4 + (i % 3),
    spinningthreads: i % 2,
    needspinning: 0,
    idlethreads: 1,
    runqueue: i * 3,
    runq: [i, 2 * i],
    ...over,
  };
}

export function timeline(
  n: number,
  over: Partial<RunTimeline> = {},
  pointOver: (i: number) => Partial<TimelinePoint> = () => ({}),
): RunTimeline {
  const points = Array.from({ length: n }, (_, i) => point(i, pointOver(i)));
  return {
    stream: '',
    run: 0,
    era: 'go1.20',
    firstLine: 1,
    lastLine: n,
    gomaxprocsValues: [2],
    detail: false,
    points,
    ...over,
  };
}

/** A run with scheddetail: P status, schedtick deltas, goroutines by status and wait reason. */
export function detailTimeline(n: number, stream = 'api'): RunTimeline {
  return timeline(n, { stream, detail: true }, (i) => ({
    pStatus: [1, i % 4 === 0 ? 3 : 0],
    schedticks: [i * 10, i * 5],
    ...(i > 0 ? { schedtickDelta: [10, 5] } : {}),
    gByStatus: { running: 1, runnable: i % 3, waiting: 5 + i },
    gByReason: { 'chan receive': 3, sleep: 2 + i },
  }));
}

export function finding(over: Partial<Finding> = {}): Finding {
  return {
    kind: 'local-overflow',
    severity: 'warning',
    stream: '',
    run: 0,
    tMs: 200,
    tEndMs: 200,
    line: 3,
    lastLine: 3,
    p: 1,
    basis: 'arithmetic',
    confidence: 'certain',
    confidenceReason: 'fixture',
    episode: { hits: 1, ps: [1], moved: 129 },
    impact: 32,
    evidence: {
      gomaxprocs: 4,
      globalBefore: 0,
      globalAfter: 129,
      growth: 129,
      overflows: 1,
      remainder: 0,
      tolerance: 6,
      ringBefore: 256,
      ringAfter: 128,
      singleDump: false,
      drainedFirst: false,
    },
    explanation: 'P1 local queue reached 256',
    ...over,
  } as Finding;
}

export function overlayFor(tl: RunTimeline): ModelOverlay {
  return [
    {
      stream: tl.stream,
      run: tl.run,
      points: tl.points.map((p) => ({
        tMs: p.tMs ?? 0,
        line: p.line,
        observedRunqueue: p.runqueue,
        predictedRunqueue: p.runqueue + 1,
        observedLocal: p.runq,
        predictedLocal: p.runq.map((v) => Math.max(0, v - 1)),
      })),
    },
  ];
}
