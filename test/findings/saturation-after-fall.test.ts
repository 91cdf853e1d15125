import { expect, test } from 'vitest';
import type { FindingOf } from '../../src/findings/finding.js';
import { findingsOfLog } from '../helpers/log-findings.js';

const saturationOf = (path: string) =>
  findingsOfLog(path).find((f): f is FindingOf<'saturation'> => f.kind === 'saturation');

test("PingPongHog's backlog at one P is tied to the GOMAXPROCS fall before it, in evidence and words", () => {
  // runtime's BenchmarkPingPongHog sets GOMAXPROCS to 1 each round; the dumps show 4 → 1 at 26 ms
  // (Go 1.22: 4 → 1 → 4 → 1 by 618 ms, after the backlog began: the first fall is the one named).
  for (const path of [
    'samples/labelled/stdbench-go1.26/pingponghog-p4-20ms.log',
    'samples/labelled/stdbench-go1.22/pingponghog-p4-20ms.log',
  ]) {
    const f = saturationOf(path);
    expect(f?.evidence.afterFall, path).toEqual({ from: 4, tMs: 26 });
    expect(f!.explanation).toContain('The backlog came after GOMAXPROCS fell from 4 to 1 at 26 ms (gomaxprocs-change)');
    expect(f!.suggestion).toMatch(/^GOMAXPROCS was lowered from 4 to 1 before this backlog/);
  }
  expect(saturationOf('samples/labelled/stdbench2-go1.25/pingponghog-p48-100ms.log')?.evidence.afterFall).toEqual({
    from: 48,
    tMs: 108,
  });
});

test('a backlog after GOMAXPROCS rose, or where the CPUs ran out, names no fall', () => {
  // sync's BenchmarkMutex at -test.cpu=1,8,48: 48 → 1 → 8 → 48, and the backlog (idle Ps beside it,
  // an M spinning) comes in the 48-P run: the count rose to it.
  const rose = saturationOf('samples/labelled/stdbench2-go1.24/mutex-cpulist-p48-100ms.log');
  expect(rose).toBeDefined();
  expect(rose!.evidence.afterFall).toBeUndefined();
  expect(rose!.explanation).not.toContain('GOMAXPROCS fell');
  // A run without a GOMAXPROCS change.
  const steady = saturationOf('samples/labelled/go1.26/saturate-p4-50ms.log');
  expect(steady?.evidence.afterFall).toBeUndefined();
  expect(steady!.suggestion).not.toContain('GOMAXPROCS was lowered');
});
