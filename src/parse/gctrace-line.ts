/**
 * One line of `GODEBUG=gctrace=1` (printed by gcMarkTermination in mgc.go), often interleaved with
 * schedtrace on the same stderr:
 *
 *   gc 5 @0.025s 20%: 1.7+5.4+0.003 ms clock, 3.4+3.5/6.8/0+0.006 ms cpu, 26->31->17 MB, 31 MB goal, …, 4 P
 *
 * `@0.025s` is the start of the cycle (sweep termination) since the runtime started, the same clock
 * as `SCHED <t>ms`. The clock phases are stop-the-world sweep termination, concurrent mark and
 * stop-the-world mark termination (Go 1.5's documentation has `#+...+#`: it printed more phases;
 * the first and last are still the stop-the-world ones).
 */
export interface GcCycle {
  /** memstats.numgc */
  n: number;
  /** Start of the cycle, ms since the runtime started. */
  atMs: number;
  /** Wall-clock duration of the whole cycle, ms (sum of the clock phases). */
  clockMs: number;
  /** The two stop-the-world phases, ms. */
  sweepTermMs: number;
  markTermMs: number;
  /** Percent of CPU time spent in GC since the program started. */
  cpuPercent: number;
  forced: boolean;
}

const GC_LINE = /^gc (\d+) @(\d+(?:\.\d+)?)s (\d+)%: ([\d.+]+) ms clock/;

export function parseGcTraceLine(text: string): GcCycle | null {
  if (!text.startsWith('gc ')) return null;
  const m = GC_LINE.exec(text);
  if (m === null) return null;
  const phases = m[4]!.split('+').map(Number);
  if (phases.length < 3 || phases.some((x) => Number.isNaN(x))) return null;
  return {
    n: Number(m[1]),
    atMs: Number(m[2]) * 1000,
    clockMs: phases.reduce((a, b) => a + b, 0),
    sweepTermMs: phases[0]!,
    markTermMs: phases[phases.length - 1]!,
    cpuPercent: Number(m[3]),
    forced: text.endsWith('(forced)'),
  };
}
