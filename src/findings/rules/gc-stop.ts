import type { Rule } from './rule.js';

/** scheddetail: a stop-the-world in progress (stopTheWorldWithSema sets gcwaiting and stopwait). */
export const gcStop: Rule = {
  kind: 'gc-stop',
  severity: 'info',
  check({ cur }) {
    const stopwait = cur.stopwait ?? 0;
    if (!cur.gcwaiting && stopwait === 0) return null;
    const stopped = cur.pStatus?.filter((s) => s === 3).length ?? 0;
    return { evidence: { gcwaiting: cur.gcwaiting ?? false, stopwait, gcstopPs: stopped, gomaxprocs: cur.gomaxprocs } };
  },
  explain({ evidence: e }) {
    return {
      explanation: `A stop-the-world was in progress (gcwaiting=${e.gcwaiting}, stopwait=${e.stopwait}, ${e.gcstopPs} P(s) in _Pgcstop): GC phase changes, runtime.GOMAXPROCS or ReadMemStats stop every P.`,
      suggestion:
        'Usually sub-millisecond; if it shows in many snapshots, look at GC frequency (GOGC, GOMEMLIMIT) and runtime.ReadMemStats calls.',
    };
  },
};
