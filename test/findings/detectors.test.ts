import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeRun, TraceAnalyzer } from '../../src/findings/trace-analyzer.js';
import { checks } from '../../src/findings/checks/index.js';
import { findingKinds } from '../../src/findings/finding.js';
import { findingInfo } from '../../src/findings/finding-info.js';
import { createParser, parseText } from '../../src/parse/index.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';

const load = (path: string) => buildTimelines(parseText(readFileSync(path, 'utf8')).snapshots);
const samples = readdirSync('samples')
  .filter((d) => d.startsWith('go1.'))
  .flatMap((d) =>
    readdirSync(`samples/${d}`)
      .filter((f) => f.endsWith('.log'))
      .map((f) => `samples/${d}/${f}`),
  );

describe('finding registry', () => {
  it('has exactly one check per kind, with the basis its info states', () => {
    expect(checks.map((c) => c.kind).sort()).toEqual([...findingKinds].sort());
    for (const c of checks) expect(c.basis, c.kind).toBe(findingInfo[c.kind].basis);
  });

  it('has a docs page with the four sections for every kind', () => {
    for (const k of findingKinds) {
      const page = findingInfo[k].docs;
      expect(page).toBe(`docs/findings/${k}.md`);
      expect(existsSync(page), page).toBe(true);
      const text = readFileSync(page, 'utf8');
      for (const h of ['## What it means in the runtime', '## How it shows in schedtrace', '## What to do'])
        expect(text, `${page}: ${h}`).toContain(h);
    }
  });
});

describe('local-overflow on GOMAXPROCS=1 spawn bursts', () => {
  // Checked by hand: the dumps right after each spawn burst, where runqueue jumps by k×129 (± the one or
  // two Gs the fairness pick or a preemption moved), e.g. 0 → 4773 = 37×129; 4644 → 4771 = 129 − 2.
  const expected: Record<string, number[]> = {
    'samples/go1.26/overflow-p1-10ms-a.log': [2, 44],
    'samples/go1.26/overflow-p1-10ms-b.log': [2, 34, 43],
    'samples/go1.19/overflow-p1-10ms-a.log': [2, 45],
    'samples/go1.19/overflow-p1-10ms-b.log': [2, 42],
    'samples/go1.22/overflow-p1-10ms.log': [2, 42, 43],
    'samples/go1.25/overflow-p1-10ms.log': [2, 45, 46],
    'samples/go1.19/shared-overflow-p1-10ms.log': [2, 12, 13, 38, 49, 50, 84],
  };
  for (const [file, lines] of Object.entries(expected)) {
    it(file, () => {
      const found = load(file)
        .flatMap(analyzeRun)
        .filter((f) => f.kind === 'local-overflow');
      // Overflows a few dumps apart are one episode: every jump is covered by one, and every episode
      // starts at a jump.
      for (const line of lines)
        expect(
          found.some((f) => f.line <= line && line <= f.lastLine),
          `line ${line}`,
        ).toBe(true);
      for (const f of found) expect(lines).toContain(f.line);
      // With one P there is only one ring to blame, and it was seen at 128 or more.
      for (const f of found) expect(f.p).toBe(0);
      for (const f of found) expect(f.confidence).not.toBe('possible');
    });
  }
  it('counts the overflows of the first burst exactly', () => {
    const f = load('samples/go1.26/overflow-p1-10ms-a.log')
      .flatMap(analyzeRun)
      .find((x) => x.kind === 'local-overflow')!;
    expect(f.kind === 'local-overflow' && f.evidence.overflows).toBeGreaterThanOrEqual(37);
    expect(f.episode.moved % 129).toBe(0);
    expect(f.explanation).toContain('4773 = 37×129');
  });
});

describe('default-failing kinds stay quiet on real logs', () => {
  for (const file of samples) {
    it(file, () => {
      const bad = load(file)
        .flatMap(analyzeRun)
        .filter((f) => f.kind === 'invariant-violation' || f.kind === 'model-divergence');
      expect(bad.map((f) => `${f.kind}@${f.line}`)).toEqual([]);
    });
  }
});

describe('thread-growth episodes', () => {
  it('is one episode while the threads stay: the busy count dipping under the limit for a few dumps does not split it', () => {
    // 40 goroutines in nanosleep and reads on 2 Ps: how many are in a syscall at a dump varies, but
    // Ms are never freed; it was 15 findings in one run.
    for (const file of ['samples/go1.19/shared-syscalls-p2-50ms.log', 'samples/go1.26/syscalls-p2-50ms-b.log']) {
      const fs = load(file)
        .flatMap(analyzeRun)
        .filter((f) => f.kind === 'thread-growth');
      expect(fs, file).toHaveLength(1);
      expect(fs[0]!.episode.hits, file).toBeGreaterThan(5);
    }
  });
});

describe('detectors on edited logs', () => {
  const base = readFileSync('samples/go1.26/oversub-p2-20ms-a.log', 'utf8').split('\n');
  it('idleprocs above gomaxprocs is an invariant violation at that line', () => {
    const lines = [...base];
    lines[9] = lines[9]!.replace('idleprocs=0', 'idleprocs=3');
    const fs = buildTimelines(parseText(lines.join('\n')).snapshots)
      .flatMap(analyzeRun)
      .filter((f) => f.kind === 'invariant-violation');
    expect(fs.map((f) => f.line)).toEqual([10]);
  });
  it('a schedtick going back is an invariant violation at that line, from Snapshots and from the byte scanner alike', () => {
    // Line 10 prints `schedticks=[ 10 14 ]`; P1's counter lowered to 2, then it goes on.
    const lines = [...base];
    lines[9] = lines[9]!.replace('schedticks=[ 10 14 ]', 'schedticks=[ 10 2 ]');
    const text = lines.join('\n');
    const fromPoints = buildTimelines(parseText(text).snapshots)
      .flatMap(analyzeRun)
      .filter((f) => f.kind === 'invariant-violation');
    expect(fromPoints.map((f) => [f.line, f.p])).toEqual([[10, 1]]);
    expect(fromPoints[0]!.explanation).toContain("P1's schedtick went back from 13 to 2");
    const a = new TraceAnalyzer();
    const p = createParser({ onSnapshot: (s) => a.push(s), onSummaryBatch: (b) => a.pushBatch(b) });
    p.pushBytes(new TextEncoder().encode(text), true);
    p.end();
    expect(a.result().findings.filter((f) => f.kind === 'invariant-violation')).toEqual(fromPoints);
    // The interval has no schedtick deltas (no rate of anything), the next one has.
    const pts = buildTimelines(parseText(text).snapshots)[0]!.points;
    expect(pts[9]!.schedtickDelta).toBeUndefined();
    expect(pts[10]!.schedtickDelta).toEqual([1, 13]);
  });
  it('a schedtick wrapping past 2^32 is no violation, and its delta is the wrapped count', () => {
    const text = [
      'SCHED 0ms: gomaxprocs=2 idleprocs=0 threads=4 spinningthreads=0 needspinning=0 idlethreads=1 runqueue=0 [ 0 0 ] schedticks=[ 4294967000 50 ]',
      'SCHED 1000ms: gomaxprocs=2 idleprocs=0 threads=4 spinningthreads=0 needspinning=0 idlethreads=1 runqueue=0 [ 0 0 ] schedticks=[ 704 90 ]',
      'SCHED 2000ms: gomaxprocs=2 idleprocs=0 threads=4 spinningthreads=0 needspinning=0 idlethreads=1 runqueue=0 [ 0 0 ] schedticks=[ 1704 130 ]',
    ].join('\n');
    const [tl] = buildTimelines(parseText(text).snapshots);
    expect(tl!.points[1]!.schedtickDelta).toEqual([1000, 40]);
    expect(analyzeRun(tl!).filter((f) => f.kind === 'invariant-violation')).toEqual([]);
  });
  it('a steal while the earlier dump was printed is no divergence; more than that is', () => {
    // The two dumps of a real Go 1.21.13 scheddetail capture (samples/labelled/go1.21/
    // netburst-p16-detail-10ms.log.gz, 817 and 831 ms), as summary lines with the P lines' runqsize and
    // schedtick: 200 goroutines left the rings, 163 were dispatched. Half of P0's 75, stolen after
    // P0's line was printed and before the thief's, was counted twice at 817 ms.
    const dump = (t: number, runq: number[], ticks: number[]) =>
      `SCHED ${t}ms: gomaxprocs=16 idleprocs=0 threads=19 spinningthreads=0 needspinning=0 idlethreads=0 runqueue=0 [ ${runq.join(' ')} ] schedticks=[ ${ticks.join(' ')} ]`;
    const before = [75, 0, 54, 0, 0, 10, 0, 16, 10, 0, 0, 0, 0, 0, 0, 35];
    const ticks = [265, 491, 245, 173, 82, 86, 2, 139, 172, 92, 19, 0, 0, 46, 30, 3];
    const divergence = (after: number[]) =>
      buildTimelines(
        parseText([dump(817, before, ticks), dump(831, new Array(16).fill(0), after)].join('\n')).snapshots,
      )
        .flatMap(analyzeRun)
        .filter((f) => f.kind === 'model-divergence');
    expect(divergence([265, 491, 257, 173, 82, 87, 2, 185, 172, 139, 19, 0, 0, 46, 43, 47])).toEqual([]);
    // The same 200 gone with 40 dispatched: more than the racy reads and a steal from every ring allow.
    expect(divergence([265, 491, 257, 173, 82, 87, 2, 149, 172, 102, 19, 0, 0, 46, 30, 3])).toHaveLength(1);
  });
  it('queued goroutines vanishing without schedticks is a model divergence', () => {
    const lines = [...base];
    // Line 20 keeps its schedticks but its queues are all but emptied: ~60 Gs left without being
    // dispatched. (A ring at 0 may be a P holding a global batch in flight: see model-divergence.ts.)
    lines[19] = lines[19]!.replace(/runqueue=\d+ \[ \d+ \d+ \]/, 'runqueue=0 [ 1 1 ]');
    const fs = buildTimelines(parseText(lines.join('\n')).snapshots)
      .flatMap(analyzeRun)
      .filter((f) => f.kind === 'model-divergence');
    expect(fs[0]?.line).toBe(20);
  });
});
