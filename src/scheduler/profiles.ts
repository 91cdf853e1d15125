/**
 * Version profiles: the places where the runtime's scheduling rules changed between releases. Each
 * flag names the function whose behaviour differs and the first release with the new behaviour,
 * checked in the proc.go, time.go and runtime2.go of Go 1.15, 1.16 ... 1.27 (the last patch release
 * of each; Go 1.27.3 changed no rule that a flag below names, nor the schedtrace text, so 1.27's
 * flags are 1.26's). Known and not modelled: 1.26's procresize giving the Ps a restart leaves idle to
 * the mark workers still needed (assignWaitingGCWorker; tried, worse on held-out captures:
 * docs/measurements/fidelity.md). The model is the Go 1.19 and 1.26 code with these flags; a release before 1.14
 * (timers in a timer goroutine, no asynchronous preemption) gets 1.14's rules but its own flags,
 * and a Go 2 gets the newest release's.
 */
/** A profile is named after its release: 'go1.19', 'go1.22', 'go1.26'. */
export type GoProfileName = `go1.${number}`;

export interface GoProfile {
  name: GoProfileName;
  /** Release whose schedtrace text the model prints by default ('1.19', '1.22', '1.26'). */
  formatVersion: string;
  /** goschedImpl calls wakep after putting the G on the global queue (1.22+). */
  goschedWakep: boolean;
  /**
   * goschedImpl puts a G preempted while a stop-the-world is pending (sched.gcwaiting) in its own P's
   * runnext, so that it runs again first when the world restarts, where before it went to the
   * global queue's tail like any preempted G (1.26+; not in 1.25.5's proc.go).
   */
  stwPreemptToRunnext: boolean;
  /**
   * bgsweep (mgcsweep.go) yields through goschedIfBusy after every 10 spans, and only when no P is
   * idle (1.20+); before, it called Gosched after every span.
   */
  sweepYieldIfBusy: boolean;
  /** LockOSThread starts the template thread when none runs yet (startTemplateThread, 1.10+). */
  lockStartsTemplateThread: boolean;
  /** stealWork (findrunnable before 1.17) skips Ps set in idlepMask (1.16+). */
  stealSkipsIdle: boolean;
  /** A P whose M is in a syscall shows status 2 (_Psyscall) up to 1.25; 1.26 keeps it _Prunning. */
  psyscallStatus: boolean;
  /**
   * preemptone also signals the thread (preemptM → asyncPreempt), so a G stops even in a loop that
   * calls nothing (1.14+); before, only at its next function call's stack check (stackguard0).
   */
  asyncPreemption: boolean;
  /**
   * injectglist, called holding a P, puts one G per idle P on the global queue and the rest on that P's
   * ring (1.15+); before, every G went to the global queue (globrunqput), whoever called it.
   */
  injectglistSplits: boolean;
  /**
   * injectglist, holding a P, ends with wakep in case a P went idle while it queued (1.23+; before,
   * only the startIdle it does for the Gs it put on the global queue).
   */
  injectglistWakep: boolean;
  /**
   * sysmon holds sched.sysmonlock around its work (1.15+), so its M line prints locks=2 while it
   * prints the dump under sched.lock; before, locks=1.
   */
  sysmonLock: boolean;
  /** sched.needspinning exists (1.20+). */
  needspinning: boolean;
  /**
   * wakep takes the spinning slot (nmspinning CAS 0 → 1) before it looks for an idle P under
   * sched.lock, and gives it back when there is none (pidlegetSpinning, 1.20+); before, it returned at
   * once when sched.npidle was 0. A dump may read the slot taken (runtime/wakep-in-flight.ts).
   */
  wakepTakesSlotFirst: boolean;
  /**
   * addtimer calls wakeNetPoller for every new timer (1.14–1.22); from 1.23 timer.maybeAdd calls it
   * only when the timer is the P's new earliest one.
   */
  timerWakeAlways: boolean;
  /**
   * Timers live on the Ps and an M with nothing to run sleeps for them in netpoll(delay) (1.14+),
   * whose epoll_wait timeout is whole milliseconds (netpoll_epoll.go: delay < 1 ms waits 1 ms, more
   * is truncated), so it wakes on the millisecond grid from when it blocked, not at the timer.
   */
  netpollMsSleep: boolean;
  /**
   * Wait-reason texts (runtime2.go waitReasonStrings): a parked sync.Mutex prints "sync.Mutex.Lock"
   * from 1.20, a WaitGroup.Wait "sync.WaitGroup.Wait" from 1.24; before, both "semacquire".
   */
  waitReasons: { waitGroup: string; mutex: string };
  /** The schedtrace summary line's format era, and the detailed dump's (see trace/snapshot.ts). */
  summaryEra: 'go1.5' | 'go1.12' | 'go1.14' | 'go1.20' | 'go1.25';
  detailEra: 'go1.5' | 'go1.12' | 'go1.14' | 'go1.20';
  /** The summary line carries schedticks=[...] (1.25+). */
  schedticks: boolean;
  /**
   * The wait reason a marking GC worker prints: gcBgMarkWorker puts itself in _Gwaiting while it
   * drains (so that workers can scan each other's stacks), with waitReasonGCWorkerActive from 1.20
   * (casGToWaiting), keeping the "GC worker (idle)" of its last park before.
   */
  gcWorkerActiveReason: string;
  /**
   * The status the cgo extra M's G prints in a detailed dump: oneNewExtraM puts it in _Gdead (6) up to
   * 1.25, in _Gdeadextra (11) in 1.26 (runtime2.go); the captures show 6 (1.19 to 1.25) and 11 (1.26).
   */
  extraMGStatus: number;
}

/** The newest release whose source the flags were checked against: `--go` accepts up to it. */
export const NEWEST_MINOR = 27;

/** The profile of Go 1.<minor>. */
function profileOfMinor(minor: number): GoProfile {
  const since = (first: number) => Math.min(minor, NEWEST_MINOR) >= first;
  const detailEra = since(20) ? 'go1.20' : since(14) ? 'go1.14' : since(12) ? 'go1.12' : 'go1.5';
  return {
    name: `go1.${minor}`,
    formatVersion: `1.${minor}`,
    goschedWakep: since(22),
    stwPreemptToRunnext: since(26),
    sweepYieldIfBusy: since(20),
    lockStartsTemplateThread: since(10),
    stealSkipsIdle: since(16),
    psyscallStatus: !since(26),
    asyncPreemption: since(14),
    injectglistSplits: since(15),
    injectglistWakep: since(23),
    sysmonLock: since(15),
    needspinning: since(20),
    wakepTakesSlotFirst: since(20),
    timerWakeAlways: !since(23),
    netpollMsSleep: since(14),
    waitReasons: {
      waitGroup: since(24) ? 'sync.WaitGroup.Wait' : 'semacquire',
      mutex: since(20) ? 'sync.Mutex.Lock' : 'semacquire',
    },
    summaryEra: since(25) ? 'go1.25' : detailEra,
    detailEra,
    schedticks: since(25),
    gcWorkerActiveReason: since(20) ? 'GC worker (active)' : 'GC worker (idle)',
    extraMGStatus: since(26) ? 11 : 6,
  };
}

const cache = new Map<GoProfileName, GoProfile>();

/** The profile named `name` ('go1.22'), built once. */
export function goProfile(name: GoProfileName): GoProfile {
  let p = cache.get(name);
  if (p === undefined) {
    p = profileOfMinor(Number(name.slice('go1.'.length)));
    cache.set(name, p);
  }
  return p;
}

/** Parses 'go1.22', '1.19.13', '1.26' ... into [major, minor]; null when it is not a Go version. */
export function parseGoVersion(version: string): [number, number] | null {
  const m = /^(?:go)?(\d+)\.(\d+)(?:\.\d+)?(?:[a-z].*)?$/i.exec(version.trim());
  if (!m) return null;
  return [Number(m[1]), Number(m[2])];
}

/** '1.19.13', 'go1.22' ... → the release's profile name ('go1.19', 'go1.22'); a Go 2 is given the newest one's rules. */
export function profileFor(version: string): GoProfileName {
  const v = parseGoVersion(version);
  if (!v || v[0] < 1)
    throw new RangeError(`not a Go version: ${JSON.stringify(version)} (expected e.g. 1.19, go1.26.1)`);
  return v[0] > 1 ? `go1.${NEWEST_MINOR}` : `go1.${v[1]}`;
}

/** Wait-reason texts that changed between releases (runtime2.go waitReasonStrings). */
export function waitReasons(p: GoProfileName): { waitGroup: string; mutex: string } {
  return goProfile(p).waitReasons;
}
