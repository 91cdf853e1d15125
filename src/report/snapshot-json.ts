import {
  type AsciiConstant,
  asciiConstant,
  bytesConstant,
  ByteWriter,
  NUMBER_MAX_BYTES,
  putConstant,
  putNumber,
} from './byte-writer.js';
import type { GDetail, MDetail, PDetail, Snapshot } from '../trace/snapshot.js';
import type { SummaryBatch } from '../trace/summary-batch.js';

/**
 * A snapshot as the plain object `gosched parse` prints: fixed key order, optional fields only
 * when the log printed them.
 */
export function snapshotRecord(s: Snapshot): Record<string, unknown> {
  const o: Record<string, unknown> = {
    stream: s.stream,
    run: s.run,
    line: s.line,
    tMs: s.tMs,
  };
  if (s.wallTime !== undefined) o.wallTime = s.wallTime;
  o.era = s.era;
  o.gomaxprocs = s.gomaxprocs;
  o.idleprocs = s.idleprocs;
  o.threads = s.threads;
  if (s.spinningthreads !== undefined) o.spinningthreads = s.spinningthreads;
  if (s.needspinning !== undefined) o.needspinning = s.needspinning;
  o.idlethreads = s.idlethreads;
  o.runqueue = s.runqueue;
  o.runq = s.runq;
  if (s.schedticks !== undefined) o.schedticks = s.schedticks;
  if (s.gcwaiting !== undefined) o.gcwaiting = s.gcwaiting;
  if (s.nmidlelocked !== undefined) o.nmidlelocked = s.nmidlelocked;
  if (s.stopwait !== undefined) o.stopwait = s.stopwait;
  if (s.sysmonwait !== undefined) o.sysmonwait = s.sysmonwait;
  if (s.extra !== undefined) o.extra = s.extra;
  if (s.crash) o.crash = true;
  if (s.truncated) o.truncated = true;
  if (s.detail !== undefined)
    o.detail = { p: s.detail.p.map(pRecord), m: s.detail.m.map(mRecord), g: s.detail.g.map(gRecord) };
  return o;
}

/** A P line's record: the order of the line's own keys, whatever order the parser filled them in. */
function pRecord(p: PDetail): Record<string, unknown> {
  const o: Record<string, unknown> = {
    id: p.id,
    status: p.status,
    schedtick: p.schedtick,
    syscalltick: p.syscalltick,
    m: p.m,
    runqsize: p.runqsize,
    gfreecnt: p.gfreecnt,
  };
  if (p.timerslen !== undefined) o.timerslen = p.timerslen;
  if (p.extra !== undefined) o.extra = p.extra;
  return o;
}

/** An M line's record; `helpgc` (Go <= 1.11) after `lockedg`, where gosched has always put it. */
function mRecord(m: MDetail): Record<string, unknown> {
  const o: Record<string, unknown> = {
    id: m.id,
    p: m.p,
    curg: m.curg,
    mallocing: m.mallocing,
    throwing: m.throwing,
    preemptoff: m.preemptoff,
    locks: m.locks,
    dying: m.dying,
    spinning: m.spinning,
    blocked: m.blocked,
    lockedg: m.lockedg,
  };
  if (m.helpgc !== undefined) o.helpgc = m.helpgc;
  if (m.extra !== undefined) o.extra = m.extra;
  return o;
}

function gRecord(g: GDetail): Record<string, unknown> {
  const o: Record<string, unknown> = {
    id: g.id,
    rawStatus: g.rawStatus,
    status: g.status,
    scan: g.scan,
    waitReason: g.waitReason,
    m: g.m,
    lockedm: g.lockedm,
  };
  if (g.extra !== undefined) o.extra = g.extra;
  return o;
}

const QUOTE = 34;
const COMMA = 44;
const NEWLINE = 10;
// The keys and literals of the JSON, as 32-bit words to store.
const NULL = asciiConstant('null');
const OPEN_ID = asciiConstant('{"id":');
const STATUS = asciiConstant(',"status":');
const SCHEDTICK = asciiConstant(',"schedtick":');
const SYSCALLTICK = asciiConstant(',"syscalltick":');
const M = asciiConstant(',"m":');
const RUNQSIZE = asciiConstant(',"runqsize":');
const GFREECNT = asciiConstant(',"gfreecnt":');
const TIMERSLEN = asciiConstant(',"timerslen":');
const P = asciiConstant(',"p":');
const CURG = asciiConstant(',"curg":');
const MALLOCING = asciiConstant(',"mallocing":');
const THROWING = asciiConstant(',"throwing":');
const PREEMPTOFF = asciiConstant(',"preemptoff":');
const LOCKS = asciiConstant(',"locks":');
const DYING = asciiConstant(',"dying":');
const SPINNING_TRUE = asciiConstant(',"spinning":true');
const SPINNING_FALSE = asciiConstant(',"spinning":false');
const BLOCKED_TRUE = asciiConstant(',"blocked":true');
const BLOCKED_FALSE = asciiConstant(',"blocked":false');
const LOCKEDG = asciiConstant(',"lockedg":');
const HELPGC = asciiConstant(',"helpgc":');
const RAWSTATUS = asciiConstant(',"rawStatus":');
const SCAN_TRUE_WAITREASON = asciiConstant(',"scan":true,"waitReason":');
const SCAN_FALSE_WAITREASON = asciiConstant(',"scan":false,"waitReason":');
const LOCKEDM = asciiConstant(',"lockedm":');
const LINE = asciiConstant(',"line":');
const TMS = asciiConstant(',"tMs":');
const WALLTIME = asciiConstant(',"wallTime":');
const IDLEPROCS = asciiConstant(',"idleprocs":');
const THREADS = asciiConstant(',"threads":');
const SPINNINGTHREADS = asciiConstant(',"spinningthreads":');
const NEEDSPINNING = asciiConstant(',"needspinning":');
const IDLETHREADS = asciiConstant(',"idlethreads":');
const RUNQUEUE = asciiConstant(',"runqueue":');
const RUNQ = asciiConstant(',"runq":');
const SCHEDTICKS = asciiConstant(',"schedticks":');
const GCWAITING_TRUE = asciiConstant(',"gcwaiting":true');
const GCWAITING_FALSE = asciiConstant(',"gcwaiting":false');
const NMIDLELOCKED = asciiConstant(',"nmidlelocked":');
const STOPWAIT = asciiConstant(',"stopwait":');
const SYSMONWAIT_TRUE = asciiConstant(',"sysmonwait":true');
const SYSMONWAIT_FALSE = asciiConstant(',"sysmonwait":false');
const EXTRA = asciiConstant(',"extra":');
const CRASH_TRUE = asciiConstant(',"crash":true');
const TRUNCATED_TRUE = asciiConstant(',"truncated":true');
const DETAIL_P = asciiConstant(',"detail":{"p":[');
const END_MS = asciiConstant('],"m":[');
const END_GS = asciiConstant('],"g":[');
const END_DETAIL = asciiConstant(']}');

/**
 * A G record's JSON after its id, from `,"rawStatus":` to its wait reason's closing quote, and on to
 * the closing brace when m and lockedm are null (the record then ends there): a dump's G lines repeat
 * a few of these, so their bytes are made once and copied.
 */
interface GHead {
  rawStatus: number;
  status: number;
  scan: boolean;
  waitReason: string;
  closed: boolean;
  json: Uint8Array;
}

const G_HEADS = 256;
const gHeads: (GHead | undefined)[] = new Array<GHead | undefined>(G_HEADS).fill(undefined);

/** The cached JSON of g's record after its id (see GHead), or null when its reason is not printable ASCII. */
function gHead(g: GDetail, closed: boolean): GHead | null {
  const w = g.waitReason;
  const n = w.length;
  const slot =
    (Math.imul(g.rawStatus | 0, 37) + n * 7 + (n > 0 ? w.charCodeAt(0) : 0) + (closed ? 128 : 0)) & (G_HEADS - 1);
  const h = gHeads[slot];
  if (
    h !== undefined &&
    h.waitReason === w &&
    h.rawStatus === g.rawStatus &&
    h.status === g.status &&
    h.scan === g.scan &&
    h.closed === closed
  )
    return h;
  const reason = JSON.stringify(w);
  for (let i = 0; i < reason.length; i++) {
    const c = reason.charCodeAt(i);
    if (c < 32 || c > 126) return null;
  }
  const json = Buffer.from(
    `,"rawStatus":${JSON.stringify(g.rawStatus)},"status":${JSON.stringify(g.status)},"scan":${g.scan},"waitReason":${reason}${closed ? ',"m":null,"lockedm":null}' : ''}`,
    'latin1',
  );
  const entry = { rawStatus: g.rawStatus, status: g.status, scan: g.scan, waitReason: w, closed, json };
  gHeads[slot] = entry;
  return entry;
}

/** The era heads SnapshotJsonWriter.eraHead made, by era (a handful). */
const eraHeads = new Map<string, AsciiConstant>();

/** Room for the keys and numbers of a summary (about 20 keys, 13 numbers), lists and strings aside. */
const SUMMARY_MAX_BYTES = 1024;

/** A list of numbers as JSON prints it, at `at`, where there is room for every element. */
function putNumbers(b: Buffer, at: number, xs: readonly number[]): number {
  b[at++] = 91; // '['
  for (let i = 0; i < xs.length; i++) {
    if (i > 0) b[at++] = COMMA;
    at = putJsonNumber(b, at, xs[i] as number);
  }
  b[at++] = 93; // ']'
  return at;
}

/**
 * A summary's keys and numbers from `,"era":` to `,"runq":`, which a Snapshot and a batch row
 * share, at `at`, where there is room; returns the position after them. `eraHead`: the era's
 * `,"era":"<era>","gomaxprocs":`.
 */
function putSummary(
  b: Buffer,
  at: number,
  eraHead: AsciiConstant,
  gomaxprocs: number,
  idleprocs: number,
  threads: number,
  spinningthreads: number | undefined,
  needspinning: number | undefined,
  idlethreads: number,
  runqueue: number,
): number {
  at = putConstant(b, at, eraHead);
  at = putJsonNumber(b, at, gomaxprocs);
  at = putConstant(b, at, IDLEPROCS);
  at = putJsonNumber(b, at, idleprocs);
  at = putConstant(b, at, THREADS);
  at = putJsonNumber(b, at, threads);
  if (spinningthreads !== undefined) {
    at = putConstant(b, at, SPINNINGTHREADS);
    at = putJsonNumber(b, at, spinningthreads);
  }
  if (needspinning !== undefined) {
    at = putConstant(b, at, NEEDSPINNING);
    at = putJsonNumber(b, at, needspinning);
  }
  at = putConstant(b, at, IDLETHREADS);
  at = putJsonNumber(b, at, idlethreads);
  at = putConstant(b, at, RUNQUEUE);
  at = putJsonNumber(b, at, runqueue);
  return putConstant(b, at, RUNQ);
}

/**
 * Bytes of a 32-bit column's value and its comma: nine digits at most as the byte scanner reads
 * them, ten for a schedtick (a uint32).
 */
const INT_CELL_MAX_BYTES = 11;

/** A batch's flat list xs[from, to) as JSON prints it, at `at`, where there is room for every element. */
function putInts(b: Buffer, at: number, xs: Int32Array | Uint32Array, from: number, to: number): number {
  b[at++] = 91; // '['
  if (from === to) {
    b[at] = 93; // ']'
    return at + 1;
  }
  // Each value and a comma, the last comma then made the closing bracket.
  for (let i = from; i < to; i++) {
    at = putNumber(b, at, xs[i] as number);
    b[at++] = COMMA;
  }
  b[at - 1] = 93; // ']'
  return at;
}

/** Room for the keys and numbers of one P, M or G line (13 keys, 13 numbers), strings aside. */
const DETAIL_MAX_BYTES = 13 * (16 + NUMBER_MAX_BYTES);

/** A number as JSON prints it (NaN and the infinities as null) at `at`, where there is room. */
function putJsonNumber(b: Buffer, at: number, v: number | null): number {
  return v === null || !Number.isFinite(v) ? putConstant(b, at, NULL) : putNumber(b, at, v);
}

/**
 * Writes snapshots as JSON bytes into one reused buffer: each one the same text as
 * `JSON.stringify(snapshotRecord(s))` (a test holds it so), without the record, the string, or the
 * per-line garbage, which is most of `gosched parse`'s time on multi-GB logs.
 */
export class SnapshotJsonWriter extends ByteWriter {
  private lastStream: string | null = null;
  private lastStreamHead: AsciiConstant = bytesConstant(new Uint8Array(0));
  private lastEra = '';
  private lastEraHead: AsciiConstant = bytesConstant(new Uint8Array(0));

  /** One NDJSON line: the snapshot's JSON and a newline. */
  writeLine(s: Snapshot): void {
    this.write(s);
    this.byte(NEWLINE);
  }

  /** One element of a JSON array: after a comma unless it is the first, a newline and the snapshot's JSON. */
  writeElement(s: Snapshot, first: boolean): void {
    if (!first) this.byte(COMMA);
    this.byte(NEWLINE);
    this.write(s);
  }

  /** One NDJSON line for row r of a batch: the line writeLine writes for the row's Snapshot. */
  writeRowLine(batch: SummaryBatch, r: number): void {
    this.writeRow(batch, r);
    this.byte(NEWLINE);
  }

  /** One element of a JSON array for row r of a batch, as writeElement writes the row's Snapshot. */
  writeRowElement(batch: SummaryBatch, r: number, first: boolean): void {
    if (!first) this.byte(COMMA);
    this.byte(NEWLINE);
    this.writeRow(batch, r);
  }

  /**
   * Row r of a batch, as `write` writes the Snapshot the row stands for: a plain summary dump has
   * no wall time, extra keys, crash, truncation or detail, and its values are integers.
   */
  writeRow(batch: SummaryBatch, r: number): void {
    const head = this.streamHead(batch.stream[r] as string);
    const eraHead = this.eraHead(batch.era[r] as string);
    const rf = batch.runqFrom[r] as number;
    const rt = batch.runqFrom[r + 1] as number;
    const tf = batch.ticksFrom[r] as number;
    const tt = batch.ticksFrom[r + 1] as number;
    this.reserve(head.length + SUMMARY_MAX_BYTES + (rt - rf + tt - tf) * INT_CELL_MAX_BYTES);
    const b = this.buf;
    let at = putConstant(b, this.len, head);
    at = putNumber(b, at, batch.run[r] as number);
    at = putConstant(b, at, LINE);
    at = putNumber(b, at, batch.line[r] as number);
    at = putConstant(b, at, TMS);
    at = putNumber(b, at, batch.tMs[r] as number);
    const spinning = batch.spinningthreads[r] as number;
    const needspinning = batch.needspinning[r] as number;
    at = putSummary(
      b,
      at,
      eraHead,
      batch.gomaxprocs[r] as number,
      batch.idleprocs[r] as number,
      batch.threads[r] as number,
      spinning < 0 ? undefined : spinning,
      needspinning < 0 ? undefined : needspinning,
      batch.idlethreads[r] as number,
      batch.runqueue[r] as number,
    );
    at = putInts(b, at, batch.runq, rf, rt);
    if (batch.hasTicks[r] === 1) {
      at = putConstant(b, at, SCHEDTICKS);
      at = putInts(b, at, batch.ticks, tf, tt);
    }
    b[at++] = 125; // '}'
    this.len = at;
  }

  /** `{"stream":<stream>,"run":`, the bytes made once for a run of snapshots of one stream. */
  private streamHead(stream: string): AsciiConstant {
    if (stream !== this.lastStream) {
      this.lastStream = stream;
      this.lastStreamHead = bytesConstant(Buffer.from(`{"stream":${JSON.stringify(stream)},"run":`));
    }
    return this.lastStreamHead;
  }

  /** `,"era":"<era>","gomaxprocs":`, made once per era (a many-run log changes era at many restarts). */
  private eraHead(era: string): AsciiConstant {
    if (era !== this.lastEra) {
      this.lastEra = era;
      let head = eraHeads.get(era);
      if (head === undefined) {
        // a FormatEra: plain letters, digits and dots
        head = asciiConstant(`,"era":"${era}","gomaxprocs":`);
        eraHeads.set(era, head);
      }
      this.lastEraHead = head;
    }
    return this.lastEraHead;
  }

  /** The snapshot's JSON, as `JSON.stringify(snapshotRecord(s))` prints it. */
  write(s: Snapshot): void {
    const head = this.streamHead(s.stream);
    const eraHead = this.eraHead(s.era);
    // Room for every key and number of the summary at once, written at a local position.
    const room = SUMMARY_MAX_BYTES + (s.runq.length + (s.schedticks?.length ?? 0)) * (NUMBER_MAX_BYTES + 1);
    this.reserve(head.length + room);
    let b = this.buf;
    let at = putConstant(b, this.len, head);
    at = putNumber(b, at, s.run);
    at = putConstant(b, at, LINE);
    at = putNumber(b, at, s.line);
    at = putConstant(b, at, TMS);
    at = putJsonNumber(b, at, s.tMs);
    if (s.wallTime !== undefined) {
      this.len = putConstant(b, at, WALLTIME);
      this.str(s.wallTime);
      this.reserve(room);
      b = this.buf;
      at = this.len;
    }
    at = putSummary(
      b,
      at,
      eraHead,
      s.gomaxprocs,
      s.idleprocs,
      s.threads,
      s.spinningthreads,
      s.needspinning,
      s.idlethreads,
      s.runqueue,
    );
    at = putNumbers(b, at, s.runq);
    if (s.schedticks !== undefined) {
      at = putConstant(b, at, SCHEDTICKS);
      at = putNumbers(b, at, s.schedticks);
    }
    if (s.gcwaiting !== undefined) at = putConstant(b, at, s.gcwaiting ? GCWAITING_TRUE : GCWAITING_FALSE);
    if (s.nmidlelocked !== undefined) {
      at = putConstant(b, at, NMIDLELOCKED);
      at = putJsonNumber(b, at, s.nmidlelocked);
    }
    if (s.stopwait !== undefined) {
      at = putConstant(b, at, STOPWAIT);
      at = putJsonNumber(b, at, s.stopwait);
    }
    if (s.sysmonwait !== undefined) at = putConstant(b, at, s.sysmonwait ? SYSMONWAIT_TRUE : SYSMONWAIT_FALSE);
    this.len = at;
    if (s.extra !== undefined) {
      this.constant(EXTRA);
      this.strings(s.extra);
    }
    if (s.crash) this.constant(CRASH_TRUE);
    if (s.truncated) this.constant(TRUNCATED_TRUE);
    if (s.detail !== undefined) {
      const { p, m, g } = s.detail;
      this.constant(DETAIL_P);
      for (let i = 0; i < p.length; i++) {
        if (i > 0) this.byte(COMMA);
        this.pDetail(p[i] as PDetail);
      }
      this.constant(END_MS);
      for (let i = 0; i < m.length; i++) {
        if (i > 0) this.byte(COMMA);
        this.mDetail(m[i] as MDetail);
      }
      this.constant(END_GS);
      for (let i = 0; i < g.length; i++) {
        if (i > 0) this.byte(COMMA);
        this.gDetail(g[i] as GDetail);
      }
      this.constant(END_DETAIL);
    }
    this.byte(125); // '}'
  }

  // P, M and G lines are most of a scheddetail log's output: room for a line's JSON is reserved
  // once, and its bytes written at a local position.

  private pDetail(p: PDetail): void {
    this.reserve(DETAIL_MAX_BYTES);
    const b = this.buf;
    let at = this.len;
    at = putConstant(b, at, OPEN_ID);
    at = putJsonNumber(b, at, p.id);
    at = putConstant(b, at, STATUS);
    at = putJsonNumber(b, at, p.status);
    at = putConstant(b, at, SCHEDTICK);
    at = putJsonNumber(b, at, p.schedtick);
    at = putConstant(b, at, SYSCALLTICK);
    at = putJsonNumber(b, at, p.syscalltick);
    at = putConstant(b, at, M);
    at = putJsonNumber(b, at, p.m);
    at = putConstant(b, at, RUNQSIZE);
    at = putJsonNumber(b, at, p.runqsize);
    at = putConstant(b, at, GFREECNT);
    at = putJsonNumber(b, at, p.gfreecnt);
    if (p.timerslen !== undefined) {
      at = putConstant(b, at, TIMERSLEN);
      at = putJsonNumber(b, at, p.timerslen);
    }
    this.len = at;
    this.extraAndClose(p.extra);
  }

  private mDetail(m: MDetail): void {
    this.reserve(DETAIL_MAX_BYTES);
    let b = this.buf;
    let at = this.len;
    at = putConstant(b, at, OPEN_ID);
    at = putJsonNumber(b, at, m.id);
    at = putConstant(b, at, P);
    at = putJsonNumber(b, at, m.p);
    at = putConstant(b, at, CURG);
    at = putJsonNumber(b, at, m.curg);
    at = putConstant(b, at, MALLOCING);
    at = putJsonNumber(b, at, m.mallocing);
    at = putConstant(b, at, THROWING);
    at = putJsonNumber(b, at, m.throwing);
    at = putConstant(b, at, PREEMPTOFF);
    this.len = at;
    this.str(m.preemptoff);
    this.reserve(DETAIL_MAX_BYTES);
    b = this.buf;
    at = this.len;
    at = putConstant(b, at, LOCKS);
    at = putJsonNumber(b, at, m.locks);
    at = putConstant(b, at, DYING);
    at = putJsonNumber(b, at, m.dying);
    at = putConstant(b, at, m.spinning ? SPINNING_TRUE : SPINNING_FALSE);
    at = putConstant(b, at, m.blocked ? BLOCKED_TRUE : BLOCKED_FALSE);
    at = putConstant(b, at, LOCKEDG);
    at = putJsonNumber(b, at, m.lockedg);
    if (m.helpgc !== undefined) {
      at = putConstant(b, at, HELPGC);
      at = putJsonNumber(b, at, m.helpgc);
    }
    this.len = at;
    this.extraAndClose(m.extra);
  }

  private gDetail(g: GDetail): void {
    const h = gHead(g, g.m === null && g.lockedm === null && g.extra === undefined);
    if (h === null) {
      this.gDetailAsText(g);
      return;
    }
    const json = h.json;
    this.reserve(DETAIL_MAX_BYTES + json.length);
    const b = this.buf;
    let at = this.len;
    at = putConstant(b, at, OPEN_ID);
    at = putJsonNumber(b, at, g.id);
    b.set(json, at);
    at += json.length;
    if (h.closed) {
      this.len = at;
      return;
    }
    this.len = this.mAndClose(b, at, g);
  }

  /** gDetail for a G whose reason is not printable ASCII. */
  private gDetailAsText(g: GDetail): void {
    this.reserve(DETAIL_MAX_BYTES);
    let b = this.buf;
    let at = this.len;
    at = putConstant(b, at, OPEN_ID);
    at = putJsonNumber(b, at, g.id);
    at = putConstant(b, at, RAWSTATUS);
    at = putJsonNumber(b, at, g.rawStatus);
    at = putConstant(b, at, STATUS);
    at = putJsonNumber(b, at, g.status);
    at = putConstant(b, at, g.scan ? SCAN_TRUE_WAITREASON : SCAN_FALSE_WAITREASON);
    this.len = at;
    this.str(g.waitReason);
    this.reserve(DETAIL_MAX_BYTES);
    b = this.buf;
    this.len = this.mAndClose(b, this.len, g);
  }

  /** A G record's m, lockedm and extra keys and its closing brace at `at`, where DETAIL_MAX_BYTES are free. */
  private mAndClose(b: Buffer, at: number, g: GDetail): number {
    at = putConstant(b, at, M);
    at = putJsonNumber(b, at, g.m);
    at = putConstant(b, at, LOCKEDM);
    at = putJsonNumber(b, at, g.lockedm);
    this.len = at;
    this.extraAndClose(g.extra);
    return this.len;
  }

  private extraAndClose(extra: Record<string, string> | undefined): void {
    if (extra !== undefined) {
      this.constant(EXTRA);
      this.strings(extra);
    }
    this.byte(125); // '}'
  }

  /** `extra`: the unknown key=value pairs of a line, in the order `JSON.stringify` lists them. */
  private strings(o: Record<string, string>): void {
    this.byte(123); // '{'
    let first = true;
    for (const k in o) {
      const v = o[k];
      if (v === undefined) continue;
      if (first) first = false;
      else this.byte(COMMA);
      this.str(k);
      this.byte(58); // ':'
      this.str(v);
    }
    this.byte(125); // '}'
  }

  private constant(k: AsciiConstant): void {
    this.reserve(k.length);
    this.len = putConstant(this.buf, this.len, k);
  }

  /** A string as JSON prints it: printable ASCII byte by byte, anything else through `JSON.stringify`. */
  private str(t: string): void {
    const n = t.length;
    this.reserve(n + 2);
    const b = this.buf;
    const start = this.len;
    let at = start;
    b[at++] = QUOTE;
    for (let i = 0; i < n; i++) {
      const c = t.charCodeAt(i);
      if (c < 32 || c > 126 || c === QUOTE || c === 92) {
        this.len = start;
        this.text(JSON.stringify(t));
        return;
      }
      b[at++] = c;
    }
    b[at++] = QUOTE;
    this.len = at;
  }
}
