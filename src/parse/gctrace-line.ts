/**
 * The `GODEBUG=gctrace=1` line (runtime/mgc.go gcMarkTermination), which interleaves with the
 * schedtrace on stderr:
 *
 *   gc 3 @0.010s 12%: 1.2+3.2+0.004 ms clock, 2.5+1.0/4.0/0+0.008 ms cpu, 12->15->10 MB, 14 MB goal, 0 MB stacks, 0 MB globals, 8 P (forced)
 *
 * cycle, seconds since start, GC's CPU share since start; wall clock of STW sweep termination +
 * concurrent mark + STW mark termination; CPU of STW + assist/background/idle mark + STW; heap at
 * start -> end of mark -> live; goal; (Go 1.18+: stacks, globals;) Ps. Older releases print the
 * same head and `ms cpu` groups, so only the parts every release prints are required.
 */
import type { GcCycle } from '../trace/gc-sample.js';

const NUM = '(\\d+(?:\\.\\d+)?)';
const GC_LINE = new RegExp(
  `^gc (\\d+) @${NUM}s ${NUM}%: ${NUM}\\+${NUM}\\+${NUM} ms clock, ${NUM}\\+${NUM}/${NUM}/${NUM}\\+${NUM} ms cpu, ${NUM}->${NUM}->${NUM} MB, ${NUM} MB goal,(?:.*?) (\\d+) P( \\(forced\\))?\\s*$`,
);

/** The cycle a gctrace line reports, or null when the line is not one. */
export function parseGcLine(text: string): GcCycle | null {
  if (!text.startsWith('gc ')) return null;
  const m = GC_LINE.exec(text);
  if (m === null) return null;
  const n = (i: number) => Number(m[i]);
  return {
    cycle: n(1),
    atMs: Math.round(n(2) * 1000),
    cpuPercent: n(3),
    stwStartMs: n(4),
    markMs: n(5),
    stwEndMs: n(6),
    assistCpuMs: n(8),
    backgroundCpuMs: n(9),
    idleCpuMs: n(10),
    heapStartMB: n(12),
    heapEndMB: n(13),
    heapLiveMB: n(14),
    heapGoalMB: n(15),
    procs: n(16),
    forced: m[17] !== undefined,
  };
}
