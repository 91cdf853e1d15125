import { expect, test } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import { consequence, rankFindings } from '../../src/findings/rank.js';
import { findingsOfLog } from '../helpers/log-findings.js';

const within = (inner: Finding, outer: Finding) =>
  inner.run === outer.run && inner.tMs! >= outer.tMs! && (inner.tEndMs ?? inner.tMs!) <= (outer.tEndMs ?? outer.tMs!);

test('a spawn storm whose spills all fall within its backlog leads with the backlog, whatever the impacts say', () => {
  // fasthttp's ServerGet10ReqPerConn10KClients at 8 Ps on Go 1.26: the accept loop starts a worker per
  // connection, up to 10,000 runnable; the backlog from 105 to 3588 ms, every spill episode within it.
  const findings = findingsOfLog('samples/labelled/ecobench-go1.26/fasthttp-get10k-p8-100ms.log');
  const saturation = findings.find((f) => f.kind === 'saturation')!;
  const overflows = findings.filter((f) => f.kind === 'local-overflow');
  expect(overflows.length).toBeGreaterThan(0);
  for (const o of overflows) expect(within(o, saturation)).toBe(true);
  // By impact alone the spills would lead: the two are not in one unit.
  expect(Math.max(...overflows.map(consequence))).toBeGreaterThan(consequence(saturation));
  expect(findings[0]).toBe(saturation);
  expect(rankFindings([...overflows, saturation])[0]).toBe(saturation);
});

test('a spill episode that reaches beyond every backlog ranks by its own consequence', () => {
  // runtime's CreateGoroutinesSingle at 4 Ps on Go 1.26: one spill episode from 90 to 4320 ms across
  // four shorter backlogs: the spawner's spills are the run's story, and they lead.
  const findings = findingsOfLog('samples/labelled/stdbench-go1.26/spawnsingle-p4-20ms.log');
  const overflow = findings[0]!;
  expect(overflow.kind).toBe('local-overflow');
  const saturations = findings.filter((f) => f.kind === 'saturation');
  expect(saturations.length).toBeGreaterThan(1);
  for (const s of saturations) expect(within(overflow, s)).toBe(false);
});

test('saturation in another run, or in another stream, does not hold an overflow', () => {
  const findings = findingsOfLog('samples/labelled/ecobench-go1.26/fasthttp-get10k-p8-100ms.log');
  const saturation = findings.find((f) => f.kind === 'saturation')!;
  const overflow = findings.find((f) => f.kind === 'local-overflow')!;
  const otherRun = { ...saturation, run: saturation.run + 1 } as Finding;
  expect(rankFindings([otherRun, overflow])[0]).toBe(overflow);
  // Two services of one compose log each number their runs from 0.
  const otherStream = { ...saturation, stream: `${saturation.stream}other` } as Finding;
  expect(rankFindings([otherStream, overflow])[0]).toBe(overflow);
});
