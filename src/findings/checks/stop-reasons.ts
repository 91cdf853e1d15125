/**
 * What stopped the world, read from a scheddetail dump's M lines. stopTheWorld sets the stopping M's
 * preemptoff to the stop's reason before it stops the Ps (proc.go: `gp.m.preemptoff =
 * reason.String()`, the names of stwReasonStrings from Go 1.21, string literals before), and the M
 * line prints it (`preemptoff=read mem stats`). The GC's own stops go through stopTheWorldWithSema
 * directly: gcMarkDone sets "gcing" before mark termination's, gcStart sets nothing before sweep
 * termination's (so a stop with no reason printed may be the GC's).
 */
export interface StopReasonCount {
  /** The preemptoff text as printed. */
  reason: string;
  /** Dumps inside a stop that printed it. */
  dumps: number;
}

/** Distinct reasons kept per run: a run's stops come from a few call sites. */
export const MAX_STOP_REASONS = 4;

interface StopCaller {
  /** The calls that stop the world with this reason. */
  who: string;
  /** What to do about stops this frequent. */
  fix: string;
}

const STACK: StopCaller = {
  who: "runtime.Stack with all=true, or pprof's goroutine profile written with debug=2 (net/http/pprof's /debug/pprof/goroutine?debug=2), which keep the world stopped for the whole print, longer with more goroutines",
  fix: "Find what prints every goroutine's stack (runtime.Stack(buf, true), a goroutine dump with debug=2 from a debug or health endpoint) and call it far less often: each call stops every P for the whole print.",
};
const PROFILE: StopCaller = {
  who: 'runtime.GoroutineProfile or a goroutine profile (pprof.Lookup("goroutine") with debug 0 or 1)',
  fix: 'Collect goroutine profiles less often: each stops every P while the goroutines are counted.',
};
const MEMSTATS: StopCaller = {
  who: 'runtime.ReadMemStats',
  fix: 'Read memory statistics with runtime/metrics (metrics.Read stops nothing) instead of runtime.ReadMemStats, or read them less often.',
};
const GOMAXPROCS: StopCaller = {
  who: 'runtime.GOMAXPROCS called with a new value (procresize)',
  fix: 'Stop changing GOMAXPROCS while the program runs: each change stops every P.',
};
const TRACE: StopCaller = {
  who: 'runtime/trace starting or stopping',
  fix: 'Start and stop execution traces less often.',
};
const ALL_THREADS: StopCaller = {
  who: 'syscall.AllThreadsSyscall (setuid, setgid and the like on Linux)',
  fix: '',
};
const GC: StopCaller = {
  who: "the GC's mark termination (gcMarkDone → gcMarkTermination)",
  fix: '',
};

/** By the reason printed: a Map, so that no printed text reads an Object property. */
const CALLERS: ReadonlyMap<string, StopCaller> = new Map([
  ['all goroutines stack trace', STACK],
  ['stack trace', STACK],
  ['goroutine profile', PROFILE],
  ['goroutine profile cleanup', PROFILE],
  ['profile', PROFILE],
  ['read mem stats', MEMSTATS],
  ['GOMAXPROCS', GOMAXPROCS],
  ['start trace', TRACE],
  ['stop trace', TRACE],
  ['start tracing', TRACE],
  ['stop tracing', TRACE],
  ['write heap dump', { who: 'debug.WriteHeapDump', fix: 'Write heap dumps less often.' }],
  ['AllThreadsSyscall', ALL_THREADS],
  ['doAllThreadsSyscall', ALL_THREADS],
  ['gcing', GC],
  ['GC mark termination', GC],
  ['GC sweep termination', { who: "the GC's sweep termination (gcStart)", fix: '' }],
]);

/** Counts a stopped dump's reason into `reasons` (kept to MAX_STOP_REASONS distinct ones). */
export function noteStopReason(reasons: StopReasonCount[], reason: string | undefined): void {
  if (reason === undefined) return;
  const known = reasons.find((r) => r.reason === reason);
  if (known !== undefined) known.dumps++;
  else if (reasons.length < MAX_STOP_REASONS) reasons.push({ reason, dumps: 1 });
}

/** Dumps inside a stop that printed a reason. */
function namedDumps(reasons: readonly StopReasonCount[]): number {
  return reasons.reduce((n, r) => n + r.dumps, 0);
}

/** The reasons, most dumps first (a copy). */
function byDumps(reasons: readonly StopReasonCount[]): StopReasonCount[] {
  return [...reasons].sort((a, b) => b.dumps - a.dumps);
}

/** Whether every stopped dump of the run named a reason, none of them the GC's: the stops were those calls. */
export function stopsAllNamed(reasons: readonly StopReasonCount[] | undefined, stoppedDumps: number): boolean {
  if (reasons === undefined || reasons.length === 0) return false;
  return namedDumps(reasons) === stoppedDumps && reasons.every((r) => CALLERS.get(r.reason) !== GC);
}

/** The reasons the stopping Ms printed, in words naming their callers ('' without any). */
export function stopReasonWords(reasons: readonly StopReasonCount[] | undefined, stoppedDumps: number): string {
  if (reasons === undefined || reasons.length === 0) return '';
  const named = namedDumps(reasons);
  const each = byDumps(reasons)
    .map((r) => {
      const caller = CALLERS.get(r.reason);
      return `"${r.reason}" at ${r.dumps}${caller === undefined ? '' : `: ${caller.who}`}`;
    })
    .join('; ');
  const all = named === stoppedDumps;
  const at = all
    ? stoppedDumps === 1
      ? 'at that dump'
      : `at all ${stoppedDumps} of those dumps`
    : `at ${named} of those ${stoppedDumps} dumps`;
  const none = all ? '' : "; gcStart's stop for sweep termination sets none";
  return ` The M stopping the world printed its reason ${at} (preemptoff, which stopTheWorld sets to the stop's reason${none}): ${each}.`;
}

/** What to do about the most frequent reason with a remedy of its own (null: none of them has one). */
export function stopReasonFix(reasons: readonly StopReasonCount[] | undefined): string | null {
  if (reasons === undefined) return null;
  for (const r of byDumps(reasons)) {
    const fix = CALLERS.get(r.reason)?.fix ?? '';
    if (fix !== '') return fix;
  }
  return null;
}
