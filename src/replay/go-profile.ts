import { profileFor, type GoProfileName } from '../scheduler/profiles.js';
import type { FormatEra } from '../trace/snapshot.js';

/**
 * The latest release that prints each format era: a summary-only log of Go 1.5-1.19 reads as the
 * go1.5 layout, so 1.19; go1.12 is 1.12-1.13; go1.14 is 1.14-1.19 (scheddetail); go1.20 is
 * 1.20-1.24 (needspinning=); go1.25 is 1.25 onwards (schedticks=), the newest the model has.
 */
const LATEST_OF_ERA: Record<FormatEra, GoProfileName> = {
  'go1.5': 'go1.19',
  'go1.12': 'go1.13',
  'go1.14': 'go1.19',
  'go1.20': 'go1.24',
  'go1.25': 'go1.26',
  unknown: 'go1.19',
};

/**
 * The model profile for a run: an explicit --go version wins; otherwise the latest release that
 * prints the run's format era (within an era the rules can still differ: `--go` says which).
 */
export function profileForRun(era: FormatEra, go?: string): GoProfileName {
  if (go !== undefined) return profileFor(go);
  return LATEST_OF_ERA[era];
}
