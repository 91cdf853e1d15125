import { type Check, fmtMs, runList, UNUSUAL_DUMP } from '../check.js';
import type { FindingOf } from '../finding.js';

/** startpanic_m/dopanic_m print a detailed scheduler dump when a process with schedtrace set dies. */
export const crashDump: Check<'crash-dump'> = {
  kind: 'crash-dump',
  basis: 'arithmetic',
  severity: 'warning',
  mergeGap: { dumps: 0, ms: -1 },
  perP: false,
  quietUnless: { wakesOn: UNUSUAL_DUMP, settlesAfter: 0 },
  create: () => ({
    reset() {},
    step({ cur }) {
      if (!cur.crash) return null;
      const g = cur.gByStatus ?? {};
      let goroutines = 0;
      for (const v of Object.values(g)) goroutines += v;
      return {
        confidence: 'certain',
        confidenceReason: 'the runtime printed its dying dump',
        evidence: {
          exitText: cur.exitText ?? null,
          goroutines,
          running: g.running ?? 0,
          runnable: g.runnable ?? 0,
          runqueue: cur.runqueue,
        },
        impact: 2e9,
      };
    },
  }),
  merge() {},
  explain(f) {
    const e = f.evidence;
    return {
      // A live process has its main goroutine at least: a dump with none was cut before its G lines.
      explanation: `The process died here${e.exitText !== null ? ` with "${e.exitText}"` : ''}: the runtime printed a detailed scheduler dump on its way down (startpanic_m) ${e.goroutines > 0 ? `with ${e.goroutines} goroutines, ${e.running} running and ${e.runnable} runnable` : 'whose goroutine lines are not in the log (cut off before them: a live process has at least its main goroutine), so how many goroutines there were is not known'}.${e.sameExit !== undefined ? ` ${crashLoopWords(e.sameExit)}` : ''}`,
      suggestion: e.exitText?.startsWith('SIGQUIT:')
        ? 'Something asked for the stacks: SIGQUIT (kill -QUIT, Ctrl-\\, or a supervisor or test timeout) makes the runtime print every goroutine and exit with status 2. The traceback after the dump shows what each goroutine was doing.'
        : 'Read the fatal error printed just before the dump (throw prints it, then the dump) or the panic printed just after it, and the traceback that follows.',
    };
  },
};

function crashLoopWords(same: NonNullable<FindingOf<'crash-dump'>['evidence']['sameExit']>): string {
  const { min, max } = same.uptimeMs;
  const when =
    max - min <= 0.2 * max
      ? `each about ${fmtMs(Math.round((min + max) / 2))} after it started`
      : `between ${fmtMs(min)} and ${fmtMs(max)} after they started`;
  return `The same message ended ${same.atLeast ? 'at least ' : ''}${same.crashes} processes of this stream (runs ${runList(same.runs, same.crashes)}), ${when}: a crash loop, the same failure again and again, not a one-off.`;
}
