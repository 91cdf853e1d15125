import { describe, expect, test } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import { parseText } from '../../src/parse/index.js';
import { analyzeTrace } from '../../src/pipeline.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';
import { findingsOfLog, readLog } from '../helpers/log-findings.js';

// stopTheWorld sets the stopping M's preemptoff to the stop's reason, and the M line prints it: the
// scheddetail captures of novel17 (ReadMemStats back to back) and novel23 (runtime.Stack of every
// goroutine back to back) show it at every dump inside a stop.
function gcStop(log: string): Finding & { kind: 'gc-stop' } {
  const f = findingsOfLog(log).find((x) => x.kind === 'gc-stop');
  if (f === undefined || f.kind !== 'gc-stop') throw new Error(`no gc-stop in ${log}`);
  return f;
}

describe('gc-stop names what stopped the world where the M lines print it', () => {
  test.each([
    ['samples/labelled/novel23-go1.23/stackloop-stack-p4-detail-100ms.log.gz', 'all goroutines stack trace'],
    ['samples/labelled/novel23-go1.25/stackloop-stack-p16-detail-200ms.log.gz', 'all goroutines stack trace'],
    ['samples/labelled/novel17-go1.21/statsloop-p8-detail-50ms.log.gz', 'read mem stats'],
    ['samples/labelled/novel17-go1.26/statsloop-p4-detail-100ms.log.gz', 'read mem stats'],
  ])('%s: "%s" at every stopped dump, not the GC', (log, reason) => {
    const f = gcStop(log);
    expect(f.evidence.sustained).toBe(true);
    expect(f.evidence.stopReasons).toEqual([{ reason, dumps: f.evidence.stoppedDumps }]);
    expect(f.explanation).toContain(`printed its reason at all ${f.evidence.stoppedDumps} of those dumps`);
    expect(f.explanation).toContain("None of them was the GC's.");
    expect(f.explanation).not.toContain('GODEBUG=gctrace=1');
  });

  test('the remedy follows the reason', () => {
    expect(gcStop('samples/labelled/novel23-go1.23/stackloop-stack-p4-detail-100ms.log.gz').suggestion).toMatch(
      /^Find what prints every goroutine's stack/,
    );
    expect(gcStop('samples/labelled/novel17-go1.26/statsloop-p4-detail-100ms.log.gz').suggestion).toMatch(
      /^Read memory statistics with runtime\/metrics/,
    );
  });

  test('a GC stop names mark termination where it shows, and the ones that print nothing are left open', () => {
    // syncmap on Go 1.26: the GC back to back, 5 of 41 dumps inside a stop; gcMarkDone sets "gcing"
    // before mark termination's stop, gcStart sets nothing before sweep termination's.
    const f = gcStop('samples/labelled/ecobench6-go1.26/syncmap-hits-p8-detail-100ms.log.gz');
    expect(f.evidence.stopReasons).toEqual([{ reason: 'gcing', dumps: 1 }]);
    expect(f.explanation).toContain(`at 1 of those ${f.evidence.stoppedDumps} dumps`);
    expect(f.explanation).toContain("gcStart's stop for sweep termination sets none");
    expect(f.explanation).toContain("the GC's mark termination");
    expect(f.explanation).not.toContain("None of them was the GC's.");
  });

  test('summary lines print no M line: a stop read from the counts names no reason', () => {
    const f = gcStop('samples/labelled/novel23-go1.25/stackloop-stack-p8-100ms.log');
    expect(f.evidence.unheldPs).toBeGreaterThanOrEqual(2);
    expect(f.evidence.stopReasons).toBeUndefined();
    expect(f.explanation).toContain('a summary line does not say which');
  });
});

test('a printed reason that is no known stop is quoted as printed, with no caller, whatever its text', () => {
  // preemptoff is raw text: one that is also the name of an Object property must not read it.
  const text = readLog('samples/labelled/novel23-go1.23/stackloop-stack-p4-detail-100ms.log.gz').replaceAll(
    'preemptoff=all goroutines stack trace',
    'preemptoff=constructor',
  );
  const { snapshots, trailingGc } = parseText(text);
  const f = analyzeTrace(buildTimelines(snapshots, trailingGc)).findings.find((x) => x.kind === 'gc-stop');
  if (f === undefined || f.kind !== 'gc-stop') throw new Error('no gc-stop');
  expect(f.evidence.stopReasons).toEqual([{ reason: 'constructor', dumps: f.evidence.stoppedDumps }]);
  expect(f.explanation).toContain(`"constructor" at ${f.evidence.stoppedDumps}. None of them was the GC's.`);
  expect(f.explanation).not.toContain('undefined');
  expect(f.suggestion).toMatch(/^Run with GODEBUG=gctrace=1/);
});
