import { describe, expect, test } from 'vitest';
import { MAX_FINDINGS_PER_KIND, RunAnalyzer } from '../../src/findings/rules/index.js';
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

function run(points: TimelinePoint[]) {
  const a = new RunAnalyzer('', 0);
  for (const p of points) a.push(p);
  return a.finish();
}

describe('rules on constructed points', () => {
  test('idle-with-work needs two consecutive snapshots, not one racy one', () => {
    const once = run([pt(1, {}), pt(2, { idleprocs: 2, runqueue: 5 }), pt(3, {})]);
    expect(once.filter((f) => f.kind === 'idle-with-work')).toHaveLength(0);
    const twice = run([pt(1, { idleprocs: 2, runqueue: 5 }), pt(2, { idleprocs: 3, runqueue: 7 })]);
    const f = twice.filter((x) => x.kind === 'idle-with-work');
    expect(f).toHaveLength(1);
    expect(f[0]!.line).toBe(2);
    expect(f[0]!.severity).toBe('warning');
  });

  test('global growth explained by a full ring is local-overflow, not global-queue-growth', () => {
    const f = run([pt(1, { runq: [250, 0, 0, 0] }), pt(2, { runqueue: 129, runq: [130, 0, 0, 0] })]);
    expect(f.map((x) => x.kind)).toContain('local-overflow');
    expect(f.map((x) => x.kind)).not.toContain('global-queue-growth');
    const g = run([pt(1, { runq: [3, 2, 1, 0] }), pt(2, { runqueue: 60, runq: [4, 2, 1, 0] })]);
    expect(g.map((x) => x.kind)).toEqual(['global-queue-growth']);
  });

  test('consecutive hits merge into one episode with a time range and peak', () => {
    const pts = [1, 2, 3, 4].map((i) => pt(i, { threads: 20 + i }));
    pts.push(pt(5, { threads: 6 }), pt(6, { threads: 40 }));
    const f = run(pts).filter((x) => x.kind === 'thread-growth');
    expect(f).toHaveLength(2);
    expect(f[0]).toMatchObject({ tMs: 10, tEndMs: 40, line: 1 });
    expect(f[0]!.evidence.peakThreads).toBe(24);
    expect(f[0]!.evidence.snapshots).toBe(4);
    expect(f[0]!.explanation).toContain('up to 24');
  });

  test('findings per kind are capped and the rest counted', () => {
    const pts: TimelinePoint[] = [];
    for (let i = 0; i < 2 * (MAX_FINDINGS_PER_KIND + 10); i++) pts.push(pt(i + 1, { threads: i % 2 === 0 ? 50 : 6 }));
    const a = new RunAnalyzer('', 0);
    for (const p of pts) a.push(p);
    const f = a.finish().filter((x) => x.kind === 'thread-growth');
    expect(f).toHaveLength(MAX_FINDINGS_PER_KIND);
    expect(a.omitted['thread-growth']).toBe(10);
  });

  test('imbalance names the P with the long ring', () => {
    const f = run([pt(1, { runq: [0, 90, 2, 1] })]).filter((x) => x.kind === 'imbalance');
    expect(f).toHaveLength(1);
    expect(f[0]!.p).toBe(1);
  });
});

describe('scheddetail rules from parsed dumps', () => {
  test('gc-stop from gcwaiting/stopwait, with the Ps in _Pgcstop as evidence', async () => {
    const { parseText } = await import('../../src/parse/index.js');
    const { buildTimelines } = await import('../../src/trace/timeline-builder.js');
    const { analyzeRun } = await import('../../src/findings/rules/index.js');
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
    // Summary-only dumps before it: none here, so it is not a crash dump either.
    expect(findings.filter((f) => f.kind === 'crash-dump')).toHaveLength(0);
  });
});
