import { G_SCAN_BIT } from '../trace/runtime-constants.js';
import type { GDetail, MDetail, PDetail } from '../trace/snapshot.js';
import { ascii, ByteCursor, ByteInterner } from './byte-cursor.js';
import type { EraEvidence } from './eras/index.js';

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
  let j = i + 1;
  let id = 0;
  let c = 0;
  while (j < end && (c = b[j]! - 48) >= 0 && c <= 9) {
    id = id * 10 + c;
    j++;
  }
  if (j === i + 1 || j >= end || b[j] !== 58) return 0;
  head.kind = k;
  head.id = id;
  head.rest = j + 1;
  return k;
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
/** An id printed as nil / -1. */
const NONE = -2;
const BAD = -1;

const c = new ByteCursor();
const texts = new ByteInterner();

/** An id at the cursor: its value, NONE for nil / -1 (noted in ev), BAD when neither. */
function id(ev: EraEvidence): number {
  const b = c.b;
  const x = b[c.i];
  if (x === 110 /* n */ && c.lit(K.nil)) {
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
  if (c.lit(K.true)) return 1;
  if (c.lit(K.false)) return 0;
  return BAD;
}

const orNull = (v: number): number | null => (v === NONE ? null : v);

export function scanP(b: Uint8Array, end: number, ev: EraEvidence): PDetail | null {
  c.at(b, head.rest, end);
  if (!c.lit(K.status)) return null;
  const status = c.uint(DIGITS);
  if (status < 0 || !c.lit(K.schedtick)) return null;
  const schedtick = c.uint(DIGITS);
  if (schedtick < 0 || !c.lit(K.syscalltick)) return null;
  const syscalltick = c.uint(DIGITS);
  if (syscalltick < 0 || !c.lit(K.m)) return null;
  const m = id(ev);
  if (m === BAD || !c.lit(K.runqsize)) return null;
  const runqsize = c.uint(DIGITS);
  if (runqsize < 0 || !c.lit(K.gfreecnt)) return null;
  const gfreecnt = c.uint(DIGITS);
  if (gfreecnt < 0) return null;
  const p: PDetail = { id: head.id, status, schedtick, syscalltick, m: orNull(m), runqsize, gfreecnt };
  if (c.lit(K.timerslen)) {
    const t = c.uint(DIGITS);
    if (t < 0) return null;
    p.timerslen = t;
    ev.timerslen = true;
  }
  ev.pLines = true;
  return c.end() ? p : null;
}

export function scanM(b: Uint8Array, end: number, ev: EraEvidence): MDetail | null {
  c.at(b, head.rest, end);
  if (!c.lit(K.p)) return null;
  const p = id(ev);
  if (p === BAD || !c.lit(K.curg)) return null;
  const curg = id(ev);
  if (curg === BAD || !c.lit(K.mallocing)) return null;
  const mallocing = c.uint(DIGITS);
  if (mallocing < 0 || !c.lit(K.throwing)) return null;
  const throwing = c.uint(DIGITS);
  if (throwing < 0 || !c.lit(K.preemptoff)) return null;
  // preemptoff is a raw string that may be empty or hold spaces: it runs to ` locks=`.
  const from = c.i;
  let at = from;
  const L = K.locks;
  for (; at + L.length <= end; at++) {
    if (b[at] !== 32 || b[at + 1] !== 108) continue;
    c.i = at;
    if (c.lit(L)) break;
  }
  if (at + L.length > end) return null;
  // A blank before ` locks=` is read as the separator by the general reader, so it takes such a line.
  if (at > from && (b[at - 1] === 32 || b[at - 1] === 9)) return null;
  const preemptoff = at === from ? '' : texts.get(b, from, at);
  const locks = c.uint(DIGITS);
  if (locks < 0 || !c.lit(K.dying)) return null;
  const dying = c.uint(DIGITS);
  if (dying < 0) return null;
  let helpgc = -1;
  if (c.lit(K.helpgc)) {
    helpgc = c.uint(DIGITS);
    if (helpgc < 0) return null;
    ev.helpgc = true;
  }
  if (!c.lit(K.spinning)) return null;
  const spinning = bool();
  if (spinning === BAD || !c.lit(K.blocked)) return null;
  const blocked = bool();
  if (blocked === BAD || !c.lit(K.lockedg)) return null;
  const lockedg = id(ev);
  if (lockedg === BAD || !c.end()) return null;
  const m: MDetail = {
    id: head.id,
    p: orNull(p),
    curg: orNull(curg),
    mallocing,
    throwing,
    preemptoff,
    locks,
    dying,
    spinning: spinning === 1,
    blocked: blocked === 1,
    lockedg: orNull(lockedg),
  };
  if (helpgc >= 0) m.helpgc = helpgc;
  ev.mLines = true;
  return m;
}

/** What scanG read: the wait reason is b[reasonFrom, reasonTo). */
export const gScan = { rawStatus: 0, reasonFrom: 0, reasonTo: 0, m: 0, lockedm: 0 };

/** Where idAt stopped. */
let idEnd = 0;

/** An id at b[i] (as id() reads it), with locals only; idEnd is set when it is not BAD. */
function idAt(b: Uint8Array, i: number, end: number, ev: EraEvidence): number {
  const x = b[i];
  if (x === 110 /* n */ && i + 3 <= end && b[i + 1] === 105 && b[i + 2] === 108) {
    ev.go120Tokens = true;
    idEnd = i + 3;
    return NONE;
  }
  if (x === 45 /* - */ && i + 1 < end && b[i + 1] === 49) {
    const y = i + 2 < end ? b[i + 2]! : 32;
    if (!(y >= 48 && y <= 57)) {
      ev.pre120Tokens = true;
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
let viewOf: Uint8Array | null = null;
const word = (k: Uint8Array, at: number): number => new DataView(k.buffer).getInt32(at, true);
const STATUS_0 = word(K.status, 0);
const STATUS_1 = word(K.status, 4);
const LOCKEDM_0 = word(K.lockedm, 0);
const LOCKEDM_1 = word(K.lockedm, 4);

/**
 * Reads a G line into gScan without making a record; false when the string readers must take it.
 * Locals only, no cursor object: a detailed log is mostly G lines.
 */
export function scanG(b: Uint8Array, end: number, ev: EraEvidence): boolean {
  let i = head.rest;
  // ` status=` compared four bytes at a time (little-endian words of its bytes).
  if (i + 8 > end) return false;
  if (b !== viewOf) {
    view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    viewOf = b;
  }
  if (view.getInt32(i, true) !== STATUS_0 || view.getInt32(i + 4, true) !== STATUS_1) return false;
  i += 8;
  const from = i;
  let rawStatus = 0;
  let d = 0;
  while (i < end && (d = b[i]! - 48) >= 0 && d <= 9) {
    rawStatus = rawStatus * 10 + d;
    i++;
  }
  if (i === from || i - from > DIGITS || i >= end || b[i] !== 40 /* ( */) return false;
  // The wait reason may hold spaces and parentheses: it ends at the last `) m=`.
  let close = end - 4;
  for (; close >= i; close--) {
    if (b[close] === 41 && b[close + 1] === 32 && b[close + 2] === 109 && b[close + 3] === 61) break;
  }
  if (close < i) return false;
  gScan.reasonFrom = i + 1;
  gScan.reasonTo = close;
  i = close + 4;
  const m = idAt(b, i, end, ev);
  if (m === BAD) return false;
  i = idEnd;
  // ` lockedm=`
  if (
    i + 9 > end ||
    view.getInt32(i, true) !== LOCKEDM_0 ||
    view.getInt32(i + 4, true) !== LOCKEDM_1 ||
    b[i + 8] !== 61
  )
    return false;
  const lockedm = idAt(b, i + 9, end, ev);
  if (lockedm === BAD) return false;
  i = idEnd;
  while (i < end && (b[i] === 32 || b[i] === 13)) i++;
  if (i !== end) return false;
  gScan.rawStatus = rawStatus;
  gScan.m = m;
  gScan.lockedm = lockedm;
  return true;
}

/** The wait reason scanG last read, as text. */
export function gReason(b: Uint8Array): string {
  return gScan.reasonFrom === gScan.reasonTo ? '' : texts.get(b, gScan.reasonFrom, gScan.reasonTo);
}

/** The interner's id of the wait reason scanG last read (-1 when it has none: then use gReason). */
export function gReasonId(b: Uint8Array): number {
  return texts.id(b, gScan.reasonFrom, gScan.reasonTo);
}

/** The text of a reason id gReasonId returned. */
export function reasonText(id: number): string {
  return texts.text(id);
}

export function scanGDetail(b: Uint8Array, end: number, ev: EraEvidence): GDetail | null {
  if (!scanG(b, end, ev)) return null;
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
