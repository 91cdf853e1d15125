import type { EraSpec } from './era-spec.js';
import { go1_20 } from './go1-20.js';

/** Go 1.25 and later: the per-P list prints as `[ a b ]` and is followed by `schedticks=[ t0 t1 ]`. */
export const go1_25: EraSpec = {
  ...go1_20,
  era: 'go1.25',
  releases: '1.25-',
  list: 'spaced',
  schedticks: true,
};
