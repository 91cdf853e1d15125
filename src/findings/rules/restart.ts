import type { Rule } from './rule.js';

/** A run after the first one: the stream printed SCHED 0ms again (or time went back) — a new process. */
export const restart: Rule = {
  kind: 'restart',
  severity: 'info',
  check({ run, index, cur }) {
    if (run === 0 || index !== 0) return null;
    return { evidence: { run, firstTMs: cur.tMs ?? -1 } };
  },
  explain({ evidence: e }) {
    return {
      explanation: `The process restarted: schedtrace's clock starts at 0 with each process (runtime.schedtrace sets starttime on its first call), and run ${e.run} begins here.`,
      suggestion: 'Check the lines just before for a crash, an OOM kill or a deploy.',
    };
  },
};
