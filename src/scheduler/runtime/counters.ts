/**
 * What the runtime did during a run, counted where the counters patch for the real runtime counts
 * it (scripts/runtime-counters/), so that the model's mechanisms can be set beside a real run's:
 * sysmon's pace, its retakes, how syscalls end, where threads come from and how long a parked M
 * takes to run once woken. Cumulative from the start.
 */
export class RuntimeCounters {
  /** Threads created (newm) by sysmon's retake (handoffp), for a spinning M (wakep), otherwise. */
  newmRetake = 0;
  newmSpin = 0;
  newmOther = 0;
  /** Threads startTheWorldWithSema created for a P with work (no idle M); its wake-ups are not counted. */
  stwNewm = 0;
  /** Syscall exits: P kept, old P taken back from the M it went to, an idle P, none (the G is queued). */
  exitFast = 0;
  exitOldP = 0;
  exitIdleP = 0;
  exitNoP = 0;
  /** Ps sysmon took from syscalls. */
  retakes = 0;
  /** sysmon's sleeps under 1 ms and of 1 ms and more: how many, and their total time past the request. */
  sysmonShort = 0;
  sysmonShortOverNs = 0;
  sysmonLong = 0;
  sysmonLongOverNs = 0;
  /** Parked Ms woken to take a P (startm → notewakeup), not spinning and spinning: how many, total wait. */
  wakes = 0;
  wakeNs = 0;
  spinWakes = 0;
  spinWakeNs = 0;
  /** Spinning spells (from startm or becomeSpinning) that found work / gave up: how many, total time. */
  spinOk = 0;
  spinOkNs = 0;
  spinFail = 0;
  spinFailNs = 0;
  /** The background sweeper's yields (Gosched, or goschedIfBusy when it did yield). */
  sweepYields = 0;
  /** Assists parked in the assist queue (gcParkAssist) / readied by a worker's credit (gcFlushBgCredit). */
  assistParks = 0;
  assistReadies = 0;
  /** execute: fresh slices for a user G / for a runtime G (mark worker, sweeper) / runnext Gs inheriting one. */
  execUser = 0;
  execSystem = 0;
  execInherit = 0;
  /** Mark workers' runs (gcBgMarkWorker's gcDrain, start to stop) by mode: dedicated, fractional, idle: how many, total time. */
  workerRuns = [0, 0, 0];
  workerNs = [0, 0, 0];

  sysmonSlept(delayUs: number, sleepNs: number): void {
    const over = sleepNs - delayUs * 1000;
    if (delayUs < 1000) {
      this.sysmonShort++;
      this.sysmonShortOverNs += over;
    } else {
      this.sysmonLong++;
      this.sysmonLongOverNs += over;
    }
  }

  /** sysmon, awake, waited this long for a turn to end (runtime/slices.ts): late as a sleep overshoot is. */
  sysmonWaitedTurn(delayUs: number, ns: number): void {
    if (delayUs < 1000) this.sysmonShortOverNs += ns;
    else this.sysmonLongOverNs += ns;
  }

  spinEnded(ns: number, ok: boolean): void {
    if (ok) {
      this.spinOk++;
      this.spinOkNs += ns;
    } else {
      this.spinFail++;
      this.spinFailNs += ns;
    }
  }

  /**
   * The counters under the names the patched runtime prints on its schedtrace lines (times in µs,
   * counts and totals as `n/total`).
   */
  asRuntimeFields(): Record<string, string> {
    const us = (ns: number) => Math.round(ns / 1000);
    return {
      'x.newm_retake_spin_other': `${this.newmRetake}/${this.newmSpin}/${this.newmOther}`,
      'x.exitsyscall_fast_oldp_idlep_nop': `${this.exitFast}/${this.exitOldP}/${this.exitIdleP}/${this.exitNoP}`,
      'x.retakes': `${this.retakes}`,
      'x.stw_newm': `${this.stwNewm}`,
      'x.sysmon_short_n_us': `${this.sysmonShort}/${us(this.sysmonShortOverNs)}`,
      'x.sysmon_long_n_us': `${this.sysmonLong}/${us(this.sysmonLongOverNs)}`,
      'x.wake_n_us': `${this.wakes}/${us(this.wakeNs)}`,
      'x.spin_wake_n_us': `${this.spinWakes}/${us(this.spinWakeNs)}`,
      'x.spin_ok_n_us': `${this.spinOk}/${us(this.spinOkNs)}`,
      'x.spin_fail_n_us': `${this.spinFail}/${us(this.spinFailNs)}`,
      'x.sweep_yields': `${this.sweepYields}`,
      'x.assist_park_ready': `${this.assistParks}/${this.assistReadies}`,
      'x.exec_user_sys_inherit': `${this.execUser}/${this.execSystem}/${this.execInherit}`,
      'x.worker_ded_frac_idle_n_us': [0, 1, 2].map((i) => `${this.workerRuns[i]}/${us(this.workerNs[i]!)}`).join('/'),
    };
  }
}
