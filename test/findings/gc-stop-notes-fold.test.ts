import { expect, test } from 'vitest';
import { isSustainedStop } from '../../src/findings/checks/gc-stop.js';
import { findingsOfLog } from '../helpers/log-findings.js';

// zap's Benchmark10Fields at 16 Ps with scheddetail and gctrace: about 80 GC cycles a second, and a
// dump caught inside one of their stops. gc-pressure counts those pauses from the gctrace lines, so
// the note of the dump is the same event and goes.
test.each([
  'samples/labelled/ecobench6-go1.26/zap-10fields-p16-detail-gctrace-100ms.log.gz',
  'samples/labelled/ecobench6-go1.27/zap-10fields-p16-detail-gctrace-100ms.log.gz',
])('a stop-the-world note within a sustained GC-pressure episode is folded into it: %s', (log) => {
  const findings = findingsOfLog(log);
  expect(findings[0]!.kind).toBe('gc-pressure');
  expect(findings.filter((f) => f.kind === 'gc-stop')).toEqual([]);
});

test('without gctrace lines the note stays: nothing else counts the stop', () => {
  // zerolog's diode writers at 4 Ps, scheddetail only: a dump inside a stop at 948 ms.
  const findings = findingsOfLog('samples/labelled/ecobench6-go1.26/zerolog-diode-p4-detail-100ms.log.gz');
  const notes = findings.filter((f) => f.kind === 'gc-stop');
  expect(notes).toHaveLength(1);
  expect(isSustainedStop(notes[0]!)).toBe(false);
  expect(findings.some((f) => f.kind === 'gc-pressure')).toBe(false);
});
