import type { Rule } from './rule.js';

/** A run after the first one: the stream printed SCHED 0ms again (or time went back) — a new process. */
export const restart: Rule = {
  kind: 'restart',
  check({ run, index, cur }) {
    if (run === 0 || index !== 0) return [];
    return [
      {
        kind: 'restart',
        severity: 'info',
        evidence: { run, firstTMs: cur.tMs ?? -1 },
        explanation: `The process restarted: schedtrace's clock starts at 0 with each process (runtime.schedtrace sets starttime on its first call), and run ${run} begins here.`,
        suggestion: 'Check the lines just before for a crash, an OOM kill or a deploy.',
      },
    ];
  },
};
