import { G_SCAN_BIT } from '../trace/runtime-constants.js';
import type { GDetail, MDetail, PDetail } from '../trace/snapshot.js';
import type { DetailHead } from './detail-line.js';
import type { EraEvidence } from './eras/index.js';
import { isDigit } from './key-values.js';

/**
 * Fast paths for untouched P/M/G lines in the order runtime.schedtrace prints their keys.
 * Each returns null at the first surprise, and the general key=value reader takes the line.
 * (Detailed logs hold one G line per goroutine per dump, so this is the hot loop there.)
 */
class Scan {
  text = '';
  i = 0;
  /** End of the line within text (lines may be read inside a larger block). */
  stop = 0;

  at(text: string, i: number, stop: number): this {
    this.text = text;
    this.i = i;
    this.stop = stop;
    return this;
  }

  /** ` key=` at the cursor. */
  key(k: string): boolean {
    const t = this.text;
    if (t.charCodeAt(this.i) !== 32 || !t.startsWith(k, this.i + 1) || t.charCodeAt(this.i + 1 + k.length) !== 61)
      return false;
    this.i += k.length + 2;
    return true;
  }

  uint(): number {
    const t = this.text;
    let i = this.i;
    let v = 0;
    let c = 0;
    while ((c = t.charCodeAt(i) - 48) >= 0 && c <= 9) {
      v = v * 10 + c;
      i++;
    }
    if (i === this.i || i - this.i > 15) return -1;
    this.i = i;
    return v;
  }

  /** An id, or null printed as nil / -1; undefined when neither. */
  id(ev: EraEvidence): number | null | undefined {
    const t = this.text;
    const c = t.charCodeAt(this.i);
    if (c === 110 /* n */ && t.startsWith('nil', this.i)) {
      this.i += 3;
      ev.go120Tokens = true;
      return null;
    }
    if (c === 45 /* - */ && t.charCodeAt(this.i + 1) === 49 && !isDigit(t.charCodeAt(this.i + 2))) {
      this.i += 2;
      ev.pre120Tokens = true;
      return null;
    }
    const v = this.uint();
    return v < 0 ? undefined : v;
  }

  bool(): boolean | undefined {
    const t = this.text;
    if (t.startsWith('true', this.i)) {
      this.i += 4;
      return true;
    }
    if (t.startsWith('false', this.i)) {
      this.i += 5;
      return false;
    }
    return undefined;
  }

  end(): boolean {
    const t = this.text;
    while (this.i < this.stop && (t.charCodeAt(this.i) === 32 || t.charCodeAt(this.i) === 13)) this.i++;
    return this.i === this.stop;
  }
}

const scan = new Scan();

export function fastP(text: string, head: DetailHead, ev: EraEvidence, end = text.length): PDetail | null {
  const s = scan.at(text, head.rest, end);
  if (!s.key('status')) return null;
  const status = s.uint();
  if (status < 0 || !s.key('schedtick')) return null;
  const schedtick = s.uint();
  if (schedtick < 0 || !s.key('syscalltick')) return null;
  const syscalltick = s.uint();
  if (syscalltick < 0 || !s.key('m')) return null;
  const m = s.id(ev);
  if (m === undefined || !s.key('runqsize')) return null;
  const runqsize = s.uint();
  if (runqsize < 0 || !s.key('gfreecnt')) return null;
  const gfreecnt = s.uint();
  if (gfreecnt < 0) return null;
  const p: PDetail = { id: head.id, status, schedtick, syscalltick, m, runqsize, gfreecnt };
  if (s.key('timerslen')) {
    const t = s.uint();
    if (t < 0) return null;
    p.timerslen = t;
    ev.timerslen = true;
  }
  ev.pLines = true;
  return s.end() ? p : null;
}

export function fastM(text: string, head: DetailHead, ev: EraEvidence, end = text.length): MDetail | null {
  const s = scan.at(text, head.rest, end);
  if (!s.key('p')) return null;
  const p = s.id(ev);
  if (p === undefined || !s.key('curg')) return null;
  const curg = s.id(ev);
  if (curg === undefined || !s.key('mallocing')) return null;
  const mallocing = s.uint();
  if (mallocing < 0 || !s.key('throwing')) return null;
  const throwing = s.uint();
  if (throwing < 0 || !s.key('preemptoff')) return null;
  // preemptoff is a raw string that may be empty or hold spaces: it runs to ` locks=`.
  const locksAt = text.indexOf(' locks=', s.i);
  if (locksAt < 0 || locksAt >= end) return null;
  // A blank before ` locks=` is read as the separator by the general reader, so it takes such a line.
  const last = text.charCodeAt(locksAt - 1);
  if (locksAt > s.i && (last === 32 || last === 9)) return null;
  const preemptoff = text.slice(s.i, locksAt);
  s.i = locksAt;
  if (!s.key('locks')) return null;
  const locks = s.uint();
  if (locks < 0 || !s.key('dying')) return null;
  const dying = s.uint();
  if (dying < 0) return null;
  let helpgc: number | undefined;
  if (s.key('helpgc')) {
    helpgc = s.uint();
    if (helpgc < 0) return null;
    ev.helpgc = true;
  }
  if (!s.key('spinning')) return null;
  const spinning = s.bool();
  if (spinning === undefined || !s.key('blocked')) return null;
  const blocked = s.bool();
  if (blocked === undefined || !s.key('lockedg')) return null;
  const lockedg = s.id(ev);
  if (lockedg === undefined || !s.end()) return null;
  const m: MDetail = {
    id: head.id,
    p,
    curg,
    mallocing,
    throwing,
    preemptoff,
    locks,
    dying,
    spinning,
    blocked,
    lockedg,
  };
  if (helpgc !== undefined) m.helpgc = helpgc;
  ev.mLines = true;
  return m;
}

export function fastG(text: string, head: DetailHead, ev: EraEvidence, end = text.length): GDetail | null {
  const s = scan.at(text, head.rest, end);
  if (!s.key('status')) return null;
  const rawStatus = s.uint();
  if (rawStatus < 0 || text.charCodeAt(s.i) !== 40 /* ( */) return null;
  // The wait reason may hold spaces and parentheses: it ends at the last `) m=`.
  const close = text.lastIndexOf(') m=', end - 4);
  if (close < s.i) return null;
  const waitReason = text.slice(s.i + 1, close);
  s.i = close + 1;
  if (!s.key('m')) return null;
  const m = s.id(ev);
  if (m === undefined || !s.key('lockedm')) return null;
  const lockedm = s.id(ev);
  if (lockedm === undefined || !s.end()) return null;
  return {
    id: head.id,
    rawStatus,
    status: rawStatus & ~G_SCAN_BIT,
    scan: (rawStatus & G_SCAN_BIT) !== 0,
    waitReason,
    m,
    lockedm,
  };
}
