/**
 * What each finding kind means, in one record over every kind: the compiler refuses a kind added to
 * `findingKinds` without its title, summary, default severity, gate default and docs page.
 */
import type { Severity } from '../messages.js';
import { findingKinds, type FindingKind } from './finding.js';

export interface FindingInfo {
  title: string;
  /** One line, shown in summaries and JUnit test-case names. */
  summary: string;
  defaultSeverity: Severity;
  /** Whether `gosched check` fails on this kind when --fail-on is not given. */
  failsByDefault: boolean;
  /** Repository-relative path of the kind's page. */
  docs: string;
  /** Where it comes from: a rule of `analyze`, or the model-based detectors of replay/check. */
  source: 'rule' | 'model';
}

const page = (kind: FindingKind) => `docs/findings/${kind}.md`;

export const findingInfo: Record<FindingKind, FindingInfo> = {
  'local-overflow': {
    title: 'Local run queue overflow',
    summary: "A P's 256-slot ring filled and runqputslow moved half of it (plus one) to the global queue.",
    defaultSeverity: 'info',
    failsByDefault: false,
    docs: page('local-overflow'),
    source: 'rule',
  },
  'global-queue-growth': {
    title: 'Global run queue growth',
    summary: 'The global queue grew by more than overflow can explain (Gosched, preemption, syscall exits, netpoll).',
    defaultSeverity: 'info',
    failsByDefault: false,
    docs: page('global-queue-growth'),
    source: 'rule',
  },
  'idle-with-work': {
    title: 'Idle Ps while work waits',
    summary: 'Ps stayed idle in consecutive snapshots while runnable goroutines waited in run queues.',
    defaultSeverity: 'warning',
    failsByDefault: false,
    docs: page('idle-with-work'),
    source: 'rule',
  },
  imbalance: {
    title: 'Local queue imbalance',
    summary: "One P's ring held far more goroutines than the others'.",
    defaultSeverity: 'info',
    failsByDefault: false,
    docs: page('imbalance'),
    source: 'rule',
  },
  'thread-growth': {
    title: 'Thread growth',
    summary: 'Far more OS threads than GOMAXPROCS: syscalls or cgo calls kept their threads.',
    defaultSeverity: 'warning',
    failsByDefault: false,
    docs: page('thread-growth'),
    source: 'rule',
  },
  'gomaxprocs-change': {
    title: 'GOMAXPROCS change',
    summary: 'The number of Ps changed at run time (procresize).',
    defaultSeverity: 'info',
    failsByDefault: false,
    docs: page('gomaxprocs-change'),
    source: 'rule',
  },
  restart: {
    title: 'Process restart',
    summary: "schedtrace's clock went back to 0: a new process (run) began in the same stream.",
    defaultSeverity: 'info',
    failsByDefault: false,
    docs: page('restart'),
    source: 'rule',
  },
  'gc-stop': {
    title: 'Stop-the-world in progress',
    summary: 'A snapshot fell inside a stop-the-world (gcwaiting, stopwait, Ps in _Pgcstop).',
    defaultSeverity: 'info',
    failsByDefault: false,
    docs: page('gc-stop'),
    source: 'rule',
  },
  'crash-dump': {
    title: 'Crash dump',
    summary: 'The process printed a scheduler dump on its way down (panic or fatal error).',
    defaultSeverity: 'warning',
    failsByDefault: false,
    docs: page('crash-dump'),
    source: 'rule',
  },
  'overflow-signature': {
    title: 'Overflow signature',
    summary: "The global queue grew by an exact multiple of 129 while a P's ring shed the matching multiple of 128.",
    defaultSeverity: 'info',
    failsByDefault: false,
    docs: page('overflow-signature'),
    source: 'model',
  },
  'model-divergence': {
    title: 'Model divergence',
    summary: "The snapshot lies outside what the scheduler's rules can reach from the previous one in that interval.",
    defaultSeverity: 'error',
    failsByDefault: true,
    docs: page('model-divergence'),
    source: 'model',
  },
  'invariant-violation': {
    title: 'Invariant violation',
    summary: 'No consistent scheduler state prints this snapshot (e.g. idleprocs above gomaxprocs).',
    defaultSeverity: 'error',
    failsByDefault: true,
    docs: page('invariant-violation'),
    source: 'model',
  },
  'injection-burst': {
    title: 'Injection burst',
    summary:
      'Many goroutines reached the global queue at once without a full local ring (netpoll or timers via injectglist, syscall exits, preemption).',
    defaultSeverity: 'info',
    failsByDefault: false,
    docs: page('injection-burst'),
    source: 'model',
  },
  'stealing-stalled': {
    title: 'Stealing stalled',
    summary: 'Idle Ps persisted beside non-empty local rings for longer than work stealing allows.',
    defaultSeverity: 'warning',
    failsByDefault: false,
    docs: page('stealing-stalled'),
    source: 'model',
  },
  starvation: {
    title: 'Global queue starvation',
    summary:
      'With every P busy, the global queue drains only through the 1-in-61 fairness pick and its goroutines wait long.',
    defaultSeverity: 'warning',
    failsByDefault: false,
    docs: page('starvation'),
    source: 'model',
  },
  'syscall-thread-storm': {
    title: 'Syscall thread storm',
    summary:
      'Threads jumped within one interval: many goroutines blocked in syscalls or cgo at once and sysmon handed their Ps to new Ms.',
    defaultSeverity: 'warning',
    failsByDefault: false,
    docs: page('syscall-thread-storm'),
    source: 'model',
  },
};

/** Kinds `gosched check` fails on by default. */
export const defaultFailKinds: readonly FindingKind[] = findingKinds.filter((k) => findingInfo[k].failsByDefault);
