import { G_SCAN_BIT } from '../trace/runtime-constants.js';
import type { GDetail, MDetail, PDetail } from '../trace/snapshot.js';
import type { EraEvidence } from './eras/index.js';
import { STRAY_KEY, parseIntStrict, readKeyValues } from './key-values.js';

/**
 * scheddetail lines (runtime.schedtrace with detailed=true), two leading spaces:
 *   P<id>: status= schedtick= syscalltick= m= runqsize= gfreecnt= [timerslen=]
 *   M<id>: p= curg= mallocing= throwing= preemptoff=<string> locks= dying= [helpgc=] spinning= blocked= lockedg=
 *   G<goid>: status=<n>(<wait reason>) m= lockedm=
 * Missing ids print as -1 (<= 1.19) or nil (>= 1.20).
 */
export type DetailKind = 'P' | 'M' | 'G';

export interface DetailHead {
  kind: DetailKind;
  id: number;
  /** Offset just after `<kind><id>:`. */
  rest: number;
}

/** Recognises `  P3:`, `  M12:`, `  G1:` at the start of a line (any leading blanks, at least one). */
export function detailHead(text: string, start = 0, end = text.length): DetailHead | null {
  let i = start;
  while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  if (i === start || i + 2 >= end) return null;
  const k = text.charCodeAt(i);
  if (k !== 80 && k !== 77 && k !== 71) return null; // P M G
  let j = i + 1;
  let id = 0;
  while (j < end) {
    const c = text.charCodeAt(j);
    if (c < 48 || c > 57) break;
    id = id * 10 + (c - 48);
    j++;
  }
  if (j === i + 1 || j >= end || text.charCodeAt(j) !== 58 /* : */) return null;
  return { kind: String.fromCharCode(k) as DetailKind, id, rest: j + 1 };
}

export type DetailResult =
  | { kind: 'P'; value: PDetail; problems: string[] }
  | { kind: 'M'; value: MDetail; problems: string[] }
  | { kind: 'G'; value: GDetail; problems: string[] };

class FieldReader {
  readonly problems: string[] = [];
  readonly extra: Record<string, string> = Object.create(null) as Record<string, string>;
  private readonly values = new Map<string, string>();

  constructor(text: string, from: number, known: ReadonlySet<string>) {
    for (const { key, value } of readKeyValues(text, from)) {
      if (key === STRAY_KEY) this.problems.push(`unexpected text ${JSON.stringify(value)}`);
      else if (known.has(key)) this.values.set(key, value);
      else this.extra[key] = value;
    }
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  raw(key: string): string | undefined {
    return this.values.get(key);
  }

  int(key: string): number {
    const v = this.values.get(key);
    if (v === undefined) {
      this.problems.push(`missing ${key}=`);
      return 0;
    }
    const n = parseIntStrict(v);
    if (Number.isNaN(n)) {
      this.problems.push(`${key}=${v} is not an integer`);
      return 0;
    }
    return n;
  }

  /** An id that prints as -1 or nil when missing. */
  id(key: string, ev: EraEvidence): number | null {
    const v = this.values.get(key);
    if (v === 'nil') {
      ev.go120Tokens = true;
      return null;
    }
    if (v === '-1') {
      ev.pre120Tokens = true;
      return null;
    }
    const n = this.int(key);
    return n;
  }

  bool(key: string): boolean {
    const v = this.values.get(key);
    if (v === 'true' || v === '1') return true;
    if (v === 'false' || v === '0') return false;
    this.problems.push(v === undefined ? `missing ${key}=` : `${key}=${v} is not a boolean`);
    return false;
  }

  extras(): Record<string, string> | undefined {
    return Object.keys(this.extra).length > 0 ? this.extra : undefined;
  }
}

const pKeys = new Set(['status', 'schedtick', 'syscalltick', 'm', 'runqsize', 'gfreecnt', 'timerslen']);
const mKeys = new Set([
  'p',
  'curg',
  'mallocing',
  'throwing',
  'preemptoff',
  'locks',
  'dying',
  'helpgc',
  'spinning',
  'blocked',
  'lockedg',
]);
const gKeys = new Set(['status', 'm', 'lockedm']);

export function parseDetail(text: string, head: DetailHead, ev: EraEvidence): DetailResult {
  switch (head.kind) {
    case 'P': {
      ev.pLines = true;
      const r = new FieldReader(text, head.rest, pKeys);
      const p: PDetail = {
        id: head.id,
        status: r.int('status'),
        schedtick: r.int('schedtick'),
        syscalltick: r.int('syscalltick'),
        m: r.id('m', ev),
        runqsize: r.int('runqsize'),
        gfreecnt: r.int('gfreecnt'),
      };
      if (r.has('timerslen')) {
        ev.timerslen = true;
        p.timerslen = r.int('timerslen');
      }
      const extra = r.extras();
      if (extra) p.extra = extra;
      return { kind: 'P', value: p, problems: r.problems };
    }
    case 'M': {
      ev.mLines = true;
      const r = new FieldReader(text, head.rest, mKeys);
      const m: MDetail = {
        id: head.id,
        p: r.id('p', ev),
        curg: r.id('curg', ev),
        mallocing: r.int('mallocing'),
        throwing: r.int('throwing'),
        preemptoff: r.raw('preemptoff') ?? '',
        locks: r.int('locks'),
        dying: r.int('dying'),
        spinning: r.bool('spinning'),
        blocked: r.bool('blocked'),
        lockedg: r.id('lockedg', ev),
      };
      if (r.has('helpgc')) {
        ev.helpgc = true;
        m.helpgc = r.int('helpgc');
      }
      const extra = r.extras();
      if (extra) m.extra = extra;
      return { kind: 'M', value: m, problems: r.problems };
    }
    case 'G': {
      const r = new FieldReader(text, head.rest, gKeys);
      const status = r.raw('status') ?? '';
      // status=<n>(<reason>): the reason runs to the last ')' of the value and may nest parentheses.
      const open = status.indexOf('(');
      const close = status.lastIndexOf(')');
      let rawStatus = NaN;
      let waitReason = '';
      if (open > 0 && close > open) {
        rawStatus = parseIntStrict(status.slice(0, open));
        waitReason = status.slice(open + 1, close);
      } else {
        rawStatus = parseIntStrict(status);
      }
      if (Number.isNaN(rawStatus)) {
        r.problems.push(`status=${status} is not <n>(<reason>)`);
        rawStatus = 0;
      }
      const g: GDetail = {
        id: head.id,
        rawStatus,
        status: rawStatus & ~G_SCAN_BIT,
        scan: (rawStatus & G_SCAN_BIT) !== 0,
        waitReason,
        m: r.id('m', ev),
        lockedm: r.id('lockedm', ev),
      };
      const extra = r.extras();
      if (extra) g.extra = extra;
      return { kind: 'G', value: g, problems: r.problems };
    }
  }
}
