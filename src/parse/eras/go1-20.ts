import type { EraSpec } from './era-spec.js';
import { go1_14 } from './go1-14.js';

/**
 * Go 1.20 - 1.24: sched.needspinning is printed after spinningthreads; sched fields became
 * atomic types, so gcwaiting/sysmonwait print true/false and a missing id prints nil.
 */
export const go1_20: EraSpec = {
  ...go1_14,
  era: 'go1.20',
  releases: '1.20-1.24',
  summary: ['gomaxprocs', 'idleprocs', 'threads', 'spinningthreads', 'needspinning', 'idlethreads', 'runqueue'],
  none: 'nil',
  flags: 'bool',
};
