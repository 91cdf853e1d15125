import { describe, expect, test } from 'vitest';
import { parseGcLine } from '../../src/parse/gctrace-line.js';
import { cpuWaitBoundMs } from '../../src/trace/cpu-wait.js';
import { addGcCycle, MAX_GC_PHASES, type GcSample } from '../../src/trace/gc-sample.js';

// Real Go 1.22.12 lines (2 Ps, a 1.4 GB pointer heap on a loaded machine) and a Go 1.26.8 cycle.
const longMarkTermination =
  'gc 4 @1.332s 23%: 0.027+707+18 ms clock, 0.055+157/351/412+37 ms cpu, 1169->1540->1489 MB, 1373 MB goal, 0 MB stacks, 0 MB globals, 2 P';
const longSweepTermination =
  'gc 8 @14.490s 17%: 12+585+0.006 ms clock, 25+570/588/1183+0.013 ms cpu, 1220->2038->1965 MB, 1432 MB goal, 0 MB stacks, 0 MB globals, 4 P';

describe("an interval's GC record", () => {
  test('times a mark termination pause when it began, after the mark, and a sweep termination at the cycle start', () => {
    const mark = addGcCycle(undefined, parseGcLine(longMarkTermination)!);
    expect(mark).toMatchObject({ stwLongestMs: 18, stwLongestCycle: 4, stwLongestPhase: 'mark termination' });
    expect(mark.stwLongestAtMs).toBeCloseTo(1332 + 0.027 + 707, 6);
    const sweep = addGcCycle(undefined, parseGcLine(longSweepTermination)!);
    expect(sweep).toMatchObject({ stwLongestMs: 12, stwLongestAtMs: 14490, stwLongestPhase: 'sweep termination' });
  });

  test('counts the pauses longer than a P thread can wait for a CPU, at the cycle’s GOMAXPROCS and stwprocs', () => {
    // Two fair-share periods: 6 ms × (1 + log2 CPUs) up to 8 CPUs, or 0.75 ms as much per thread per CPU.
    expect(cpuWaitBoundMs(4, 2)).toBe(24);
    expect(cpuWaitBoundMs(48, 2)).toBe(72);
    expect(cpuWaitBoundMs(64, 64)).toBe(48);
    expect(cpuWaitBoundMs(1, 1)).toBe(12);
    // 2 Ps on 2 CPUs (stwprocs 0.055 / 0.027 ≈ 2): bound 24 ms, the 18 ms mark termination is within it.
    expect(addGcCycle(undefined, parseGcLine(longMarkTermination)!).stwOverCpuWait).toBe(0);
    // A real Go 1.26.8 cycle with asynchronous preemption off (samples/programs/stwloop): both stops over 24 ms.
    const held =
      'gc 2 @0.273s 20%: 41+62+43 ms clock, 83+0.051/0.14/0+87 ms cpu, 3->8->5 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 4 P';
    expect(addGcCycle(undefined, parseGcLine(held)!).stwOverCpuWait).toBe(2);
  });

  test('keeps its first cycle and when the last ended (the runtime’s share is computed then)', () => {
    const both = addGcCycle(
      addGcCycle(undefined, parseGcLine(longMarkTermination)!),
      parseGcLine(longSweepTermination)!,
    );
    expect([both.firstCycle, both.firstAtMs, both.lastCycle]).toEqual([4, 1332, 8]);
    expect(both.lastEndMs).toBeCloseTo(14490 + 12 + 585 + 0.006, 6);
  });

  test('keeps the phases of at most MAX_GC_PHASES cycles, and sums every cycle (a stream of gctrace lines and no dump)', () => {
    const cycle = parseGcLine(longSweepTermination)!;
    let acc: GcSample | undefined;
    for (let i = 1; i <= MAX_GC_PHASES + 10; i++) acc = addGcCycle(acc, { ...cycle, cycle: i, atMs: i * 1000 });
    expect(acc!.cycles).toBe(MAX_GC_PHASES + 10);
    expect(acc!.phases).toHaveLength(MAX_GC_PHASES);
    expect(acc!.lastCycle).toBe(MAX_GC_PHASES + 10);
  });
});
