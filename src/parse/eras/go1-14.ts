import type { EraSpec } from './era-spec.js';
import { go1_12 } from './go1-12.js';

/** Go 1.14 - 1.19: per-P timers arrived, so P lines end with timerslen=. */
export const go1_14: EraSpec = {
  ...go1_12,
  era: 'go1.14',
  releases: '1.14-1.19',
  p: [...go1_12.p, 'timerslen'],
};
