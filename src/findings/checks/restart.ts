import { FIRST_DUMP_MS } from '../../trace/runtime-constants.js';
import { type Check, FIRST_DUMP } from '../check.js';
import type { Finding } from '../finding.js';

/** What to do where several processes print into one stream. */
const SEPARATE_LOGS =
  'Give each process its own log: run the built binary rather than go run or go test with GODEBUG set, or send the program’s stderr to a file of its own.';

/** A run after the first: the stream printed SCHED 0ms again (schedtrace sets starttime on its first call). */
export const restart: Check<'restart'> = {
  kind: 'restart',
  basis: 'arithmetic',
  severity: 'warning',
  mergeGap: { dumps: 0, ms: -1 },
  perP: false,
  quietUnless: { wakesOn: FIRST_DUMP, settlesAfter: 0 },
  create: () => ({
    reset() {},
    step({ run, index, cur }) {
      if (run === 0 || index !== 0) return null;
      const evidence = { run, exitText: cur.exitText ?? null, priorOutput: cur.priorOutput ?? null, firstMs: cur.tMs };
      // A new process's first dump is at about 0 ms: a run that begins later is more likely another
      // process's dumps between this one's (the parser's interleaved-processes), or lines reordered.
      if (cur.tMs !== null && cur.tMs > FIRST_DUMP_MS && evidence.exitText === null)
        return {
          confidence: 'possible',
          confidenceReason: `the clock went back to ${cur.tMs} ms, not to a process's first dump`,
          evidence,
          impact: 0,
        };
      return { confidence: 'certain', confidenceReason: "schedtrace's clock went back", evidence, impact: 1e9 };
    },
  }),
  merge() {},
  explain(f) {
    const e = f.evidence;
    if (e.interleaved === true && e.exitText === null && (e.firstMs === null || e.firstMs <= FIRST_DUMP_MS))
      return {
        explanation: `A new process's schedtrace begins here (run ${e.run}, its clock at about 0 ms), but possibly no restart: elsewhere in this stream the clock goes back to the middle of another process's life, so processes print into it side by side (go run and go test pass GODEBUG to the go command, the compiler and the linker, which print schedtrace too), and this one may have run beside the others rather than after one that died.`,
        suggestion: SEPARATE_LOGS,
      };
    if (e.firstMs !== null && e.firstMs > FIRST_DUMP_MS && e.exitText === null)
      return {
        explanation: `Run ${e.run} begins where schedtrace's clock went back, but to ${e.firstMs} ms: a new process prints its first dump at about 0 ms (sysmon's first loop), so this is possibly no restart but another process printing into the same log, its dumps between this one's (go run and go test pass GODEBUG to the go command, which prints schedtrace too), or lines reordered on the way.`,
        suggestion: SEPARATE_LOGS,
      };
    return {
      explanation:
        e.exitText !== null
          ? `The process restarted after dying with "${e.exitText}": schedtrace's clock starts at 0 with each process, and run ${e.run} begins here.`
          : e.priorOutput !== null
            ? `The process restarted: schedtrace's clock starts at 0 with each process, and run ${e.run} begins here. No panic or fatal error was printed before it; the last line of other output after the run before's last dump was ${JSON.stringify(e.priorOutput.text)} (line ${e.priorOutput.line}). If that is the program's own last word (log.Fatal prints one, then exits with status 1), it exited on its own; otherwise it was stopped (an OOM kill, a signal, a deploy).`
            : `The process restarted: schedtrace's clock starts at 0 with each process, and run ${e.run} begins here; no panic or fatal error was printed before it: the process exited on its own (log.Fatal, os.Exit, a return from main) or was stopped (an OOM kill, a signal, a deploy).`,
      suggestion:
        e.exitText !== null
          ? 'Fix the panic; the traceback printed after it in the log names the goroutine and the line.'
          : "Read the program's own last lines before the restart (log.Fatal prints one), its exit code, the container runtime and the kernel log for an OOM kill, or the deploy history.",
    };
  },
};

/** Whether a restart finding shows its stream holds more than one process's dumps (its run began mid-clock). */
export function showsInterleaving(f: Finding): boolean {
  return f.kind === 'restart' && f.evidence.exitText === null && (f.evidence.firstMs ?? 0) > FIRST_DUMP_MS;
}

/**
 * The restarts of streams where some run began mid-clock (showsInterleaving; `streams` when the
 * caller saw findings it no longer holds), as possible notes: there the processes' dumps alternate,
 * and a run at 0 ms is a process that began, not one that replaced a dead one. Other findings are
 * returned as they are; the changed ones are copies.
 */
export function interleavedRestarts(
  fs: readonly Finding[],
  streams: ReadonlySet<string> = new Set(fs.filter(showsInterleaving).map((f) => f.stream)),
): Finding[] {
  if (streams.size === 0) return [...fs];
  return fs.map((f) => {
    if (f.kind !== 'restart' || !streams.has(f.stream) || f.evidence.exitText !== null) return f;
    // A possible restart is a note: no process is known to have died.
    if (f.confidence === 'possible') return { ...f, severity: 'info' as const };
    const evidence = { ...f.evidence, interleaved: true };
    const copy = {
      ...f,
      evidence,
      severity: 'info' as const,
      confidence: 'possible' as const,
      confidenceReason: 'the stream holds more than one process’s dumps',
      impact: 0,
    };
    return { ...copy, ...restart.explain(copy) };
  });
}
