import { type Check, FIRST_DUMP } from '../check.js';

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
      return {
        confidence: 'certain',
        confidenceReason: "schedtrace's clock went back",
        evidence: { run, exitText: cur.exitText ?? null, priorOutput: cur.priorOutput ?? null },
        impact: 1e9,
      };
    },
  }),
  merge() {},
  explain(f) {
    const e = f.evidence;
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
