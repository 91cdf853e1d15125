import { P_GCSTOP } from '../../trace/runtime-constants.js';
import { type Check, UNUSUAL_DUMP, WORLD_STOPPING } from '../check.js';

/** scheddetail: a stop-the-world in progress (stopTheWorldWithSema sets gcwaiting and stopwait). */
export const gcStop: Check<'gc-stop'> = {
  kind: 'gc-stop',
  basis: 'arithmetic',
  severity: 'info',
  mergeGap: { dumps: 1, ms: 0 },
  perP: false,
  quietUnless: { wakesOn: UNUSUAL_DUMP | WORLD_STOPPING, settlesAfter: 0 },
  create: () => ({
    reset() {},
    step({ cur }) {
      const stopwait = cur.stopwait ?? 0;
      if (!cur.gcwaiting && stopwait === 0) return null;
      return {
        confidence: 'certain',
        confidenceReason: 'gcwaiting/stopwait are printed by the runtime',
        evidence: {
          gcwaiting: cur.gcwaiting ?? false,
          stopwait,
          gcstopPs: cur.pStatus?.filter((s) => s === P_GCSTOP).length ?? 0,
          gomaxprocs: cur.gomaxprocs,
        },
      };
    },
  }),
  merge(e, h) {
    e.stopwait = Math.max(e.stopwait, h.stopwait);
    e.gcstopPs = Math.max(e.gcstopPs, h.gcstopPs);
  },
  explain(f) {
    const e = f.evidence;
    return {
      explanation: `A stop-the-world was in progress (gcwaiting=${e.gcwaiting}, stopwait=${e.stopwait}, ${e.gcstopPs} P(s) in _Pgcstop): GC phase changes, runtime.GOMAXPROCS and ReadMemStats stop every P.`,
      suggestion:
        'Usually sub-millisecond; if it shows in many dumps, look at GC frequency (GOGC, GOMEMLIMIT) and runtime.ReadMemStats calls.',
    };
  },
};
