import type { TimelinePoint } from '../../trace/timeline.js';
import type { DetectorDef, RuleHit } from './detector.js';

/** Above this a count is not a value the runtime prints: int32 counters, 10000 threads by default. */
const HUGE = 1 << 30;

function violation(what: string, evidence: RuleHit['evidence'], p?: number): RuleHit {
  const hit: RuleHit = {
    kind: 'invariant-violation',
    severity: 'error',
    evidence: { ...evidence, violated: what },
    explanation: `No consistent scheduler state prints this snapshot: ${what}.`,
    suggestion:
      'The log was edited, corrupted, or interleaved with another process; check the collection pipeline (merged streams, truncation) before trusting anything derived from this run.',
  };
  if (p !== undefined) hit.p = p;
  return hit;
}

/**
 * Facts runtime.schedtrace guarantees for any snapshot it prints: npidle, gomaxprocs, mcount and the
 * global queue length are read under sched.lock (proc.go schedtrace); allp has gomaxprocs entries; a
 * P on the idle list has an empty ring (pidleput throws "pidleput: P has non-empty run queue").
 * Ring lengths are read racily (runqhead before runqtail), so they may exceed 256 but never go negative.
 */
export function invariantViolations(pt: TimelinePoint): RuleHit[] {
  const hits: RuleHit[] = [];
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
  if (pt.runq.length > 0 && pt.runq.length !== pt.gomaxprocs && pt.crash !== true) {
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
  // P status and ring are racy reads (only idleprocs is exact, under sched.lock). They count only
  // when the statuses agree with idleprocs; not at start-up (the run's first dump, 0 ms), where
  // schedinit's procresize and runtime.main's first runqput can be caught half-way; and not in a
  // crash dump, which startpanic_m prints while other threads still run.
  const idleStatuses = pt.pStatus?.filter((s) => s === 0).length ?? 0;
  if (pt.pStatus !== undefined && pt.tMs !== 0 && pt.crash !== true && idleStatuses <= pt.idleprocs) {
    pt.pStatus.forEach((status, p) => {
      const n = pt.runq[p] ?? 0;
      if (status === 0 && n > 0)
        hits.push(violation(`P${p} is idle (status=0) with ${n} Gs in its ring`, { status, runqsize: n }, p));
    });
  }
  return hits;
}

export const invariantViolation: DetectorDef = {
  kind: 'invariant-violation',
  merge: false,
  create: () => ({ check: ({ cur }) => invariantViolations(cur) }),
};
