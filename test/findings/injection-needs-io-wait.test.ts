import { expect, test } from 'vitest';
import { parseText } from '../../src/parse/index.js';
import { analyzeTrace } from '../../src/pipeline.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';
import { findingsOfLog, readLog } from '../helpers/log-findings.js';

// bbolt's BenchmarkDBBatchAutomatic at 8 Ps with scheddetail: each iteration starts 1,000 goroutines
// waiting on one channel and closes it. The global queue jumps (1 -> 260 within 207 ms on Go 1.26)
// with no ring half full, which fits spills of 129 as well as a poller's wave; but no G line of the
// run shows a goroutine in IO wait, the only state injectglist readies goroutines from.
test.each([
  'samples/labelled/ecobench6-go1.26/bbolt-batch-p8-detail-200ms.log.gz',
  'samples/labelled/ecobench6-go1.27/bbolt-batch-p8-detail-200ms.log.gz',
])('a global-queue jump in a run whose G lines show no IO wait is not read as a network wave: %s', (log) => {
  const findings = findingsOfLog(log);
  expect(findings.filter((f) => f.kind === 'injection-burst')).toEqual([]);
});

test('a run whose G lines show goroutines in IO wait still has its waves', () => {
  // The netburst program at 4 Ps with scheddetail: connections parked in IO wait, readied together.
  const findings = findingsOfLog('samples/labelled/go1.26/netburst-p4-detail-10ms.log.gz');
  const bursts = findings.filter((f) => f.kind === 'injection-burst');
  expect(bursts.length).toBeGreaterThan(0);
  expect(findings[0]!.kind).toBe('injection-burst');
});

// The same jumps, read by local-overflow: with the poller excluded only injectglist's other callers
// (GOMAXPROCS at most), forced preemption and syscall returns are left, and more than they can put
// there came from rings spilling (runqputslow), on no P since no ring was seen full.
test.each([
  'samples/labelled/ecobench6-go1.26/bbolt-batch-p8-detail-200ms.log.gz',
  'samples/labelled/ecobench6-go1.27/bbolt-batch-p8-detail-200ms.log.gz',
])('with no network waiting in the run, a jump past the other paths is a possible spill on no P: %s', (log) => {
  const findings = findingsOfLog(log);
  const spills = findings.filter((f) => f.kind === 'local-overflow');
  expect(spills.length).toBeGreaterThan(0);
  for (const f of spills) {
    if (f.kind !== 'local-overflow') throw new Error('not local-overflow');
    expect(f.confidence).toBe('possible');
    expect(f.p).toBeUndefined();
    expect(f.evidence.pollerExcluded).toBe(true);
    expect(f.evidence.growth).toBeGreaterThan(f.evidence.pollerBound!);
    expect(f.explanation).toContain(
      'no goroutine was in IO wait at the dumps read, so the network poller readied none',
    );
  }
  expect(findings[0]!.kind).toBe('local-overflow');
});

test('one goroutine in IO wait in the run gives the poller back its bound, and the jump is no longer pinned on a spill', () => {
  // The Go 1.26 capture with one G line of its first dump turned into a network wait: the run now
  // shows a goroutine the poller could ready, and a 200 ms interval lets the poller deliver far more
  // than the jumps (netpollGlobalBound).
  const text = readLog('samples/labelled/ecobench6-go1.26/bbolt-batch-p8-detail-200ms.log.gz');
  const edited = text.replace('  G2: status=1() m=nil lockedm=nil', '  G2: status=4(IO wait) m=nil lockedm=nil');
  expect(edited).not.toBe(text);
  const { snapshots, trailingGc } = parseText(edited);
  const findings = analyzeTrace(buildTimelines(snapshots, trailingGc)).findings;
  const excluded = findings.filter((f) => f.kind === 'local-overflow' && f.evidence.pollerExcluded);
  expect(excluded).toEqual([]);
  expect(findings.filter((f) => f.kind === 'local-overflow')).toEqual([]);
});

// Scored blind (novel24, labelled before capture): a spawn burst of 4,000 heavy children at 8 Ps with
// scheddetail 500 ms apart, whose spill a dump caught long after the spawner's ring drained (0 -> 526
// on the global queue, no ring past 121), and the fan-out control (120 children, no spill).
test('a spill caught at no ring, dumps 500 ms apart, is the bound-with-the-poller-excluded reading', () => {
  const findings = findingsOfLog('samples/labelled/novel24-go1.22/spawnburst-p8-detail-500ms.log.gz');
  const first = findings[0]!;
  if (first.kind !== 'local-overflow') throw new Error(`headline ${first.kind}`);
  expect(first.confidence).toBe('possible');
  expect(first.p).toBeUndefined();
  expect(first.evidence).toMatchObject({ pollerExcluded: true, globalBefore: 0, globalAfter: 526 });
});

test.each([
  'samples/labelled/novel24-go1.24/fanout-p8-detail-200ms.log.gz',
  'samples/labelled/novel24-go1.22/fanout-p4-detail-500ms.log.gz',
])('a fan-out that fits its ring, in a run with no network wait, has no finding: %s', (log) => {
  expect(findingsOfLog(log)).toEqual([]);
});
