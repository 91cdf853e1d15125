import { profileFor, type GoProfileName } from '../scheduler/profiles.js';
import type { FormatEra } from '../trace/snapshot.js';

/**
 * The model profile for a run: an explicit --go version wins; otherwise the format era tells the
 * release range (Go 1.25+ prints schedticks=, so its era is go1.25).
 */
export function profileForRun(era: FormatEra, go?: string): GoProfileName {
  if (go !== undefined) return profileFor(go);
  return era === 'go1.25' ? 'go1.26' : 'go1.19';
}
