import { expect, test } from 'vitest';
import { findingsOfLog } from '../helpers/log-findings.js';

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
