import type { EraSpec } from './era-spec.js';

/** Go 1.5 - 1.11: runtime.schedtrace as first written in Go (proc1.go in 1.5, proc.go from 1.6); M lines still carry helpgc=. */
export const go1_5: EraSpec = {
  era: 'go1.5',
  releases: '1.5-1.11',
  summary: ['gomaxprocs', 'idleprocs', 'threads', 'spinningthreads', 'idlethreads', 'runqueue'],
  detailTail: ['gcwaiting', 'nmidlelocked', 'stopwait', 'sysmonwait'],
  p: ['status', 'schedtick', 'syscalltick', 'm', 'runqsize', 'gfreecnt'],
  m: ['p', 'curg', 'mallocing', 'throwing', 'preemptoff', 'locks', 'dying', 'helpgc', 'spinning', 'blocked', 'lockedg'],
  g: ['status', 'm', 'lockedm'],
  none: '-1',
  flags: 'int',
  list: 'tight',
  schedticks: false,
};
