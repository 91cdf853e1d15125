/**
 * The runtime's own strings in a dump's free-text fields, where another writer's line could be
 * taken for the runtime's text: the reason of a G line and an M line's preemptoff.
 *
 * The wait reasons a G line prints in `status=N(reason)`: runtime2.go's waitReasonStrings from Go
 * 1.11 to 1.26 (waitReason.String), and the strings Go 1.5 to 1.10 passed to gopark (the
 * background collector's `Concurrent GC wait`, `mark worker (idle)`, `stack growth`). The reason is
 * one write of the runtime's, so a line cut after it (`status=4(GC sweep wait` and another writer's
 * line) is cut where the text since `(` is one of these.
 */
export const WAIT_REASONS: ReadonlySet<string> = new Set([
  '',
  'Concurrent GC wait',
  'GC assist marking',
  'GC assist wait',
  'GC mark termination',
  'GC scavenge wait',
  'GC sweep wait',
  'GC weak to strong wait',
  'GC worker (active)',
  'GC worker (idle)',
  'GOMAXPROCS updater (idle)',
  'IO wait',
  'chan receive',
  'chan receive (durable)',
  'chan receive (nil chan)',
  'chan send',
  'chan send (durable)',
  'chan send (nil chan)',
  'cleanup wait',
  'coroutine',
  'debug call',
  'dumping heap',
  'finalizer wait',
  'flushing proc caches',
  'force gc (idle)',
  'garbage collection',
  'garbage collection scan',
  'mark worker (idle)',
  'page trace flush',
  'panicwait',
  'preempted',
  'select',
  'select (durable)',
  'select (no cases)',
  'semacquire',
  'sleep',
  'stack growth',
  'stopping the world',
  'sync.Cond.Wait',
  'sync.Mutex.Lock',
  'sync.RWMutex.Lock',
  'sync.RWMutex.RLock',
  'sync.WaitGroup.Wait',
  'sync.WaitGroup.Wait (durable)',
  'synctest.Run',
  'synctest.Wait',
  'timer goroutine (idle)',
  'trace goroutine status',
  'trace proc status',
  'trace reader (blocked)',
  'unknown wait reason',
  'wait for GC cycle',
]);

/**
 * What an M line prints as `preemptoff=`: nothing, mostly; `gcing` and `GC worker init` (mgc.go);
 * while the world stops, the stop's reason: stwReasonStrings (Go 1.21+, proc.go) and the strings
 * Go 1.20 and before passed to stopTheWorld and stopTheWorldGC.
 */
export const PREEMPTOFF_VALUES: ReadonlySet<string> = new Set([
  '',
  'gcing',
  'GC worker init',
  'unknown',
  'GC mark termination',
  'GC sweep termination',
  'write heap dump',
  'goroutine profile',
  'goroutine profile cleanup',
  'all goroutines stack trace',
  'read mem stats',
  'AllThreadsSyscall',
  'GOMAXPROCS',
  'start trace',
  'stop trace',
  'CountPagesInUse (test)',
  'ReadMetricsSlow (test)',
  'ReadMemStatsSlow (test)',
  'PageCachePagesLeaked (test)',
  'ResetDebugLog (test)',
  'CountPagesInUse',
  'PageCachePagesLeaked',
  'ReadMemStatsSlow',
  'ReadMetricsSlow',
  'ResetDebugLog',
  'doAllThreadsSyscall',
  'profile',
  'profile cleanup',
  'stack trace',
  'start tracing',
  'stop tracing',
]);
