import type { EraSpec } from './era-spec.js';
import { go1_5 } from './go1-5.js';

/** Go 1.12 - 1.13: the GC helper threads were removed, and helpgc= with them. */
export const go1_12: EraSpec = {
  ...go1_5,
  era: 'go1.12',
  releases: '1.12-1.13',
  m: go1_5.m.filter((k) => k !== 'helpgc'),
};
