/**
 * Time costs of runtime operations, in nanoseconds. The runtime's rules decide *where* Gs go;
 * these constants decide *when*, and were chosen from typical Linux/amd64 figures (futex wake-up
 * of a parked thread tens of µs, thread creation ~50 µs, a G switch a few hundred ns) and then
 * checked against the committed sample logs (see the fidelity table in the README).
 */
export const COSTS = {
  /** schedule() + execute() on the same M: a G switch. */
  switchNs: 300,
  /** A `go` statement (newproc + closure allocation) when the spec does not say. */
  spawnNs: 1_000,
  /** Waking a parked M (notewakeup → futex). */
  wakeMNs: 20_000,
  /** Creating an M (newm → clone). */
  newMNs: 60_000,
  /** findRunnable from dropping the P to stopm's mput: checkRunqsNoP over allp, checkTimersNoP, netpoll checks. */
  dropPNs: 5_000,
  /** A new G's run up to its first gopark (goroutine start, time.Sleep's timer set-up, gopark). */
  parkCallNs: 2_000,
  /**
   * runqgrab's usleep(3) before taking a running victim's runnext: a nanosleep, which the timer slack
   * (50 µs for a normal thread) stretches; the counters patch measures sysmon's 20 µs sleeps ending
   * 77-81 µs late with a core free.
   */
  runqgrabSleepNs: 83_000,
  /** A stealing pass that found work. */
  stealNs: 1_500,
  /**
   * sysmon's usleep of 1 ms and more overshoots its request by this much plus up to sleepJitterNs.
   * A shorter one (20 µs while sysmon retakes) is taken as exact, though the runtime counters patch
   * measures 77-81 µs late with a core free (the 50 µs timer slack): adding that puts Go 1.19's
   * syscalls scenario out of its real variance (README: the fidelity section's syscalls item).
   */
  sleepOverheadNs: 60_000,
  sleepJitterNs: 80_000,
  /** forcePreemptNS (proc.go): a G running 10 ms on the same schedtick is preempted. */
  forcePreemptNs: 10_000_000,
  /** sysmon polls the network when nobody has for this long (proc.go sysmon). */
  sysmonNetpollNs: 10_000_000,
} as const;

/** How far past its end a sleep of 1 ms or more ends (usleep, epoll_wait: the timer slack), for a uniform draw in [0, 1). */
export function longSleepOvershootNs(uniform: number): number {
  return COSTS.sleepOverheadNs + uniform * COSTS.sleepJitterNs;
}
