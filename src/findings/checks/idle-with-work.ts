import { type Check, intervalMs, sum, IDLE_BESIDE_WORK, tickDeltas } from '../check.js';

/** Consecutive dumps, and milliseconds, before idle Ps beside waiting work count. */
export const IDLE_DUMPS = 3;
export const IDLE_MS = 20;

/**
 * Idle Ps beside runnable work with no M spinning and no M idle, dump after dump. Every runqput of a new or
 * readied goroutine is followed by wakep (newproc, ready), which starts a spinning M on an idle P;
 * that M steals half a victim's ring within microseconds (stealWork → runqgrab), and findRunnable
 * takes a batch from the global queue (globrunqget). Idle Ps beside waiting goroutines across
 * dumps tens of milliseconds apart, with no M spinning, mean no wakep reached that work (wakep
 * counts its M spinning before startm runs, and startm makes a thread when none is idle, newm, so
 * threads blocked in cgo or syscalls alone do not explain it): it was queued by a path that wakes
 * nobody (goschedImpl before Go 1.22: Gosched and preemption) or a wake-up was lost. With an M spinning the M was started but
 * its thread did not run: the OS's CPUs are the limit, which saturation reports. With an M on
 * the idle list (idlethreads), or with every P's schedtick advanced since the dump before, the
 * dumps caught a moment between a runqput and the M wakep starts (a program queueing goroutines
 * thousands of times a second shows it at dump after dump), not a stall.
 */
export const idleWithWork: Check<'idle-with-work'> = {
  kind: 'idle-with-work',
  basis: 'model',
  severity: 'warning',
  mergeGap: { dumps: 1, ms: 0 },
  perP: false,
  quietUnless: { wakesOn: IDLE_BESIDE_WORK, settlesAfter: 1 },
  create() {
    let streak = 0;
    let sinceT: number | null = null;
    let sinceLine = 0;
    // The streak's peaks: its first finding stands for every dump since it began.
    let idlePeak = 0;
    let waitingPeak = 0;
    return {
      reset() {
        streak = 0;
        sinceT = null;
        sinceLine = 0;
      },
      step(ctx) {
        const { prev, cur } = ctx;
        const waiting = cur.runqueue + sum(cur.runq);
        // A stall that holds across dumps leaves an idle P unscheduled between them: with every P's
        // schedtick advanced, each ran goroutines in the interval and the dump caught a moment.
        const ticks = tickDeltas(ctx);
        const everyPRan = ticks?.every((d) => d > 0) === true;
        const stalled =
          cur.idleprocs > 0 &&
          waiting >= cur.idleprocs &&
          (cur.spinningthreads ?? 0) === 0 &&
          // An M on the idle list is one startm would have taken (mget): none can be stuck then.
          cur.idlethreads === 0 &&
          !everyPRan &&
          cur.gcwaiting !== true &&
          (prev === undefined || prev.gomaxprocs === cur.gomaxprocs);
        if (!stalled) {
          streak = 0;
          return null;
        }
        if (streak === 0) {
          sinceT = cur.tMs;
          sinceLine = cur.line;
          idlePeak = 0;
          waitingPeak = 0;
        }
        streak++;
        idlePeak = Math.max(idlePeak, cur.idleprocs);
        waitingPeak = Math.max(waitingPeak, waiting);
        const span = sinceT !== null && cur.tMs !== null ? cur.tMs - sinceT : null;
        if (streak < IDLE_DUMPS || (span !== null && span < IDLE_MS)) return null;
        let busiest = -1;
        for (let i = 0; i < cur.runq.length; i++)
          if (cur.runq[i]! > 0 && (busiest < 0 || cur.runq[i]! > cur.runq[busiest]!)) busiest = i;
        const dt = intervalMs(ctx) ?? 0;
        const first = streak === IDLE_DUMPS || (span !== null && span - dt < IDLE_MS);
        const lost = Math.min(cur.idleprocs, waiting) / cur.gomaxprocs;
        return {
          confidence: streak >= 10 ? 'certain' : 'likely',
          confidenceReason: `idle Ps beside waiting goroutines and no spinning M in ${streak} consecutive dumps${span !== null ? ` over ${span} ms` : ''}; stealing takes microseconds`,
          evidence: {
            gomaxprocs: cur.gomaxprocs,
            idleprocs: cur.idleprocs,
            idleprocsPeak: first ? idlePeak : cur.idleprocs,
            waiting,
            waitingPeak: first ? waitingPeak : waiting,
            busiestP: busiest,
            dumps: first ? streak : 1,
          },
          impact: lost * (first && span !== null ? span : dt),
          since: first ? { tMs: sinceT, line: sinceLine } : undefined,
          dumps: first ? streak : undefined,
        };
      },
    };
  },
  merge(e, h) {
    e.idleprocs = h.idleprocs;
    e.idleprocsPeak = Math.max(e.idleprocsPeak, h.idleprocsPeak);
    e.waiting = h.waiting;
    e.waitingPeak = Math.max(e.waitingPeak, h.waitingPeak);
    e.busiestP = h.busiestP;
    e.dumps += h.dumps;
  },
  explain(f) {
    const e = f.evidence;
    const where = e.busiestP >= 0 ? ` (the longest ring on P${e.busiestP})` : ' in the global queue';
    return {
      explanation: `Up to ${e.idleprocsPeak} of ${e.gomaxprocs} Ps stayed idle for ${e.dumps} consecutive dumps while up to ${e.waitingPeak} runnable goroutines waited${where} and no M was spinning. wakep would have started a spinning M that steals half a ring within microseconds (stealWork → runqgrab), so no wakep reached this work: wakep counts its M spinning before it starts it, and startm makes a new thread when none is idle (newm), so threads blocked in cgo or syscalls do not explain it alone. Before Go 1.22 a goroutine that yields (runtime.Gosched) or is preempted goes to the global queue without a wakep (goschedImpl), and waits until a busy P looks there.`,
      suggestion:
        'A runtime/trace of the window shows which goroutines waited and which Ms ran; before Go 1.22, look for loops that yield with runtime.Gosched (a yielded goroutine waits on the global queue without waking an idle P).',
    };
  },
};
