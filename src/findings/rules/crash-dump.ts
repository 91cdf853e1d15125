import type { Rule } from './rule.js';

/** runtime.startpanic_m prints a detailed dump when a process with schedtrace set dies. */
export const crashDump: Rule = {
  kind: 'crash-dump',
  severity: 'warning',
  check({ cur }) {
    if (!cur.crash) return null;
    const g = cur.gByStatus ?? {};
    return {
      evidence: {
        goroutines: Object.values(g).reduce((a, b) => a + b, 0),
        running: g.running ?? 0,
        runnable: g.runnable ?? 0,
        runqueue: cur.runqueue,
      },
    };
  },
  explain() {
    return {
      explanation:
        'The process died here: the runtime printed a detailed scheduler dump on its way down (startpanic_m), which gosched read like any other snapshot.',
      suggestion: 'Read the panic or fatal error text that follows the dump in the log.',
    };
  },
};
