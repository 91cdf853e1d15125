/**
 * What each finding kind means, in one record over every kind: the compiler refuses a kind added to
 * `findingKinds` without its title, summary, default severity, gate default, rank tier and docs page.
 */
import type { Severity } from '../messages.js';
import { findingKinds, type Basis, type FindingKind } from './finding.js';

export interface FindingInfo {
  title: string;
  /** One line, shown in summaries and JUnit test-case names. */
  summary: string;
  defaultSeverity: Severity;
  /** Whether `gosched check` fails on this kind when --fail-on is not given. */
  failsByDefault: boolean;
  /** Repository-relative path of the kind's page. */
  docs: string;
  /** What the check rests on. */
  basis: Basis;
  /** The runtime function whose rule the check follows (src/runtime). */
  goFunction: string;
  /** Rank tier: 0 the process died, 1 costs throughput or latency, 2 notes. */
  tier: 0 | 1 | 2;
  /** Whether it can be a run's headline. */
  headline: boolean;
  /** What the log must carry for the kind to be seen at all: gctrace lines, or scheddetail's G lines. */
  needs?: 'gctrace' | 'scheddetail';
}

const page = (kind: FindingKind) => `docs/findings/${kind}.md`;

export const findingInfo: Record<FindingKind, FindingInfo> = {
  saturation: {
    title: 'CPU saturation',
    summary:
      'More goroutines were runnable than the Ps could run (no P idle, or idle Ps beside a spinning M), dump after dump or in phases.',
    defaultSeverity: 'warning',
    failsByDefault: false,
    docs: page('saturation'),
    basis: 'threshold',
    goFunction: 'schedule/findRunnable (proc.go), sysmon retake → preemptone',
    tier: 1,
    headline: true,
  },
  'gc-pressure': {
    title: 'GC pressure',
    summary: 'The garbage collector ran many cycles per second or took a large share of the CPU (gctrace).',
    defaultSeverity: 'warning',
    failsByDefault: false,
    docs: page('gc-pressure'),
    basis: 'threshold',
    goFunction:
      'gcStart/gcMarkTermination (mgc.go), gcControllerState.startCycle (mgcpacer.go), gcBgMarkWorker → runqdrain',
    tier: 1,
    headline: true,
    needs: 'gctrace',
  },
  'idle-with-work': {
    title: 'Idle Ps while work waits',
    summary: 'Ps stayed idle over consecutive dumps while runnable goroutines waited: no M was started to steal.',
    defaultSeverity: 'warning',
    failsByDefault: false,
    docs: page('idle-with-work'),
    basis: 'model',
    goFunction: 'wakep/startm, stealWork → runqgrab (proc.go)',
    tier: 1,
    headline: true,
  },
  'thread-growth': {
    title: 'Thread growth',
    summary: 'Far more busy OS threads than GOMAXPROCS: goroutines blocked in syscalls or cgo kept their threads.',
    defaultSeverity: 'warning',
    failsByDefault: false,
    docs: page('thread-growth'),
    basis: 'threshold',
    goFunction: 'retake → handoffp → startm → newm (proc.go)',
    tier: 1,
    headline: true,
  },
  'local-overflow': {
    title: 'Local run queue overflow',
    summary:
      "A P's 256-slot ring filled and runqputslow moved 128 of its goroutines plus one (129) to the global queue.",
    defaultSeverity: 'info',
    failsByDefault: false,
    docs: page('local-overflow'),
    basis: 'arithmetic',
    goFunction: 'runqput → runqputslow (proc.go)',
    tier: 1,
    headline: true,
  },
  'injection-burst': {
    title: 'Injection burst',
    summary:
      'Many goroutines reached the global queue at once that neither overflow nor preemption explains (the network poller via injectglist, syscall exits with no P).',
    defaultSeverity: 'info',
    failsByDefault: false,
    docs: page('injection-burst'),
    basis: 'model',
    goFunction: 'injectglist (proc.go), netpoll',
    tier: 1,
    headline: true,
  },
  'lock-contention': {
    title: 'Lock contention',
    summary:
      'More goroutines than Ps were parked waiting for a sync.Mutex or sync.RWMutex (scheddetail G lines; "semacquire" before Go 1.20).',
    defaultSeverity: 'warning',
    failsByDefault: false,
    docs: page('lock-contention'),
    basis: 'threshold',
    goFunction: 'semacquire1 (sema.go) from sync.(*Mutex).lockSlow, (*RWMutex).Lock/RLock',
    tier: 1,
    headline: true,
    needs: 'scheddetail',
  },
  'goroutine-leak': {
    title: 'Goroutine leak',
    summary:
      'Goroutines parked on a channel, select, sync.Cond or WaitGroup (or in IO wait) set new highs dump after dump: more parked than were woken (scheddetail G lines).',
    defaultSeverity: 'warning',
    failsByDefault: false,
    docs: page('goroutine-leak'),
    basis: 'threshold',
    goFunction: 'gopark (proc.go) from chanrecv/chansend/selectgo, woken only by goready',
    tier: 1,
    headline: true,
    needs: 'scheddetail',
  },
  imbalance: {
    title: 'Local queue imbalance',
    summary: "One P's ring held far more goroutines than the others' over consecutive dumps.",
    defaultSeverity: 'info',
    failsByDefault: false,
    docs: page('imbalance'),
    basis: 'threshold',
    goFunction: 'newproc → runqput, stealWork → runqgrab (proc.go)',
    tier: 1,
    headline: true,
  },
  'gomaxprocs-change': {
    title: 'GOMAXPROCS change',
    summary: 'The number of Ps changed at run time (procresize).',
    defaultSeverity: 'info',
    failsByDefault: false,
    docs: page('gomaxprocs-change'),
    basis: 'arithmetic',
    goFunction: 'procresize (proc.go)',
    tier: 2,
    headline: true,
  },
  restart: {
    title: 'Process restart',
    summary: "schedtrace's clock went back to 0: a new process (run) began in the same stream.",
    defaultSeverity: 'warning',
    failsByDefault: false,
    docs: page('restart'),
    basis: 'arithmetic',
    goFunction: 'schedtrace (proc.go: starttime is set on its first call)',
    tier: 0,
    headline: true,
  },
  'gc-stop': {
    title: 'Stop-the-world in progress',
    summary:
      "A dump fell inside a stop-the-world (gcwaiting, stopwait, Ps in _Pgcstop): a note, or, at 10% or more of a run's dumps with no gctrace, the sampled share of the time every P stood still; summary dumps show it too, as Ps that no awake thread holds, from 3 Ps.",
    defaultSeverity: 'info',
    failsByDefault: false,
    docs: page('gc-stop'),
    basis: 'arithmetic',
    goFunction: 'stopTheWorldWithSema (proc.go)',
    tier: 2,
    headline: false,
  },
  'crash-dump': {
    title: 'Crash dump',
    summary: 'The process died: the runtime printed a scheduler dump on its way down (panic or fatal error).',
    defaultSeverity: 'warning',
    failsByDefault: false,
    docs: page('crash-dump'),
    basis: 'arithmetic',
    goFunction: 'startpanic_m / dopanic_m (panic.go)',
    tier: 0,
    headline: true,
  },
  'model-divergence': {
    title: 'Model divergence',
    summary: "The dump lies outside what the scheduler's rules can reach from the previous one in that interval.",
    defaultSeverity: 'error',
    failsByDefault: true,
    docs: page('model-divergence'),
    basis: 'model',
    goFunction: 'execute (proc.go: schedtick counts every fresh time slice, not runnext dispatches)',
    tier: 1,
    headline: true,
  },
  'invariant-violation': {
    title: 'Invariant violation',
    summary: 'No consistent scheduler state prints this dump (e.g. idleprocs above gomaxprocs).',
    defaultSeverity: 'error',
    failsByDefault: true,
    docs: page('invariant-violation'),
    basis: 'invariant',
    goFunction: 'schedtrace, pidleput (proc.go)',
    tier: 1,
    headline: true,
  },
};

/** Kinds `gosched check` fails on by default. */
export const defaultFailKinds: readonly FindingKind[] = findingKinds.filter((k) => findingInfo[k].failsByDefault);
