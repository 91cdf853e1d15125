import type { FormatEra, Snapshot } from '../trace/snapshot.js';
import { ascii, ByteCursor, doubleAt } from './byte-cursor.js';
import { detectEra, emptyEvidence, eras, type EraEvidence, type EraSpec } from './eras/index.js';
import { MAX_EXACT_DIGITS } from './limits.js';
import { GOMAXPROCS, IDLEPROCS, IDLETHREADS, NEEDSPINNING, SPINNING, slotsOf, THREADS } from './summary-slots.js';

/**
 * The byte scanner for an untouched SCHED line of a known layout, read from the raw bytes of a
 * block. Each layout comes from its era table: the key text to skip and the field each key fills
 * are the table's summary keys in order, the list style and the scheddetail tail its other
 * entries, so a new era table needs no code here. It accepts exactly what the string fast path
 * (summary-line.ts fastSummary) accepts, less values too large for the 32-bit columns (those lines
 * go to the string readers); the differential test holds the two to one result.
 */

/** Summary layouts worth trying (eras that differ in their summary line), newest last. */
export const summaryLayouts: readonly EraSpec[] = eras.filter(
  (e, i) => i === 0 || e.summary.length !== eras[i - 1]!.summary.length || e.list !== eras[i - 1]!.list,
);

/** What one era table fixes for the byte scanner. */
export interface ByteLayout {
  spec: EraSpec;
  /** `key=` of each summary key, in the table's order, and the field it fills. */
  keys: readonly Uint8Array[];
  /**
   * Each key as 8-byte words read as little-endian doubles, the last one ending where the key ends
   * (overlapping the one before when the length is no multiple of 8): key k's are
   * keyWords[wordFrom[k], wordFrom[k + 1]), at wordAt of the same index from the key's start. Two
   * doubles are equal exactly when their bits are, but for NaN (never equal) and ±0 (equal): a word
   * of ASCII text is neither (its top byte is not 0 and below 0x7f), so comparing a line's bytes as
   * doubles to it tells equal bytes, 8 at a time. A key shorter than a word, or one with a word
   * that is NaN or ±0, has none, and is compared byte by byte.
   */
  keyWords: Float64Array;
  wordAt: Int32Array;
  wordFrom: Int32Array;
  slots: Int8Array;
  spaced: boolean;
  schedticks: boolean;
  /** `gcwaiting=`, `nmidlelocked=`, `stopwait=`, `sysmonwait=` as the table names them. */
  tail: readonly Uint8Array[];
  /** The era of a plain line of this layout (what detectEra makes of its evidence). */
  era: FormatEra;
}

function layoutOf(spec: EraSpec): ByteLayout | null {
  const slots = slotsOf(spec.summary);
  if (slots === null || spec.detailTail.length !== 4) return null;
  const ev = emptyEvidence();
  ev.spacedList = spec.list === 'spaced';
  ev.schedticks = spec.schedticks;
  ev.needspinning = spec.summary.length > 6;
  const keys = spec.summary.map((k) => ascii(`${k}=`));
  const words: number[] = [];
  const wordAt: number[] = [];
  const wordFrom = [0];
  for (const key of keys) {
    const ats: number[] = [];
    for (let j = 0; j < key.length && key.length >= 8; j += 8) ats.push(Math.min(j, key.length - 8));
    const ws = ats.map((at) => doubleAt(key, at));
    if (ws.every((w) => !Number.isNaN(w) && w !== 0)) {
      words.push(...ws);
      wordAt.push(...ats);
    }
    wordFrom.push(words.length);
  }
  return {
    spec,
    keys,
    keyWords: Float64Array.from(words),
    wordAt: Int32Array.from(wordAt),
    wordFrom: Int32Array.from(wordFrom),
    slots: Int8Array.from(slots),
    spaced: spec.list === 'spaced',
    schedticks: spec.schedticks,
    tail: spec.detailTail.map((k) => ascii(`${k}=`)),
    era: detectEra(ev),
  };
}

export const byteLayouts: readonly ByteLayout[] = summaryLayouts
  .map(layoutOf)
  .filter((l): l is ByteLayout => l !== null);

const HEAD = ascii('SCHED ');

/** Whether b[i] starts with `SCHED `, the head the string readers know a SCHED line by. */
export function schedHeadAt(b: Uint8Array, i: number): boolean {
  for (let k = 0; k < 6; k++) if (b[i + k] !== HEAD[k]) return false;
  return true;
}
const SCHEDTICKS = ascii(' schedticks=');
/** ` schedticks=` as two overlapping 8-byte words read as doubles (see ByteLayout.keyWords). */
const SCHEDTICKS_0 = doubleAt(SCHEDTICKS, 0);
const SCHEDTICKS_1 = doubleAt(SCHEDTICKS, SCHEDTICKS.length - 8);
const TRUE = ascii('true');
const FALSE = ascii('false');
/** Values of the 32-bit columns: 9 digits always fit; a longer value goes to the string readers. */
const MAX_DIGITS = 9;
/**
 * A P's schedtick is a uint32 (p.schedtick in runtime2.go, wrapping at 2^32): a P of a busy service
 * passes 10^9 schedules within hours, so schedticks take up to 10 digits, up to UINT32_MAX. Read with
 * the 9 digits of the other columns, every dump of such a service went to the string readers, at a
 * quarter of the speed.
 */
const MAX_TICK_DIGITS = 10;
const UINT32_MAX = 0xffff_ffff;

/** One scanned SCHED line, reused from line to line. */
export class SummaryScan {
  tMs = 0;
  gomaxprocs = 0;
  idleprocs = 0;
  threads = 0;
  spinningthreads = -1;
  needspinning = -1;
  idlethreads = 0;
  runqueue = 0;
  /** Per-P list (plain lines): runq[0, nRunq). */
  runq = new Int32Array(64);
  nRunq = 0;
  /** schedticks[0, nTicks); -1 when the line has none. */
  ticks = new Uint32Array(64);
  nTicks = -1;
  /** Where the line's LF is (the end of the bytes read when it has none). */
  next = 0;
  /** The line ends with the scheddetail tail instead of the per-P list. */
  detailed = false;
  gcwaiting = false;
  nmidlelocked = 0;
  stopwait = 0;
  sysmonwait = false;
  /** The tail's flags printed as true/false (Go 1.20+) rather than 1/0. */
  flagWords = false;

  /** The evidence the string fast path records for the same line. */
  evidence(layout: ByteLayout): EraEvidence {
    const ev = emptyEvidence();
    if (this.detailed) {
      if (this.flagWords) ev.go120Tokens = true;
      else ev.pre120Tokens = true;
    } else {
      ev.spacedList = layout.spaced;
      ev.schedticks = layout.schedticks;
    }
    ev.needspinning = layout.keys.length > 6;
    return ev;
  }

  /** The Snapshot of a plain SCHED line the scanner read (as directSummary makes it), of stream `stream`. */
  snapshot(layout: ByteLayout, stream: string, line: number): Snapshot {
    const runq: number[] = [];
    for (let k = 0; k < this.nRunq; k++) runq.push(this.runq[k]!);
    const s: Snapshot = {
      stream,
      run: 0,
      line,
      tMs: this.tMs,
      era: layout.era,
      gomaxprocs: this.gomaxprocs,
      idleprocs: this.idleprocs,
      threads: this.threads,
      idlethreads: this.idlethreads,
      runqueue: this.runqueue,
      runq,
    };
    if (this.spinningthreads >= 0) s.spinningthreads = this.spinningthreads;
    if (this.needspinning >= 0) s.needspinning = this.needspinning;
    if (this.nTicks >= 0) {
      const ticks: number[] = [];
      for (let k = 0; k < this.nTicks; k++) ticks.push(this.ticks[k]!);
      s.schedticks = ticks;
    }
    return s;
  }
}

const cur = new ByteCursor();
/** A view of the block scanSummary reads, for comparing keys eight bytes at a time. */
let view: DataView = new DataView(new ArrayBuffer(0));
let viewOf: Uint8Array | null = null;

/**
 * Makes the view of a block scanSummary will read. The parser calls it once a block, so the
 * scanner's own test never finds a new block: optimized code that had not seen one was thrown
 * away (deoptimized) at the next block and compiled again.
 */
export function summaryViewOn(b: Uint8Array): void {
  if (b === viewOf) return;
  view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  viewOf = b;
}

/**
 * Reads the line at b[start] as a SCHED line of `layout` into `out`; false, with `out` meaningless,
 * when it cannot. The line ends at its first LF before `end` (out.next: where that LF is, `end` when
 * none), less one CR before it; the scanner finds the LF itself as it reads, since no field it
 * accepts holds one. Written with locals only (no cursor object) up to the list: it runs once per
 * line of multi-gigabyte logs.
 */
export function scanSummary(b: Uint8Array, start: number, end: number, layout: ByteLayout, out: SummaryScan): boolean {
  // `SCHED <t>ms: `
  if (!schedHeadAt(b, start)) return false;
  let i = start + 6;
  let v = 0;
  let d = 0;
  while (i < end && (d = b[i]! - 48) >= 0 && d <= 9) {
    v = v * 10 + d;
    i++;
  }
  if (i === start + 6 || i - start - 6 > MAX_EXACT_DIGITS) return false;
  if (b[i] !== 109 /* m */ || b[i + 1] !== 115 || b[i + 2] !== 58 || b[i + 3] !== 32) return false;
  out.tMs = v;
  i += 4;
  const keys = layout.keys;
  const keyWords = layout.keyWords;
  const wordAt = layout.wordAt;
  const wordFrom = layout.wordFrom;
  const slots = layout.slots;
  if (b !== viewOf) summaryViewOn(b);
  // A local: TurboFan then reads the module variable once a line, not once a word.
  const dv = view;
  out.spinningthreads = -1;
  out.needspinning = -1;
  for (let k = 0; k < keys.length; k++) {
    // The whole key: a garbled key (ildeprocs=) goes to the string readers, which report it.
    const key = keys[k]!;
    const kl = key.length;
    if (i + kl > end) return false;
    const w0 = wordFrom[k]!;
    const w1 = wordFrom[k + 1]!;
    if (w0 === w1) {
      for (let j = 0; j < kl; j++) if (b[i + j] !== key[j]) return false;
    } else for (let w = w0; w < w1; w++) if (dv.getFloat64(i + wordAt[w]!, true) !== keyWords[w]) return false;
    i += kl;
    const from = i;
    v = 0;
    // No test of i against end: a digit run that passes end fails the test of i below, as one that
    // stops at end does (the byte after a block is undefined, no digit).
    while ((d = b[i]! - 48) >= 0 && d <= 9) {
      v = v * 10 + d;
      i++;
    }
    if (i === from || i - from > MAX_DIGITS || i >= end || b[i] !== 32) return false;
    i++;
    switch (slots[k]) {
      case GOMAXPROCS:
        out.gomaxprocs = v;
        break;
      case IDLEPROCS:
        out.idleprocs = v;
        break;
      case THREADS:
        out.threads = v;
        break;
      case SPINNING:
        out.spinningthreads = v;
        break;
      case NEEDSPINNING:
        out.needspinning = v;
        break;
      case IDLETHREADS:
        out.idlethreads = v;
        break;
      default:
        out.runqueue = v;
    }
  }
  if (b[i] === 91 /* [ */) {
    out.detailed = false;
    let n = readList(b, i, end, layout.spaced, out, false);
    if (n < 0) return false;
    out.nRunq = n;
    i = listEnd;
    out.nTicks = -1;
    if (layout.schedticks) {
      const sl = SCHEDTICKS.length;
      if (i + sl > end || dv.getFloat64(i, true) !== SCHEDTICKS_0 || dv.getFloat64(i + sl - 8, true) !== SCHEDTICKS_1)
        return false;
      n = readList(b, i + sl, end, true, out, true);
      if (n < 0) return false;
      out.nTicks = n;
      i = listEnd;
    }
    while (i < end && (b[i] === 32 || b[i] === 13)) i++;
    if (i < end && b[i] !== 10) return false;
    out.next = i;
    return true;
  }
  out.detailed = true;
  // The tail's reader is bounded by the line's end: find it.
  const nl = b.indexOf(10, i);
  out.next = nl < 0 || nl > end ? end : nl;
  let e = out.next;
  if (e > start && b[e - 1] === 13) e--;
  if (e - start < 24 || i > e) return false;
  const c = cur.at(b, i, e);
  const tail = layout.tail;
  const gcw = flag(c, tail[0]!);
  if (gcw < 0 || b[c.i++] !== 32) return false;
  if (!c.lit(tail[1]!)) return false;
  const nml = c.uint(MAX_DIGITS);
  if (nml < 0 || b[c.i++] !== 32 || !c.lit(tail[2]!)) return false;
  const sw = c.uint(MAX_DIGITS);
  if (sw < 0 || b[c.i++] !== 32) return false;
  const smw = flag(c, tail[3]!);
  if (smw < 0) return false;
  // As the string fast path records it: the last flag's spelling.
  out.flagWords = flagWord;
  out.gcwaiting = gcw === 1;
  out.nmidlelocked = nml;
  out.stopwait = sw;
  out.sysmonwait = smw === 1;
  return c.end();
}

/** Whether the last flag read was spelled true/false. */
let flagWord = false;

/** `key=` then true/1 (1), false/0 (0); -1 otherwise. */
function flag(c: ByteCursor, key: Uint8Array): number {
  if (!c.lit(key) || c.i >= c.stop) return -1;
  const x = c.b[c.i]!;
  flagWord = x > 57;
  if (x === 49) {
    c.i++;
    return 1;
  }
  if (x === 48) {
    c.i++;
    return 0;
  }
  if (c.lit(TRUE)) return 1;
  if (c.lit(FALSE)) return 0;
  return -1;
}

/** Where the list readList read last ended. */
let listEnd = 0;

/** `[a b c]` (or `[ a b c ]`) at b[i] into out.runq or out.ticks; the count, or -1. */
function readList(b: Uint8Array, i: number, stop: number, spaced: boolean, out: SummaryScan, ticks: boolean): number {
  if (b[i] !== 91) return -1;
  i++;
  if (spaced) {
    if (b[i] !== 32) return -1;
    i++;
  }
  let dst = ticks ? out.ticks : out.runq;
  let n = 0;
  for (;;) {
    if (i >= stop) return -1;
    if (b[i] === 93) {
      listEnd = i + 1;
      return n;
    }
    const from = i;
    let v = 0;
    let d = 0;
    // As scanSummary's values: a run past stop fails at the next element's test of i.
    while ((d = b[i]! - 48) >= 0 && d <= 9) {
      v = v * 10 + d;
      i++;
    }
    if (i === from || i - from > (ticks ? MAX_TICK_DIGITS : MAX_DIGITS) || (ticks && v > UINT32_MAX)) return -1;
    if (n === dst.length) {
      if (ticks) {
        const g = new Uint32Array(n * 2);
        g.set(dst);
        dst = out.ticks = g;
      } else {
        const g = new Int32Array(n * 2);
        g.set(dst);
        dst = out.runq = g;
      }
    }
    dst[n++] = v;
    d = b[i]!;
    if (d === 32) i++;
    else if (d !== 93) return -1;
  }
}
