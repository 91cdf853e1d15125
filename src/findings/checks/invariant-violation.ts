import { P_IDLE } from '../../trace/runtime-constants.js';
import { firstWentBack, type TimelinePoint } from '../../trace/timeline.js';
import { type Check, UNUSUAL_DUMP } from '../check.js';

/** Above this a count is not a value the runtime prints: int32 counters, 10000 threads by default. */
const HUGE = 1 << 30;

interface Violation {
  violated: string;
  field: string;
  value: number;
  p?: number;
}

function violation(what: string, evidence: Record<string, number>, p?: number): Violation {
  const [field, value] = Object.entries(evidence)[0] ?? ['', 0];
  const v: Violation = { violated: what, field, value };
  if (p !== undefined) v.p = p;
  return v;
}

/**
 * Facts runtime.schedtrace guarantees for any snapshot it prints: npidle, gomaxprocs, mcount and the
 * global queue length are read under sched.lock (proc.go schedtrace); allp has gomaxprocs entries; a
 * P on the idle list has an empty ring (pidleput throws "pidleput: P has non-empty run queue").
 * Ring lengths are read racily (runqhead before runqtail), so they may exceed 256 but never go negative.
 */
export function invariantViolations(pt: TimelinePoint): Violation[] {
  const hits: Violation[] = [];
  const fields: [string, number | null][] = [
    ['gomaxprocs', pt.gomaxprocs],
    ['idleprocs', pt.idleprocs],
    ['threads', pt.threads],
    ['spinningthreads', pt.spinningthreads],
    ['idlethreads', pt.idlethreads],
    ['runqueue', pt.runqueue],
  ];
  for (const [key, v] of fields) {
    if (v !== null && (v < 0 || v > HUGE || !Number.isInteger(v)))
      hits.push(violation(`${key}=${v} is outside what the runtime can hold`, { [key]: v }));
  }
  if (pt.gomaxprocs < 1)
    hits.push(
      violation(`gomaxprocs=${pt.gomaxprocs}: a running program has at least one P`, { gomaxprocs: pt.gomaxprocs }),
    );
  if (pt.idleprocs > pt.gomaxprocs) {
    hits.push(
      violation(`idleprocs=${pt.idleprocs} exceeds gomaxprocs=${pt.gomaxprocs}`, {
        idleprocs: pt.idleprocs,
        gomaxprocs: pt.gomaxprocs,
      }),
    );
  }
  if (pt.idlethreads > pt.threads) {
    hits.push(
      violation(`idlethreads=${pt.idlethreads} exceeds threads=${pt.threads}`, {
        idlethreads: pt.idlethreads,
        threads: pt.threads,
      }),
    );
  }
  if (pt.spinningthreads !== null && pt.spinningthreads > pt.threads) {
    hits.push(
      violation(`spinningthreads=${pt.spinningthreads} exceeds threads=${pt.threads}`, {
        spinningthreads: pt.spinningthreads,
        threads: pt.threads,
      }),
    );
  }
  // A dump cut short (the process exited while sysmon printed it: its P lines end early) lists
  // fewer Ps; the parser says so (truncated-dump), and it proves nothing about the runtime.
  if (pt.runq.length > 0 && pt.runq.length !== pt.gomaxprocs && pt.crash !== true && pt.truncated !== true) {
    hits.push(
      violation(`${pt.runq.length} per-P queue lengths for gomaxprocs=${pt.gomaxprocs}`, {
        entries: pt.runq.length,
        gomaxprocs: pt.gomaxprocs,
      }),
    );
  }
  pt.runq.forEach((n, p) => {
    if (n < 0 || n > HUGE || !Number.isInteger(n))
      hits.push(violation(`P${p} local queue length ${n}`, { local: n }, p));
  });
  if (pt.pStatus !== undefined && statusesCount(pt, pt.pStatus)) {
    pt.pStatus.forEach((status, p) => {
      const n = pt.runq[p] ?? 0;
      if (status === P_IDLE && n > 0)
        hits.push(violation(`P${p} is idle (status=0) with ${n} Gs in its ring`, { status, runqsize: n }, p));
    });
  }
  return hits;
}

/**
 * A P whose schedtick is below the dump before's in the same run: execute only increments it, and
 * procresize keeps the P structs (a P's counter is never reset while the process lives; a uint32, it
 * wraps only past 2^32, counterWentBack).
 */
export function tickWentBack(prev: TimelinePoint | undefined, cur: TimelinePoint): Violation | null {
  const before = prev?.schedticks;
  const now = cur.schedticks;
  if (before === undefined || now === undefined) return null;
  const p = firstWentBack(before, now);
  if (p < 0) return null;
  return violation(
    `P${p}'s schedtick went back from ${before[p]} to ${now[p]} (execute only increments it, and it wraps only past 2^32)`,
    { schedtick: now[p]! },
    p,
  );
}

/**
 * Whether pt's P statuses are read against its rings. P status and ring are racy reads (only
 * idleprocs is exact, under sched.lock). They count only when the statuses agree with idleprocs;
 * not at start-up (the run's first dump, 0 ms), where schedinit's procresize and runtime.main's
 * first runqput can be caught half-way; and not in a crash dump, which startpanic_m prints while
 * other threads still run.
 */
function statusesCount(pt: TimelinePoint, statuses: readonly number[]): boolean {
  if (pt.tMs === 0 || pt.crash === true) return false;
  let idle = 0;
  for (let p = 0; p < statuses.length; p++) if (statuses[p] === P_IDLE) idle++;
  return idle <= pt.idleprocs;
}

/**
 * mayViolate's tests of how the counts relate, all a byte scanner's row needs (`rings`: how many
 * rings the dump printed, 0 for a crash dump's, which may be cut short).
 */
export function relationsMayFail(
  gomaxprocs: number,
  idleprocs: number,
  threads: number,
  idlethreads: number,
  spinning: number | null,
  rings: number,
): boolean {
  return (
    gomaxprocs < 1 ||
    idleprocs > gomaxprocs ||
    idlethreads > threads ||
    (spinning !== null && spinning > threads) ||
    (rings > 0 && rings !== gomaxprocs)
  );
}

const isCount = (v: number): boolean => v >= 0 && v <= HUGE && Number.isInteger(v);

/**
 * False only when invariantViolations finds nothing; checked first, since nearly every dump holds
 * and the full check builds its lists. `countsRead`: every count was read from at most nine digits
 * (a byte scanner's row), so each is an integer from 0 to below HUGE and only their relations can fail.
 */
export function mayViolate(pt: TimelinePoint, countsRead = false): boolean {
  const sp = pt.spinningthreads;
  const q = pt.runq;
  const rings = pt.crash === true ? 0 : q.length;
  if (relationsMayFail(pt.gomaxprocs, pt.idleprocs, pt.threads, pt.idlethreads, sp, rings)) return true;
  // A byte scanner's row has no P statuses either.
  if (countsRead) return false;
  if (
    !isCount(pt.gomaxprocs) ||
    !isCount(pt.idleprocs) ||
    !isCount(pt.threads) ||
    (sp !== null && !isCount(sp)) ||
    !isCount(pt.idlethreads) ||
    !isCount(pt.runqueue)
  )
    return true;
  for (let i = 0; i < q.length; i++) if (!isCount(q[i]!)) return true;
  // An idle P with Gs in its ring, where invariantViolations reads the statuses.
  const st = pt.pStatus;
  if (st !== undefined && statusesCount(pt, st))
    for (let p = 0; p < st.length; p++) if (st[p] === P_IDLE && (q[p] ?? 0) > 0) return true;
  return false;
}

export const invariantViolation: Check<'invariant-violation'> = {
  kind: 'invariant-violation',
  basis: 'invariant',
  severity: 'error',
  mergeGap: { dumps: 0, ms: -1 },
  perP: false,
  quietUnless: { wakesOn: UNUSUAL_DUMP, settlesAfter: 0 },
  create: () => ({
    reset() {},
    step({ prev, cur }) {
      const back = tickWentBack(prev, cur);
      if (!mayViolate(cur) && back === null) return null;
      const vs = invariantViolations(cur);
      if (back !== null) vs.push(back);
      if (vs.length === 0) return null;
      const first = vs[0]!;
      return {
        ...(first.p !== undefined ? { p: first.p } : {}),
        confidence: 'certain',
        confidenceReason: 'the runtime never prints these values together',
        evidence: { violated: vs.map((v) => v.violated).join('; '), field: first.field, value: first.value },
      };
    },
  }),
  merge() {},
  explain(f) {
    return {
      explanation: `No consistent scheduler state prints this dump: ${f.evidence.violated}.`,
      suggestion:
        'The log was edited, corrupted, or interleaved with another process; check the collection pipeline (merged streams, truncation) before trusting anything derived from this run.',
    };
  },
};
