/**
 * The `GODEBUG=gctrace=1` line (runtime/mgc.go gcMarkTermination), which interleaves with the
 * schedtrace on stderr:
 *
 *   gc 3 @0.010s 12%: 1.2+3.2+0.004 ms clock, 2.5+1.0/4.0/0+0.008 ms cpu, 12->15->10 MB, 14 MB goal, 0 MB stacks, 0 MB globals, 8 P (forced)
 *
 * cycle, seconds since start, GC's CPU share since start; wall clock of STW sweep termination +
 * concurrent mark + STW mark termination; CPU of STW + assist/background/idle mark + STW; heap at
 * start -> end of mark -> live; goal; (Go 1.18+: stacks, globals;) Ps. A Go 1.26 build with
 * GOEXPERIMENT=goroutineleakprofile prints ` (checking for goroutine leaks)` after the share for the
 * cycle that collecting the goroutineleak profile forces (goroutineLeakGC → GC, so `(forced)` too). Go 1.5's runtime/extern.go
 * documents the phases as `#+...+#`: more than three were printed then. The first and the last are
 * always the stop-the-world ones, and the `a/b/c` group is the assist/background/idle mark CPU, so
 * the phase lists are read as lists rather than as a fixed count.
 */
import type { GcCycle } from '../trace/gc-sample.js';

/** What a goroutine-leak check's cycle adds after the CPU share (Go 1.26, GOEXPERIMENT=goroutineleakprofile). */
export const LEAK_CHECK = ' (checking for goroutine leaks)';

const NUM = '(\\d+(?:\\.\\d+)?)';
const GC_LINE = new RegExp(
  `^gc (\\d+) @${NUM}s ${NUM}%(?:${LEAK_CHECK.replace(/[()]/g, '\\$&')})?: ([\\d.+]+) ms clock, ([\\d.+/]+) ms cpu, ${NUM}->${NUM}->${NUM} MB, ${NUM} MB goal,(?:.*?) (\\d+) P( \\(forced\\))?\\s*$`,
);

/** Where another writer's text left a gctrace line: its head inside the line, its end (`N P`). */
const SPLICED_HEAD = /gc \d+ @\d/;
const LINE_END = /, \d+ P( \(forced\))?/g;

/**
 * A gctrace line inside a line of other output: gcMarkTermination prints it with many `print`
 * calls, and another goroutine's write can land before its head and after its last field on the same
 * line (an application logging `app worker=1 gc 112 @1.187s ... 2 Pstatus=ok`). The cycle and the
 * text around it, or null when no whole gctrace line is inside.
 */
export function splicedGcLine(text: string): { cycle: GcCycle; before: string; after: string } | null {
  const head = SPLICED_HEAD.exec(text);
  if (head === null || head.index === 0) return null;
  LINE_END.lastIndex = head.index;
  for (let m = LINE_END.exec(text); m !== null; m = LINE_END.exec(text)) {
    const end = m.index + m[0].length;
    const cycle = parseGcLine(text.slice(head.index, end));
    if (cycle !== null) return { cycle, before: text.slice(0, head.index), after: text.slice(end) };
  }
  return null;
}

/** The cycle a gctrace line reports, or null when the line is not one. */
export function parseGcLine(text: string): GcCycle | null {
  if (!text.startsWith('gc ')) return null;
  const m = GC_LINE.exec(text);
  if (m === null) return null;
  const clock = m[4]!.split('+').map(Number);
  if (clock.length < 3 || clock.some(Number.isNaN)) return null;
  const cpu = m[5]!.split('+');
  const markCpu = (cpu.find((g) => g.includes('/')) ?? '0/0/0').split('/').map(Number);
  // The first and last cpu phases are the stop-the-world ones; a group (a/b/c) there counts as none.
  const stwCpu = (g: string) => (g.includes('/') ? 0 : Number(g) || 0);
  const n = (i: number) => Number(m[i]);
  return {
    cycle: n(1),
    atMs: Math.round(n(2) * 1000),
    cpuPercent: n(3),
    stwStartMs: clock[0]!,
    markMs: clock.slice(1, -1).reduce((a, b) => a + b, 0),
    stwEndMs: clock[clock.length - 1]!,
    stwCpuMs: cpu.length > 1 ? stwCpu(cpu[0]!) + stwCpu(cpu[cpu.length - 1]!) : stwCpu(cpu[0]!),
    assistCpuMs: markCpu[0] ?? 0,
    backgroundCpuMs: markCpu[1] ?? 0,
    idleCpuMs: markCpu[2] ?? 0,
    heapStartMB: n(6),
    heapEndMB: n(7),
    heapLiveMB: n(8),
    heapGoalMB: n(9),
    procs: n(10),
    forced: m[11] !== undefined,
  };
}
