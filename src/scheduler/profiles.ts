/**
 * Version profiles: the places where the runtime's scheduling rules changed between the
 * releases the model covers. Each flag names the function whose behaviour differs.
 */
export type GoProfileName = 'go1.19' | 'go1.26';

export interface GoProfile {
  name: GoProfileName;
  /** Release whose schedtrace text the model prints by default ('1.19' / '1.26'). */
  formatVersion: string;
  /** goschedImpl calls wakep after putting the G on the global queue (1.25+). */
  goschedWakep: boolean;
  /** stealWork skips Ps set in idlepMask (seen in 1.25.3 and tip; not in the 1.19 code). */
  stealSkipsIdle: boolean;
  /** A P whose M is in a syscall shows status 2 (_Psyscall); tip keeps it _Prunning. */
  psyscallStatus: boolean;
  /** sched.needspinning exists (1.20+). */
  needspinning: boolean;
  /** resetspinning always calls wakep (1.20+ shape); older code woke only with no spinner left and an idle P. */
  resetspinningAlwaysWakep: boolean;
  /**
   * addtimer calls wakeNetPoller for every new timer (1.14–1.22); from 1.23 timer.maybeAdd calls it
   * only when the timer is the P's new earliest one.
   */
  timerWakeAlways: boolean;
  /** Wait-reason texts that changed between releases (runtime2.go waitReasonStrings). */
  waitReasons: { waitGroup: string; mutex: string };
  /** The schedtrace summary line's format era, and the detailed dump's (see trace/snapshot.ts). */
  summaryEra: 'go1.14' | 'go1.25';
  detailEra: 'go1.14' | 'go1.20';
  /** The summary line carries schedticks=[...] (1.25+). */
  schedticks: boolean;
  /**
   * The status the cgo extra M's G prints in a detailed dump: oneNewExtraM puts it in _Gdead (6) up to
   * 1.25, in _Gdeadextra (11) in 1.26 (runtime2.go); the captures show 6 (1.19 to 1.25) and 11 (1.26).
   */
  extraMGStatus: number;
}

export const PROFILES: Record<GoProfileName, GoProfile> = {
  'go1.19': {
    name: 'go1.19',
    formatVersion: '1.19',
    goschedWakep: false,
    stealSkipsIdle: false,
    psyscallStatus: true,
    needspinning: false,
    resetspinningAlwaysWakep: true,
    timerWakeAlways: true,
    waitReasons: { waitGroup: 'semacquire', mutex: 'semacquire' },
    summaryEra: 'go1.14',
    detailEra: 'go1.14',
    schedticks: false,
    extraMGStatus: 6,
  },
  'go1.26': {
    name: 'go1.26',
    formatVersion: '1.26',
    goschedWakep: true,
    stealSkipsIdle: true,
    psyscallStatus: false,
    needspinning: true,
    resetspinningAlwaysWakep: true,
    timerWakeAlways: false,
    waitReasons: { waitGroup: 'sync.WaitGroup.Wait', mutex: 'sync.Mutex.Lock' },
    summaryEra: 'go1.25',
    detailEra: 'go1.20',
    schedticks: true,
    extraMGStatus: 11,
  },
};

/** Parses 'go1.22', '1.19.13', '1.26' ... into [major, minor]; null when it is not a Go version. */
export function parseGoVersion(version: string): [number, number] | null {
  const m = /^(?:go)?(\d+)\.(\d+)(?:\.\d+)?(?:[a-z].*)?$/i.exec(version.trim());
  if (!m) return null;
  return [Number(m[1]), Number(m[2])];
}

/** '1.19.13', 'go1.22' ... → the nearest profile: releases before 1.25 behave as go1.19, 1.25+ as go1.26. */
export function profileFor(version: string): GoProfileName {
  const v = parseGoVersion(version);
  if (!v) throw new RangeError(`not a Go version: ${JSON.stringify(version)} (expected e.g. 1.19, go1.26.1)`);
  return v[0] > 1 || v[1] >= 25 ? 'go1.26' : 'go1.19';
}

/** Wait-reason texts that changed between releases (runtime2.go waitReasonStrings). */
export function waitReasons(p: GoProfileName): { waitGroup: string; mutex: string } {
  return PROFILES[p].waitReasons;
}
