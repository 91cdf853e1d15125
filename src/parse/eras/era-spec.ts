import type { FormatEra } from '../../trace/snapshot.js';

/**
 * One format era as data: the keys runtime.schedtrace printed, in order, and how it rendered
 * "none" ids, flags and the per-P list. The key=value reader keys fields by name, so these
 * tables drive era detection and the check for missing keys, never positions.
 */
export interface EraSpec {
  era: FormatEra;
  /** Go releases that print this layout. */
  releases: string;
  /** Summary keys before the per-P list (or the detail tail). */
  summary: readonly string[];
  /** Keys that end the summary line in scheddetail mode (instead of the per-P list). */
  detailTail: readonly string[];
  p: readonly string[];
  m: readonly string[];
  g: readonly string[];
  /** How a missing P/M/G id prints. */
  none: '-1' | 'nil';
  /** How gcwaiting/sysmonwait print. */
  flags: 'int' | 'bool';
  /** `[a b]` or `[ a b ]`. */
  list: 'tight' | 'spaced';
  schedticks: boolean;
}
