import type { EraEvidence, EraSpec } from './eras/index.js';
import { LIST_KEY, STRAY_KEY, isDateAt, parseIntList, parseIntStrict, readKeyValues } from './key-values.js';

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
  gomaxprocs?: number | undefined;
  idleprocs?: number | undefined;
  threads?: number;
  spinningthreads?: number;
  needspinning?: number;
  idlethreads?: number;
  runqueue?: number;
  runq?: number[];
  schedticks?: number[];
  gcwaiting?: boolean;
  nmidlelocked?: number;
  stopwait?: number;
  sysmonwait?: boolean;
  /** Keys this version does not know, verbatim. */
  extra?: Record<string, string>;
  /** Foreign text found inside the line (another writer's output spliced in). */
  interleaved: string[];
  /** The line up to where foreign text took over (the runtime's text may go on on the next line). */
  clean: string;
  problems: string[];
}

const HEAD = 'SCHED ';

const intKeys = [
  'gomaxprocs',
  'idleprocs',
  'threads',
  'spinningthreads',
  'needspinning',
  'idlethreads',
  'runqueue',
  'nmidlelocked',
  'stopwait',
] as const;
const flagKeys = ['gcwaiting', 'sysmonwait'] as const;

/** Keys that only a summary line prints; a headless fragment must start with one of them. */
export const summaryKeys: ReadonlySet<string> = new Set<string>([...intKeys, ...flagKeys, 'schedticks']);
/** The longest of them: a longer text before a line's first `=` is looked up in no set. */
const LONGEST_SUMMARY_KEY = Math.max(...[...summaryKeys].map((k) => k.length));
const intKeySet: ReadonlySet<string> = new Set<string>(intKeys);
const flagKeySet: ReadonlySet<string> = new Set<string>(flagKeys);

/** Offset of the `SCHED <digits>ms:` head in `text`, or -1. */
export function findHead(text: string, from = 0): number {
  let at = text.indexOf(HEAD, from);
  while (at >= 0) {
    let i = at + HEAD.length;
    while (text.charCodeAt(i) === 32) i++;
    const digitsFrom = i;
    while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    if (i > digitsFrom && text.startsWith('ms:', i)) return at;
    at = text.indexOf(HEAD, at + 1);
  }
  return -1;
}

/** The time of the `SCHED <t>ms:` head that text starts with at `from`, or null when it starts with none. */
export function headTimeAt(text: string, from = 0): number | null {
  return text.startsWith(HEAD, from) && findHead(text, from) === from ? readHead(text, from).tMs : null;
}

/** True when a headless line starts like a summary fragment (`idleprocs=...`, `runqueue=... [..]`). */
export function looksLikeFragment(text: string): boolean {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) === 32) i++;
  const eq = text.indexOf('=', i);
  if (eq < 0 || eq - i > LONGEST_SUMMARY_KEY || !summaryKeys.has(text.slice(i, eq))) return false;
  // At least two known summary keys, so `threads=4` in application output is not taken.
  let known = 0;
  for (const kv of readKeyValues(text, i)) if (summaryKeys.has(kv.key)) known++;
  return known >= 2;
}

function parseFlag(v: string): boolean | undefined {
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return undefined;
}

/** Time of a `SCHED <t>ms:` head at headAt, and the offset after the colon. */
function readHead(text: string, headAt: number): { tMs: number; from: number } {
  let i = headAt + HEAD.length;
  while (text.charCodeAt(i) === 32) i++;
  const msAt = text.indexOf('ms:', i);
  return { tMs: parseIntStrict(text.slice(i, msAt)), from: msAt + 3 };
}

/** The general reader: any key order, unknown keys kept, problems listed. */
export function parseSummary(text: string, headAt: number, ev: EraEvidence): SummaryFields {
  const out = emptyFields(null);
  let from = 0;
  if (headAt >= 0) {
    out.prefix = text.slice(0, headAt).trim();
    const h = readHead(text, headAt);
    out.tMs = h.tMs;
    from = h.from;
  }
  out.clean = text;
  const seen = new Set<string>();
  for (const { key, value, at } of readKeyValues(text, from)) {
    if (key !== LIST_KEY && key !== STRAY_KEY) {
      // runtime.schedtrace prints each key once; two values for one key cannot both be right.
      if (seen.has(key)) out.problems.push(`${key}= appears twice`);
      seen.add(key);
    }
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
      out.interleaved.push(value);
    } else if (intKeySet.has(key)) {
      if (key === 'needspinning') ev.needspinning = true;
      const n = parseIntStrict(value);
      if (!Number.isNaN(n) && !Number.isSafeInteger(n)) {
        out.problems.push(`${key}=${value} is above 2^53 and cannot be held exactly`);
        continue;
      }
      if (!Number.isNaN(n)) {
        setIntField(out, key, n);
        continue;
      }
      // Another writer's line spliced in right after the digits (runtime print calls are not one
      // write): keep the digits, and treat the rest of this line as foreign text.
      // needspinning is 0 or 1 (sched.needspinning); other values have no fixed width, but a run of
      // digits that goes on as a date (`62026/12/01`, `62026-12-01`) ends with the date's year.
      let digits = (key === 'needspinning' ? /^[01]/ : /^\d+/).exec(value)?.[0];
      if (digits !== undefined && digits.length > 4 && isDateAt(value, digits.length)) digits = digits.slice(0, -4);
      if (digits === undefined) {
        out.problems.push(`${key}=${value} is not an integer`);
        continue;
      }
      setIntField(out, key, Number(digits));
      out.clean = text.slice(0, at + digits.length);
      out.interleaved.push(text.slice(at + digits.length));
      break;
    } else if (flagKeySet.has(key)) {
      if (value === 'true' || value === 'false') ev.go120Tokens = true;
      else ev.pre120Tokens = true;
      const f = parseFlag(value);
      if (f === undefined) out.problems.push(`${key}=${value} is not a flag`);
      else if (key === 'gcwaiting') out.gcwaiting = f;
      else out.sysmonwait = f;
    } else {
      // No prototype: a key named __proto__ is kept as data like any other.
      (out.extra ??= Object.create(null) as Record<string, string>)[key] = value;
    }
  }
  return out;
}

/** Reads decimal digits at `i`; returns the value and sets `end`. -1 when there is no digit. */
class Cursor {
  i = 0;
  text = '';
  /** The last flag read was printed as true/false (Go 1.20+) rather than 1/0. */
  flagWord = false;

  reset(text: string, i: number): void {
    this.text = text;
    this.i = i;
  }

  uint(): number {
    const t = this.text;
    let i = this.i;
    let v = 0;
    const from = i;
    for (;;) {
      const c = t.charCodeAt(i) - 48;
      if (!(c >= 0 && c <= 9)) break; // NaN past the end of the text breaks too
      v = v * 10 + c;
      i++;
    }
    if (i === from || i - from > 15) return -1;
    this.i = i;
    return v;
  }

  lit(s: string): boolean {
    if (!this.text.startsWith(s, this.i)) return false;
    this.i += s.length;
    return true;
  }

  /** `key=<uint>` followed by a space or the end. */
  keyUint(key: string): number {
    if (!this.lit(key) || this.text.charCodeAt(this.i) !== 61) return -1;
    this.i++;
    return this.uint();
  }

  flag(key: string): boolean | undefined {
    if (!this.lit(key) || this.text.charCodeAt(this.i) !== 61) return undefined;
    this.i++;
    this.flagWord = this.text.charCodeAt(this.i) > 57;
    if (this.lit('true') || this.lit('1')) return true;
    if (this.lit('false') || this.lit('0')) return false;
    return undefined;
  }
}

const cursor = new Cursor();

/** All fields present from the start, so every SummaryFields shares one object shape. */
export function emptyFields(tMs: number | null): SummaryFields {
  return {
    tMs,
    prefix: '',
    gomaxprocs: undefined,
    idleprocs: undefined,
    threads: undefined,
    spinningthreads: undefined,
    needspinning: undefined,
    idlethreads: undefined,
    runqueue: undefined,
    runq: undefined,
    schedticks: undefined,
    gcwaiting: undefined,
    nmidlelocked: undefined,
    stopwait: undefined,
    sysmonwait: undefined,
    extra: undefined,
    interleaved: [],
    clean: '',
    problems: [],
  };
}

function setIntField(out: SummaryFields, key: string, v: number): void {
  switch (key) {
    case 'gomaxprocs':
      out.gomaxprocs = v;
      break;
    case 'idleprocs':
      out.idleprocs = v;
      break;
    case 'threads':
      out.threads = v;
      break;
    case 'spinningthreads':
      out.spinningthreads = v;
      break;
    case 'needspinning':
      out.needspinning = v;
      break;
    case 'idlethreads':
      out.idlethreads = v;
      break;
    case 'runqueue':
      out.runqueue = v;
      break;
    case 'nmidlelocked':
      out.nmidlelocked = v;
      break;
    case 'stopwait':
      out.stopwait = v;
      break;
  }
}

/**
 * The fast path for an untouched line of a known era: keys in the era's order, single spaces.
 * Returns null at the first surprise; the general reader then takes the line. Written as one
 * loop over char codes because it runs once per line of multi-gigabyte logs; `start`/`end` let it
 * read a line inside a larger block of text without cutting the line out first.
 */
export function fastSummary(
  text: string,
  spec: EraSpec,
  ev: EraEvidence,
  start = 0,
  end = text.length,
): SummaryFields | null {
  const n = end;
  if (n - start < 24 || text.charCodeAt(start) !== 83 || !text.startsWith(HEAD, start)) return null;
  let i = start + HEAD.length;
  let v = 0;
  let c = 0;
  const from = i;
  while ((c = text.charCodeAt(i) - 48) >= 0 && c <= 9) {
    v = v * 10 + c;
    i++;
  }
  if (
    i === from ||
    i - from > 15 ||
    text.charCodeAt(i) !== 109 /* m */ ||
    text.charCodeAt(i + 1) !== 115 ||
    text.charCodeAt(i + 2) !== 58 ||
    text.charCodeAt(i + 3) !== 32
  )
    return null;
  i += 4;
  const out = emptyFields(v);
  const keys = spec.summary;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    const kl = key.length;
    // The whole key: a garbled key (ildeprocs=) must go to the general reader, which reports it.
    if (text.charCodeAt(i + kl) !== 61 || !text.startsWith(key, i)) return null;
    i += kl + 1;
    const vf = i;
    v = 0;
    while ((c = text.charCodeAt(i) - 48) >= 0 && c <= 9) {
      v = v * 10 + c;
      i++;
    }
    // More than 15 digits may be above 2^53: the general reader diagnoses it.
    if (i === vf || i - vf > 15 || text.charCodeAt(i) !== 32) return null;
    i++;
    setIntField(out, key, v);
  }
  if (text.charCodeAt(i) === 91 /* [ */) {
    const spaced = spec.list === 'spaced';
    const runq = readList(text, i, spaced);
    if (runq === null) return null;
    out.runq = runq;
    i = listEnd;
    if (spec.schedticks) {
      if (!text.startsWith(' schedticks=', i)) return null;
      const ticks = readList(text, i + 12, true);
      if (ticks === null) return null;
      out.schedticks = ticks;
      i = listEnd;
      ev.schedticks = true;
    }
    if (spaced) ev.spacedList = true;
  } else {
    cursor.reset(text, i);
    const cur = cursor;
    const [gcw, nml, sw, smw] = spec.detailTail as [string, string, string, string];
    const gcwaiting = cur.flag(gcw);
    if (gcwaiting === undefined || !cur.lit(' ')) return null;
    const nmidlelocked = cur.keyUint(nml);
    if (nmidlelocked < 0 || !cur.lit(' ')) return null;
    const stopwait = cur.keyUint(sw);
    if (stopwait < 0 || !cur.lit(' ')) return null;
    const sysmonwait = cur.flag(smw);
    if (sysmonwait === undefined) return null;
    out.gcwaiting = gcwaiting;
    out.nmidlelocked = nmidlelocked;
    out.stopwait = stopwait;
    out.sysmonwait = sysmonwait;
    if (cur.flagWord) ev.go120Tokens = true;
    else ev.pre120Tokens = true;
    i = cur.i;
  }
  while (i < n && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 13)) i++;
  if (i !== n) return null;
  if (keys.length > 6) ev.needspinning = true;
  return out;
}

/** End offset of the last list readList read (saves an allocation per list). */
let listEnd = 0;

/** Where the list readList read last ended. */
export function listEndOffset(): number {
  return listEnd;
}

/** `[a b c]` (or `[ a b c ]` when spaced) at `i`; null on anything else. */
export function readList(text: string, i: number, spaced: boolean): number[] | null {
  if (text.charCodeAt(i) !== 91) return null;
  i++;
  if (spaced) {
    if (text.charCodeAt(i) !== 32) return null;
    i++;
  }
  const out: number[] = [];
  let c = 0;
  for (;;) {
    if (text.charCodeAt(i) === 93) {
      listEnd = i + 1;
      return out;
    }
    const from = i;
    let v = 0;
    while ((c = text.charCodeAt(i) - 48) >= 0 && c <= 9) {
      v = v * 10 + c;
      i++;
    }
    if (i === from || i - from > 15) return null;
    out.push(v);
    c = text.charCodeAt(i);
    if (c === 32) i++;
    else if (c !== 93) return null;
  }
}
