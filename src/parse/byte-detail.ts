import { G_SCAN_BIT, G_WAITING } from '../trace/runtime-constants.js';
import type { GDetail, MDetail, PDetail } from '../trace/snapshot.js';
import type { MStateCounts } from '../trace/snapshot.js';
import { ascii, ByteCursor, ByteInterner, wordOf } from './byte-cursor.js';
import type { EraEvidence } from './eras/index.js';
import type { GCounter } from './g-counter.js';

/**
 * The byte scanner for untouched P/M/G lines of a scheddetail dump (keys in the order
 * runtime.schedtrace prints them), read from the raw bytes of a block. It accepts exactly what the
 * string fast paths (detail-fast.ts) accept and makes the same records; anything else returns null
 * and the line goes to the string readers. A detailed log is mostly G lines, one per goroutine per
 * dump: `scanG` reads one without making a record, for consumers that only count them.
 */

/** The `<kind><id>:` head of the line last read by scanHead. */
export const head = { kind: 0, id: 0, rest: 0 };

/** `  P3:`, `  M12:`, `  G1:` (any blanks, at least one); the kind's letter code, or 0. */
export function scanHead(b: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end && (b[i] === 32 || b[i] === 9)) i++;
  if (i === start || i + 2 >= end) return 0;
  const k = b[i]!;
  if (k !== 80 && k !== 77 && k !== 71) return 0;
  return headAt(b, i, end);
}

/** The id and colon after the kind letter at b[i] into head: the letter, or 0 when they are not there. */
function headAt(b: Uint8Array, i: number, end: number): number {
  let j = i + 1;
  let id = 0;
  let c = 0;
  while (j < end && (c = b[j]! - 48) >= 0 && c <= 9) {
    id = id * 10 + c;
    j++;
  }
  if (j === i + 1 || j >= end || b[j] !== 58) return 0;
  head.kind = b[i]!;
  head.id = id;
  head.rest = j + 1;
  return head.kind;
}

/** As the string fast path reads numbers: up to 15 digits, exact in a double. */
const DIGITS = 15;
const K = {
  status: ascii(' status='),
  schedtick: ascii(' schedtick='),
  syscalltick: ascii(' syscalltick='),
  m: ascii(' m='),
  runqsize: ascii(' runqsize='),
  gfreecnt: ascii(' gfreecnt='),
  timerslen: ascii(' timerslen='),
  p: ascii(' p='),
  curg: ascii(' curg='),
  mallocing: ascii(' mallocing='),
  throwing: ascii(' throwing='),
  preemptoff: ascii(' preemptoff='),
  locks: ascii(' locks='),
  dying: ascii(' dying='),
  helpgc: ascii(' helpgc='),
  spinning: ascii(' spinning='),
  blocked: ascii(' blocked='),
  lockedg: ascii(' lockedg='),
  lockedm: ascii(' lockedm='),
  nil: ascii('nil'),
  true: ascii('true'),
  false: ascii('false'),
};
/**
 * A key's bytes as four little-endian words, with masks that keep only the key's bytes of each (the
 * longest key has 13): compared in four loads, whatever its length, where 16 bytes are left.
 */
interface WordKey {
  n: number;
  bytes: Uint8Array;
  w0: number;
  m0: number;
  w1: number;
  m1: number;
  w2: number;
  m2: number;
  w3: number;
  m3: number;
}

function wordKey(k: Uint8Array): WordKey {
  const padded = new Uint8Array(16);
  const mask = new Uint8Array(16);
  padded.set(k);
  mask.fill(0xff, 0, k.length);
  const [w0, w1, w2, w3] = [0, 4, 8, 12].map((at) => wordOf(padded, at));
  const [m0, m1, m2, m3] = [0, 4, 8, 12].map((at) => wordOf(mask, at));
  return { n: k.length, bytes: k, w0: w0!, m0: m0!, w1: w1!, m1: m1!, w2: w2!, m2: m2!, w3: w3!, m3: m3! };
}

const W = Object.fromEntries(Object.entries(K).map(([name, k]) => [name, wordKey(k)])) as Record<
  keyof typeof K,
  WordKey
>;

/** The key's bytes at the cursor (whose block `view` shows); skipped when they match. */
function lit(k: WordKey): boolean {
  const i = c.i;
  const n = k.n;
  if (i + n > c.stop) return false;
  if (i + 16 <= viewLength) {
    if (
      (view.getInt32(i, true) & k.m0) !== k.w0 ||
      (view.getInt32(i + 4, true) & k.m1) !== k.w1 ||
      (view.getInt32(i + 8, true) & k.m2) !== k.w2 ||
      (view.getInt32(i + 12, true) & k.m3) !== k.w3
    )
      return false;
  } else {
    const b = c.b;
    const bytes = k.bytes;
    for (let j = 0; j < n; j++) if (b[i + j] !== bytes[j]) return false;
  }
  c.i = i + n;
  return true;
}

/**
 * Points `view` at b, and past b's end up to the end of its buffer (read buffers have bytes to
 * spare, line-source.ts), so that lit's masked words rarely need the byte-by-byte way, which the
 * optimizing compiler, never having seen it run, deoptimizes for. The parser calls it once per
 * block (pushBytes) for the same reason: the scanners' own calls then find the view set.
 */
export function viewOn(b: Uint8Array): void {
  if (b !== viewOf) {
    view = new DataView(b.buffer, b.byteOffset);
    viewLength = view.byteLength;
    viewOf = b;
  }
}

/** An id printed as nil / -1. */
const NONE = -2;
const BAD = -1;

const c = new ByteCursor();
const texts = new ByteInterner();

/** An id at the cursor: its value, NONE for nil / -1 (noted in ev), BAD when neither. */
function id(ev: EraEvidence): number {
  const b = c.b;
  const x = b[c.i];
  if (x === 110 /* n */ && lit(W.nil)) {
    ev.go120Tokens = true;
    return NONE;
  }
  if (x === 45 /* - */ && c.i + 1 < c.stop && b[c.i + 1] === 49) {
    const y = c.i + 2 < c.stop ? b[c.i + 2]! : 32;
    if (!(y >= 48 && y <= 57)) {
      c.i += 2;
      ev.pre120Tokens = true;
      return NONE;
    }
  }
  return c.uint(DIGITS);
}

function bool(): number {
  if (lit(W.true)) return 1;
  if (lit(W.false)) return 0;
  return BAD;
}

const orNull = (v: number): number | null => (v === NONE ? null : v);

/** Where the P or M line scanP or scanM read last ends: its \n, or the limit it was given. */
export let detailEnd = 0;

/**
 * Only blanks and carriage returns remain before the line's \n (or the limit): notes where the line
 * ends. The line's text ends before a carriage return at its end, and the readers take blanks and
 * carriage returns after the last value, so a line read up to its \n is read as its text is.
 */
function lineEnd(): boolean {
  const b = c.b;
  let i = c.i;
  const stop = c.stop;
  while (i < stop && (b[i] === 32 || b[i] === 13)) i++;
  if (i < stop && b[i] !== 10) return false;
  detailEnd = i;
  return true;
}

/**
 * The P line whose head scanHead read, up to its end: the next \n, or `limit`. No key or value runs
 * past a line end (none holds a \n), so the line's end is found as it is read; detailEnd notes it.
 */
export function scanP(b: Uint8Array, limit: number, ev: EraEvidence): PDetail | null {
  c.at(b, head.rest, limit);
  viewOn(b);
  if (!lit(W.status)) return null;
  const status = c.uint(DIGITS);
  if (status < 0 || !lit(W.schedtick)) return null;
  const schedtick = c.uint(DIGITS);
  if (schedtick < 0 || !lit(W.syscalltick)) return null;
  const syscalltick = c.uint(DIGITS);
  if (syscalltick < 0 || !lit(W.m)) return null;
  const m = id(ev);
  if (m === BAD || !lit(W.runqsize)) return null;
  const runqsize = c.uint(DIGITS);
  if (runqsize < 0 || !lit(W.gfreecnt)) return null;
  const gfreecnt = c.uint(DIGITS);
  if (gfreecnt < 0) return null;
  const p: PDetail = { id: head.id, status, schedtick, syscalltick, m: orNull(m), runqsize, gfreecnt };
  if (lit(W.timerslen)) {
    const t = c.uint(DIGITS);
    if (t < 0) return null;
    p.timerslen = t;
    ev.timerslen = true;
  }
  ev.pLines = true;
  return lineEnd() ? p : null;
}

/** What scanM read (ids NONE when nil / -1, flags 0 or 1, helpgc -1 when absent); preemptoff is b[preemptFrom, preemptTo). */
export const mScan = {
  p: 0,
  curg: 0,
  mallocing: 0,
  throwing: 0,
  preemptFrom: 0,
  preemptTo: 0,
  locks: 0,
  dying: 0,
  helpgc: -1,
  spinning: 0,
  blocked: 0,
  lockedg: 0,
};

/**
 * Reads the M line whose head scanHead read into mScan, up to its end (the next \n, or `limit`;
 * detailEnd notes it), without making a record; false when the string readers must take it.
 */
export function scanM(b: Uint8Array, limit: number, ev: EraEvidence): boolean {
  c.at(b, head.rest, limit);
  viewOn(b);
  if (!lit(W.p)) return false;
  const p = id(ev);
  if (p === BAD || !lit(W.curg)) return false;
  const curg = id(ev);
  if (curg === BAD || !lit(W.mallocing)) return false;
  const mallocing = c.uint(DIGITS);
  if (mallocing < 0 || !lit(W.throwing)) return false;
  const throwing = c.uint(DIGITS);
  if (throwing < 0 || !lit(W.preemptoff)) return false;
  // preemptoff is a raw string that may be empty or hold spaces: it runs to ` locks=`.
  const from = c.i;
  let at = from;
  const L = W.locks;
  for (; at + L.n <= limit; at++) {
    if (b[at] !== 32 || b[at + 1] !== 108) {
      if (b[at] === 10) return false;
      continue;
    }
    c.i = at;
    if (lit(L)) break;
  }
  if (at + L.n > limit) return false;
  // A blank before ` locks=` is read as the separator by the general reader, so it takes such a line.
  if (at > from && (b[at - 1] === 32 || b[at - 1] === 9)) return false;
  const locks = c.uint(DIGITS);
  if (locks < 0 || !lit(W.dying)) return false;
  const dying = c.uint(DIGITS);
  if (dying < 0) return false;
  let helpgc = -1;
  if (lit(W.helpgc)) {
    helpgc = c.uint(DIGITS);
    if (helpgc < 0) return false;
    ev.helpgc = true;
  }
  if (!lit(W.spinning)) return false;
  const spinning = bool();
  if (spinning === BAD || !lit(W.blocked)) return false;
  const blocked = bool();
  if (blocked === BAD || !lit(W.lockedg)) return false;
  const lockedg = id(ev);
  if (lockedg === BAD || !lineEnd()) return false;
  const m = mScan;
  m.p = p;
  m.curg = curg;
  m.mallocing = mallocing;
  m.throwing = throwing;
  m.preemptFrom = from;
  m.preemptTo = at;
  m.locks = locks;
  m.dying = dying;
  m.helpgc = helpgc;
  m.spinning = spinning;
  m.blocked = blocked;
  m.lockedg = lockedg;
  ev.mLines = true;
  return true;
}

/** Whether the M line scanM read last showed dying > 0 (startpanic_m). */
export function scannedMDying(): boolean {
  return mScan.dying > 0;
}

/** The M line scanM read last (from b) as a record. */
export function mDetail(b: Uint8Array): MDetail {
  const s = mScan;
  const m: MDetail = {
    id: head.id,
    p: orNull(s.p),
    curg: orNull(s.curg),
    mallocing: s.mallocing,
    throwing: s.throwing,
    preemptoff: s.preemptFrom === s.preemptTo ? '' : texts.get(b, s.preemptFrom, s.preemptTo),
    locks: s.locks,
    dying: s.dying,
    spinning: s.spinning === 1,
    blocked: s.blocked === 1,
    lockedg: orNull(s.lockedg),
  };
  if (s.helpgc >= 0) m.helpgc = s.helpgc;
  return m;
}

/** Adds the M line scanM read last to a dump's M counts, as counting its record does (timeline-builder.ts). */
export function countM(counts: MStateCounts, b: Uint8Array): void {
  const s = mScan;
  counts.total++;
  if (s.preemptFrom !== s.preemptTo && counts.preemptoff === undefined)
    counts.preemptoff = texts.get(b, s.preemptFrom, s.preemptTo);
  if (s.curg !== NONE) counts.running++;
  if (s.spinning === 1) counts.spinning++;
  if (s.blocked === 1) counts.blocked++;
  if (s.p !== NONE) counts.withP++;
  if (s.lockedg !== NONE) counts.locked++;
}

/**
 * What scanG read: the wait reason is b[reasonFrom, reasonTo), its interner id `reason` (-1 when the
 * interner is full and does not hold it); the line ends at `end`.
 */
export const gScan = { rawStatus: 0, reasonFrom: 0, reasonTo: 0, reason: -1, m: 0, lockedm: 0, end: 0 };

/** Wait reasons scanG read last, by a hash of their first eight bytes: length (-1: none), interner id, words. */
const SLOT_SHIFT = 24;
const SLOTS = 1 << (32 - SLOT_SHIFT);
const slotLength = new Int32Array(SLOTS).fill(-1);
const slotId = new Int32Array(SLOTS);
/**
 * A slot's text as little-endian words, the last one holding the bytes after the whole words
 * (masked by TAIL_MASK, 0 when none): texts of up to 4 * SLOT_WORDS - 1 bytes are kept.
 */
const SLOT_WORDS = 8;
const slotWords = new Int32Array(SLOTS * SLOT_WORDS);
/** The low 0-3 bytes of a little-endian word. */
const TAIL_MASK = Int32Array.of(0, 0xff, 0xffff, 0xffffff);

/** Where idAt stopped. */
let idEnd = 0;
/** The era tokens idAt saw on the line being read (TOKEN_*), noted in the evidence once the line is taken. */
let tokens = 0;
const TOKEN_NIL = 1;
const TOKEN_MINUS_ONE = 2;

/**
 * An id at b[i] (as id() reads it), with locals only; idEnd is set when it is not BAD. No id runs past
 * a line end: a \n is neither a digit nor part of `nil` or `-1`.
 */
function idAt(b: Uint8Array, i: number, end: number): number {
  const x = b[i];
  if (x === 110 /* n */ && i + 3 <= end && b[i + 1] === 105 && b[i + 2] === 108) {
    tokens |= TOKEN_NIL;
    idEnd = i + 3;
    return NONE;
  }
  if (x === 45 /* - */ && i + 1 < end && b[i + 1] === 49) {
    const y = i + 2 < end ? b[i + 2]! : 32;
    if (!(y >= 48 && y <= 57)) {
      tokens |= TOKEN_MINUS_ONE;
      idEnd = i + 2;
      return NONE;
    }
  }
  let v = 0;
  let d = 0;
  const from = i;
  while (i < end && (d = b[i]! - 48) >= 0 && d <= 9) {
    v = v * 10 + d;
    i++;
  }
  if (i === from || i - from > DIGITS) return BAD;
  idEnd = i;
  return v;
}

/** A view of the block scanG reads, for comparing keys four bytes at a time. */
let view: DataView = new DataView(new ArrayBuffer(0));
let viewLength = 0;
let viewOf: Uint8Array | null = null;
const STATUS_0 = wordOf(K.status, 0);
const STATUS_1 = wordOf(K.status, 4);
const LOCKEDM_0 = wordOf(K.lockedm, 0);
const LOCKEDM_1 = wordOf(K.lockedm, 4);
const CLOSE_M = wordOf(ascii(') m='), 0);
/** `nil lockedm=nil\n` as four words: the end of a G line on no M, the most common one. */
const NIL_TAIL = ascii('nil lockedm=nil\n');
const NIL_TAIL_0 = wordOf(NIL_TAIL, 0);
const NIL_TAIL_1 = wordOf(NIL_TAIL, 4);
const NIL_TAIL_2 = wordOf(NIL_TAIL, 8);
const NIL_TAIL_3 = wordOf(NIL_TAIL, 12);
/** `-1 lockedm=-1\n` as three words and the low half of a fourth: the same before Go 1.20. */
const MINUS_TAIL = ascii('-1 lockedm=-1\n\0\0');
const MINUS_TAIL_0 = wordOf(MINUS_TAIL, 0);
const MINUS_TAIL_1 = wordOf(MINUS_TAIL, 4);
const MINUS_TAIL_2 = wordOf(MINUS_TAIL, 8);
const MINUS_TAIL_3 = wordOf(MINUS_TAIL, 12);

/**
 * Reads the G line whose head scanHead read into gScan without making a record, up to its end: the
 * next \n, or `limit` (the end of the line, or of the block). Returns where the line ends, or -1 when
 * the string readers must take the line; the era evidence changes only when it is read.
 */
export function scanG(b: Uint8Array, limit: number, ev: EraEvidence): number {
  return gLines(b, head.rest, limit, ev, null);
}

/**
 * scanHead and scanG in one, for a line whose `G` is at `i` (after the two blanks the caller saw):
 * where the line ends, or -1 as scanHead or scanG would say.
 */
export function scanGLine(b: Uint8Array, i: number, limit: number, ev: EraEvidence): number {
  return headAt(b, i, limit) === 0 ? -1 : gLines(b, head.rest, limit, ev, null);
}

/** How many lines the last countGLines read. */
export let gLinesCounted = 0;

/**
 * The G line whose `G` is at `i` (after the two blanks the caller saw) and the `  G` lines after it,
 * each read as scanGLine reads it and counted into `counter` (no gScan, no record), up to the first
 * other line or the first the string readers must take. Returns where the last line read ends, or -1
 * when it read none; gLinesCounted says how many.
 */
export function countGLines(b: Uint8Array, i: number, limit: number, ev: EraEvidence, counter: GCounter): number {
  gLinesCounted = 0;
  return headAt(b, i, limit) === 0 ? -1 : gLines(b, head.rest, limit, ev, counter);
}

/**
 * From `i`, just after a G line's head colon: the line read into gScan when `counter` is null (where
 * it ends, or -1); else that line and the `  G` lines after it counted (countGLines). One loop with
 * locals only, no cursor object, no call per line: a detailed log is mostly G lines.
 */
function gLines(b: Uint8Array, i: number, limit: number, ev: EraEvidence, counter: GCounter | null): number {
  viewOn(b);
  const v = view;
  let end = -1;
  let lines = 0;
  /** Era tokens of the lines read (TOKEN_*), noted in the evidence once they are taken. */
  let seen = 0;
  for (;;) {
    // ` status=` compared four bytes at a time (little-endian words of its bytes).
    if (i + 8 > limit || v.getInt32(i, true) !== STATUS_0 || v.getInt32(i + 4, true) !== STATUS_1) break;
    i += 8;
    const digits = i;
    let rawStatus = 0;
    let d = 0;
    while (i < limit && (d = b[i]! - 48) >= 0 && d <= 9) {
      rawStatus = rawStatus * 10 + d;
      i++;
    }
    if (i === digits || i - digits > DIGITS || i >= limit || b[i] !== 40 /* ( */) break;
    // The wait reason may hold spaces and parentheses: it ends at the last `) m=` of the line
    // (runtime.schedtrace prints `status=%d(%s) m=`). The first one is taken here; when another
    // follows, the line does not end after lockedm= (no `)` is left there), so the string readers,
    // which take the last, read it.
    const from = i + 1;
    let close = -1;
    let reason = -1;
    // Most reasons were read before: the last one read that began with the same eight bytes is
    // compared in place first. When it is followed by `) m=`, that is the first `) m=` (the text held
    // none, and no end of a text and a start of `) m=` make one), as the search below would find.
    let slot = -1;
    if (from + 8 <= limit) {
      slot =
        Math.imul(v.getInt32(from, true) ^ Math.imul(v.getInt32(from + 4, true), 0x85ebca6b), 0x9e3779b1) >>>
        SLOT_SHIFT;
      const n = slotLength[slot]!;
      const at = from + n;
      if (n >= 0 && at + 4 <= limit && v.getInt32(at, true) === CLOSE_M) {
        // Four bytes at a time; the last few as the low bytes of a word (the `) m=` after them is
        // in the block, so the word is too).
        const words = n >> 2;
        const w0 = slot * SLOT_WORDS;
        let j = 0;
        while (j < words && v.getInt32(from + 4 * j, true) === slotWords[w0 + j]) j++;
        if (j === words && (v.getInt32(from + 4 * j, true) & TAIL_MASK[n & 3]!) === slotWords[w0 + j]) {
          close = at;
          reason = slotId[slot]!;
        }
      }
    }
    if (close < 0) {
      close = reasonEnd(b, from, limit);
      if (close < 0) break;
      reason = texts.id(b, from, close);
      const n = close - from;
      if (slot >= 0 && reason >= 0 && n < 4 * SLOT_WORDS) {
        slotLength[slot] = n;
        slotId[slot] = reason;
        const words = n >> 2;
        for (let j = 0; j < words; j++) slotWords[slot * SLOT_WORDS + j] = v.getInt32(from + 4 * j, true);
        slotWords[slot * SLOT_WORDS + words] = v.getInt32(from + 4 * words, true) & TAIL_MASK[n & 3]!;
      }
    }
    const t = close + 4;
    let m = NONE;
    let lockedm = NONE;
    let e: number;
    if (
      t + 16 <= limit &&
      v.getInt32(t, true) === NIL_TAIL_0 &&
      v.getInt32(t + 4, true) === NIL_TAIL_1 &&
      v.getInt32(t + 8, true) === NIL_TAIL_2 &&
      v.getInt32(t + 12, true) === NIL_TAIL_3
    ) {
      // What the reads below make of it: m and lockedm nil, the line's \n at t + 15.
      seen |= TOKEN_NIL;
      e = t + 15;
    } else if (
      t + 16 <= limit &&
      v.getInt32(t, true) === MINUS_TAIL_0 &&
      v.getInt32(t + 4, true) === MINUS_TAIL_1 &&
      v.getInt32(t + 8, true) === MINUS_TAIL_2 &&
      (v.getInt32(t + 12, true) & 0xffff) === MINUS_TAIL_3
    ) {
      // m and lockedm -1, the line's \n at t + 13.
      seen |= TOKEN_MINUS_ONE;
      e = t + 13;
    } else {
      tokens = 0;
      m = idAt(b, t, limit);
      if (m === BAD) break;
      i = idEnd;
      // ` lockedm=`
      if (
        i + 9 > limit ||
        v.getInt32(i, true) !== LOCKEDM_0 ||
        v.getInt32(i + 4, true) !== LOCKEDM_1 ||
        b[i + 8] !== 61
      )
        break;
      lockedm = idAt(b, i + 9, limit);
      if (lockedm === BAD) break;
      i = idEnd;
      while (i < limit && (b[i] === 32 || b[i] === 13)) i++;
      if (i !== limit && b[i] !== 10) break;
      seen |= tokens;
      e = i;
    }
    end = e;
    if (counter === null) {
      scanned(rawStatus, from, close, reason, m, lockedm, e);
      break;
    }
    countG(counter, rawStatus, reason, b, from, close);
    lines++;
    // The next line, when it is a G line with two blanks first.
    const s = e + 1;
    if (s + 3 >= limit || b[s] !== 32 || b[s + 1] !== 32 || b[s + 2] !== 71) break;
    i = s + 3;
    while (i < limit && (d = b[i]! - 48) >= 0 && d <= 9) i++;
    if (i === s + 3 || i >= limit || b[i] !== 58 /* : */) break;
    i++;
  }
  if ((seen & TOKEN_NIL) !== 0) ev.go120Tokens = true;
  if ((seen & TOKEN_MINUS_ONE) !== 0) ev.pre120Tokens = true;
  gLinesCounted = lines;
  return end;
}

/** One G line into the counter: its status, and a waiting G's reason (its id, or its text at b[from, to)). */
function countG(counter: GCounter, rawStatus: number, reason: number, b: Uint8Array, from: number, to: number): void {
  const st = rawStatus & ~G_SCAN_BIT;
  counter.status(st);
  if (st !== G_WAITING) return;
  if (reason >= 0) counter.reasonId(reason);
  else counter.reasonText(texts.get(b, from, to));
}

/** The G line scanG or scanGLine read last, into the counter (countG). */
export function countScannedG(counter: GCounter, b: Uint8Array): void {
  countG(counter, gScan.rawStatus, gScan.reason, b, gScan.reasonFrom, gScan.reasonTo);
}

/** Where the first `) m=` after `from` is, or -1 when the line or the block ends first. */
function reasonEnd(b: Uint8Array, from: number, limit: number): number {
  for (let close = from; close + 4 <= limit; close++) {
    const x = b[close];
    if (x === 41 && b[close + 1] === 32 && b[close + 2] === 109 && b[close + 3] === 61) return close;
    if (x === 10) return -1;
  }
  return -1;
}

/** Notes what gLines read in gScan. */
function scanned(
  rawStatus: number,
  reasonFrom: number,
  reasonTo: number,
  reason: number,
  m: number,
  lockedm: number,
  end: number,
): void {
  gScan.rawStatus = rawStatus;
  gScan.reasonFrom = reasonFrom;
  gScan.reasonTo = reasonTo;
  gScan.reason = reason;
  gScan.m = m;
  gScan.lockedm = lockedm;
  gScan.end = end;
}

/** The wait reason scanG last read, as text. */
export function gReason(b: Uint8Array): string {
  const id = gScan.reason;
  return id >= 0 ? texts.text(id) : texts.get(b, gScan.reasonFrom, gScan.reasonTo);
}

/** The text of a reason id (gScan.reason). */
export function reasonText(id: number): string {
  return texts.text(id);
}

/** The G line scanG or scanGLine read last (from b) as a record. */
export function gDetail(b: Uint8Array): GDetail {
  const rawStatus = gScan.rawStatus;
  return {
    id: head.id,
    rawStatus,
    status: rawStatus & ~G_SCAN_BIT,
    scan: (rawStatus & G_SCAN_BIT) !== 0,
    waitReason: gReason(b),
    m: orNull(gScan.m),
    lockedm: orNull(gScan.lockedm),
  };
}
