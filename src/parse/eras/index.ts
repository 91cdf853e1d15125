import type { FormatEra } from '../../trace/snapshot.js';
import type { EraSpec } from './era-spec.js';
import { go1_5 } from './go1-5.js';
import { go1_12 } from './go1-12.js';
import { go1_14 } from './go1-14.js';
import { go1_20 } from './go1-20.js';
import { go1_25 } from './go1-25.js';

export type { EraSpec } from './era-spec.js';

/** Oldest first. A new Go release with a new layout = one new table here. */
export const eras: readonly EraSpec[] = [go1_5, go1_12, go1_14, go1_20, go1_25];

/** What a dump showed that tells eras apart. */
export interface EraEvidence {
  spacedList: boolean;
  schedticks: boolean;
  needspinning: boolean;
  /** nil ids or true/false flags were printed. */
  go120Tokens: boolean;
  /** -1 ids or 0/1 flags were printed. */
  pre120Tokens: boolean;
  timerslen: boolean;
  helpgc: boolean;
  /** P lines were printed (so a missing timerslen means something). */
  pLines: boolean;
  /** M lines were printed (so a missing helpgc means something). */
  mLines: boolean;
}

export function emptyEvidence(): EraEvidence {
  return {
    spacedList: false,
    schedticks: false,
    needspinning: false,
    go120Tokens: false,
    pre120Tokens: false,
    timerslen: false,
    helpgc: false,
    pLines: false,
    mLines: false,
  };
}

/**
 * The newest era whose layout is consistent with the evidence. The summary line alone cannot
 * tell 1.5 from 1.19 apart, so such dumps get 'go1.5', the first release of that layout.
 */
export function detectEra(ev: EraEvidence): FormatEra {
  if (ev.spacedList || ev.schedticks) return 'go1.25';
  if (ev.needspinning || ev.go120Tokens) return 'go1.20';
  if (ev.timerslen) return 'go1.14';
  if (ev.helpgc) return 'go1.5';
  if (ev.pLines && ev.mLines) return 'go1.12';
  if (ev.pre120Tokens || ev.pLines || ev.mLines) return 'go1.5';
  return 'go1.5';
}
