import type { EraEvidence } from './eras/index.js';
import { LIST_KEY, STRAY_KEY, parseIntList, parseIntStrict, readKeyValues, type KeyValue } from './key-values.js';

/**
 * The SCHED summary line (runtime.schedtrace, first print call):
 *   SCHED <t>ms: gomaxprocs=.. idleprocs=.. threads=.. spinningthreads=.. [needspinning=..] idlethreads=.. runqueue=..
 * then either the per-P list `[a b]` / `[ a b ] schedticks=[ .. ]`, or in detail mode
 * `gcwaiting=.. nmidlelocked=.. stopwait=.. sysmonwait=..`.
 */
export interface SummaryFields {
  tMs: number | null;
  /** Text before `SCHED ` (foreign output spliced in front), if any. */
  prefix: string;
  values: Map<string, string>;
  runq?: number[];
  schedticks?: number[];
  /** Unparseable tokens. */
  strays: string[];
  problems: string[];
}

const HEAD = 'SCHED ';

/** Keys that only a summary line prints; a headless fragment must start with one of them. */
export const summaryKeys = new Set([
  'gomaxprocs',
  'idleprocs',
  'threads',
  'spinningthreads',
  'needspinning',
  'idlethreads',
  'runqueue',
  'gcwaiting',
  'nmidlelocked',
  'stopwait',
  'sysmonwait',
  'schedticks',
]);

/** Offset of the `SCHED <digits>ms:` head in `text`, or -1. */
export function findHead(text: string): number {
  let at = text.indexOf(HEAD);
  while (at >= 0) {
    let i = at + HEAD.length;
    const digitsFrom = i;
    while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    if (i > digitsFrom && text.startsWith('ms:', i)) return at;
    at = text.indexOf(HEAD, at + 1);
  }
  return -1;
}

/** True when a headless line starts like a summary fragment (`idleprocs=...`, `runqueue=... [..]`). */
export function looksLikeFragment(text: string): boolean {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) === 32) i++;
  const eq = text.indexOf('=', i);
  if (eq < 0) return false;
  const key = text.slice(i, eq);
  if (!summaryKeys.has(key)) return false;
  // At least two known summary keys, so `threads=4` in application output is not taken.
  let known = 0;
  for (const kv of readKeyValues(text, i)) if (summaryKeys.has(kv.key)) known++;
  return known >= 2;
}

export function parseSummary(text: string, headAt: number, ev: EraEvidence): SummaryFields {
  const out: SummaryFields = { tMs: null, prefix: '', values: new Map(), strays: [], problems: [] };
  let from = 0;
  if (headAt >= 0) {
    out.prefix = text.slice(0, headAt).trim();
    const msAt = text.indexOf('ms:', headAt);
    out.tMs = parseIntStrict(text.slice(headAt + HEAD.length, msAt));
    from = msAt + 3;
  }
  const kvs: KeyValue[] = readKeyValues(text, from);
  for (const { key, value } of kvs) {
    if (key === LIST_KEY) {
      const list = parseIntList(value);
      if (list === null) out.problems.push(`unreadable per-P list ${JSON.stringify(value)}`);
      else if (out.runq === undefined) out.runq = list;
      else out.problems.push('second per-P list');
      if (value.startsWith('[ ')) ev.spacedList = true;
    } else if (key === 'schedticks') {
      ev.schedticks = true;
      const list = parseIntList(value);
      if (list === null) out.problems.push(`unreadable schedticks list ${JSON.stringify(value)}`);
      else out.schedticks = list;
    } else if (key === STRAY_KEY) {
      out.strays.push(value);
    } else {
      if (key === 'needspinning') ev.needspinning = true;
      if (key === 'gcwaiting' || key === 'sysmonwait') {
        if (value === 'true' || value === 'false') ev.go120Tokens = true;
        else ev.pre120Tokens = true;
      }
      out.values.set(key, value);
    }
  }
  return out;
}
