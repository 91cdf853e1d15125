import type { Rule } from './rule.js';

/** runtime.startpanic_m prints a detailed dump when a process with schedtrace set dies. */
export const crashDump: Rule = {
  kind: 'crash-dump',
  check({ cur }) {
    if (!cur.crash) return [];
    const running = cur.gByStatus?.['running'] ?? 0;
    const runnable = cur.gByStatus?.['runnable'] ?? 0;
    return [
      {
        kind: 'crash-dump',
        severity: 'warning',
        evidence: { goroutines: Object.values(cur.gByStatus ?? {}).reduce((a, b) => a + b, 0), running, runnable, runqueue: cur.runqueue },
        explanation: 'The process died here: the runtime printed a detailed scheduler dump on its way down (startpanic_m), which gosched read like any other snapshot.',
        suggestion: 'Read the panic or fatal error text that follows the dump in the log.',
      },
    ];
  },
};
