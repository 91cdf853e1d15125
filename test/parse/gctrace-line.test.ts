import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanGcLine } from '../../src/parse/byte-gctrace.js';
import { parseGcLine } from '../../src/parse/gctrace-line.js';
import { createParser, parseText } from '../../src/parse/index.js';
import type { Snapshot } from '../../src/trace/snapshot.js';
import { samplesDir } from '../helpers/samples.js';

describe('gctrace lines', () => {
  it('reads a real Go 1.26.8 line field by field', () => {
    const c = parseGcLine(
      'gc 36 @0.521s 5%: 0.057+3.9+0.004 ms clock, 0.11+0.97/0/0+0.009 ms cpu, 5->6->2 MB, 6 MB goal, 0 MB stacks, 0 MB globals, 8 P',
    );
    expect(c).toEqual({
      cycle: 36,
      atMs: 521,
      cpuPercent: 5,
      stwStartMs: 0.057,
      markMs: 3.9,
      stwEndMs: 0.004,
      stwCpuMs: 0.11 + 0.009,
      assistCpuMs: 0.97,
      backgroundCpuMs: 0,
      idleCpuMs: 0,
      heapStartMB: 5,
      heapEndMB: 6,
      heapLiveMB: 2,
      heapGoalMB: 6,
      procs: 8,
      forced: false,
    });
  });

  it('reads the older layout without stacks and globals, and (forced)', () => {
    const c = parseGcLine(
      'gc 7 @1.250s 2%: 0.010+1.2+0.003 ms clock, 0.040+0.5/1.1/2.0+0.012 ms cpu, 4->4->1 MB, 5 MB goal, 4 P (forced)',
    );
    expect(c).toMatchObject({ cycle: 7, atMs: 1250, procs: 4, forced: true, idleCpuMs: 2 });
  });

  it('leaves other lines alone', () => {
    expect(parseGcLine('gc is fun')).toBeNull();
    expect(parseGcLine('scvg: 0 MB released')).toBeNull();
  });

  it('counts gctrace lines in their own bucket and attaches the cycles to the next dump', () => {
    const log = [
      'SCHED 0ms: gomaxprocs=2 idleprocs=2 threads=4 spinningthreads=0 needspinning=0 idlethreads=1 runqueue=0 [ 0 0 ] schedticks=[ 0 0 ]',
      'gc 1 @0.002s 5%: 0.30+0.92+0.007 ms clock, 0.60+0.048/1.0/0.53+0.014 ms cpu, 3->4->1 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P',
      'gc 2 @0.004s 3%: 0.24+2.5+0.005 ms clock, 0.48+0/0.32/2.3+0.010 ms cpu, 3->5->3 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P',
      'SCHED 10ms: gomaxprocs=2 idleprocs=2 threads=4 spinningthreads=0 needspinning=0 idlethreads=1 runqueue=0 [ 0 0 ] schedticks=[ 3 4 ]',
    ].join('\n');
    const r = parseText(log);
    expect(r.counts).toMatchObject({ lines: 4, schedtrace: 2, gctrace: 2, foreign: 0 });
    expect(r.snapshots[0]!.gc).toBeUndefined();
    expect(r.snapshots[1]!.gc).toMatchObject({ cycles: 2, lastCycle: 2, cpuPercent: 3, assistCpuMs: 0.048 });
  });

  it('keeps the panic line on the crash dump and on the restarted run', () => {
    const log = [
      'SCHED 0ms: gomaxprocs=1 idleprocs=0 threads=3 spinningthreads=0 idlethreads=1 runqueue=0 [0]',
      'SCHED 50ms: gomaxprocs=1 idleprocs=0 threads=3 spinningthreads=0 idlethreads=1 runqueue=0 gcwaiting=0 nmidlelocked=0 stopwait=0 sysmonwait=0',
      '  P0: status=1 schedtick=5 syscalltick=0 m=0 runqsize=0 gfreecnt=0 timerslen=0',
      'panic: assignment to entry in nil map',
      '',
      'goroutine 1 [running]:',
      'SCHED 0ms: gomaxprocs=1 idleprocs=0 threads=3 spinningthreads=0 idlethreads=1 runqueue=0 [0]',
    ].join('\n');
    const s = parseText(log).snapshots;
    expect(s.map((x) => [x.run, x.crash ?? false, x.exitText ?? null])).toEqual([
      [0, false, null],
      [0, true, 'panic: assignment to entry in nil map'],
      [1, false, 'panic: assignment to entry in nil map'],
    ]);
  });
});

describe('gctrace lines across releases', () => {
  it("reads Go 1.5's longer phase lists: first and last are the stop-the-world phases", () => {
    const c = parseGcLine(
      'gc 1 @0.012s 1%: 0.047+0.31+0.12+0.64+0.21 ms clock, 0.047+0.31+0.010/0.21/0+0.64+0.21 ms cpu, 4->4->1 MB, 4 MB goal, 4 P',
    );
    expect(c).toMatchObject({ cycle: 1, atMs: 12, stwStartMs: 0.047, stwEndMs: 0.21, assistCpuMs: 0.01, procs: 4 });
    expect(c!.markMs).toBeCloseTo(0.31 + 0.12 + 0.64, 6);
  });

  it('rejects heads that are not gctrace', () => {
    for (const other of ['SCHED 0ms: gomaxprocs=1', 'gc 1 @x s 1%: 1+2+3 ms clock'])
      expect(parseGcLine(other)).toBeNull();
  });

  it('dropGcPhases leaves only the phases out of the GC records; the default keeps one per cycle', () => {
    const text = readFileSync(join(samplesDir, 'go1.26/gcheavy-p4-gctrace-50ms.log'), 'utf8');
    const read = (dropGcPhases: boolean): Snapshot[] => {
      const out: Snapshot[] = [];
      const parser = createParser({ onSnapshot: (s) => out.push(s), dropGcPhases });
      for (const line of text.split('\n')) parser.push(line);
      parser.end();
      return out;
    };
    const kept = read(false).filter((s) => s.gc !== undefined);
    const dropped = read(true).filter((s) => s.gc !== undefined);
    expect(kept.length).toBeGreaterThan(10);
    expect(kept.every((s) => s.gc!.phases!.length === s.gc!.cycles)).toBe(true);
    expect(dropped.every((s) => s.gc!.phases === undefined)).toBe(true);
    expect(dropped.map((s) => s.gc)).toEqual(kept.map((s) => ({ ...s.gc, phases: undefined })));
  });

  it('every gctrace line of the real gctrace sample reads, in order', () => {
    const lines = readFileSync(join(samplesDir, 'go1.26/gcheavy-p4-gctrace-50ms.log'), 'utf8').split('\n');
    const gcs = lines.filter((l) => l.startsWith('gc ')).map(parseGcLine);
    expect(gcs.length).toBeGreaterThan(50);
    expect(gcs.every((g) => g !== null)).toBe(true);
    expect(gcs.map((g) => g!.cycle)).toEqual(gcs.map((_, i) => i + 1));
  });
  it("reads Go 1.26's goroutine-leak check cycles (GOEXPERIMENT=goroutineleakprofile) as forced cycles, on both readers", () => {
    // gcMarkTermination prints ` (checking for goroutine leaks)` between the share and the colon for
    // the cycle goroutineLeakGC runs when the goroutineleak profile is collected; before, the
    // readers counted those lines as foreign and the cycles went missing.
    const text = readFileSync(join(samplesDir, 'programs/leakprofile-go1.26-p4-gctrace-100ms.log'), 'utf8');
    const gcLines = text.split('\n').filter((l) => l.startsWith('gc '));
    const leakChecks = gcLines.filter((l) => l.includes('% (checking for goroutine leaks): '));
    expect(leakChecks.length).toBe(8);
    const cycles = gcLines.map(parseGcLine);
    expect(cycles.map((c) => c?.cycle)).toEqual(gcLines.map((_, i) => i + 1));
    for (const l of leakChecks) expect(parseGcLine(l)).toMatchObject({ forced: true, procs: 4 });
    expect(parseGcLine(leakChecks[0]!)).toMatchObject({
      cycle: 12,
      atMs: 252,
      cpuPercent: 5,
      stwStartMs: 1.7,
      markMs: 3.8,
    });
    for (const l of gcLines) {
      const b = Buffer.from(`${l}\n`);
      const scanned = scanGcLine(b, 0, b.length);
      expect(scanned === null ? null : { ...scanned }).toEqual(parseGcLine(l));
    }
    // Only at its place: the words elsewhere on a line are not a gctrace line's.
    expect(parseGcLine(leakChecks[0]!.replace('5% (checking', '5% (looking'))).toBeNull();
    expect(parseText(text).counts).toMatchObject({ schedtrace: 21, gctrace: 42, foreign: 0, malformed: 0 });
  });
});
