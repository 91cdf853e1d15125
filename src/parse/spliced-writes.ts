import { detailHead, parseDetail } from './detail-line.js';
import { PREEMPTOFF_VALUES, WAIT_REASONS } from './dump-strings.js';
import { emptyEvidence, type EraEvidence } from './eras/index.js';
import { LEAK_CHECK, parseGcLine } from './gctrace-line.js';
import { isDateAt, isDigit, LIST_KEY, readKeyValues, STRAY_KEY } from './key-values.js';
import { parseSummary, type SummaryFields, summaryKeys } from './summary-line.js';

/**
 * Where another writer's line may have been spliced into a SCHED, P, M, G or gctrace line.
 * runtime.schedtrace prints each argument with a write of its own (printlock, then printstring /
 * printint → gwrite), as gcMarkTermination does its gctrace line, so the
 * runtime's text is a sequence of writes: `SCHED `, numbers, ` key=` strings, and for the per-P
 * lists ` `, `[ `, ` ]`, ` schedticks=[ ` and `]\n` (Go ≤ 1.24 without spaces: `[`, `]\n`). A whole
 * line from another thread (a log.Printf) can land between any two of them, as often as that thread
 * writes: under heavy logging one dump is cut two or three times, each piece of it then ending a line
 * with the other writer's text.
 */

/** Foreign text that starts with a date or a time of day: where a cut may split a run of digits. */
export const STAMP_START = /^(\d{4}[-/]\d\d|\d\d:\d\d:\d\d)/;

/**
 * Whether foreign text can start at raw[c], the runtime's last write having ended at c: a number is
 * one write, so a cut inside a run of digits (the foreign text starting with a digit) only before a
 * date or a time, never inside a date (`2026/12/01`: the cut goes before the year), and never after
 * a number the runtime could not print (a leading zero).
 */
export function foreignCanStart(raw: string, c: number): boolean {
  if (isDigit(raw.charCodeAt(c)) && !STAMP_START.test(raw.slice(c, c + 8))) return false;
  if (!isDigit(raw.charCodeAt(c - 1))) return true;
  let t = c - 1;
  while (t > 0 && isDigit(raw.charCodeAt(t - 1))) t--;
  // (A fraction's digits may start with 0: `@0.015s`.)
  if (c - t > 1 && raw.charCodeAt(t) === 48 && raw.charCodeAt(t - 1) !== 46) return false;
  // Not inside a date either (`2026/12` and `/06` after it).
  return !isDateAt(raw, c);
}

/**
 * foreignCanStart, for a piece whose end is not yet known to be foreign: another writer's line
 * starts at s[c] with no blank (the runtime's own writes start so) and is no summary text.
 */
function otherLineStarts(s: string, c: number): boolean {
  const x = s.charCodeAt(c);
  if (x === 32 || x === 9 || !foreignCanStart(s, c)) return false;
  return !readKeyValues(s, c).every((kv) => kv.key === LIST_KEY || summaryKeys.has(kv.key));
}

/**
 * Whether one of the runtime's writes that starts with the character `next` can follow raw[0, c):
 * a number after `=`, a blank or `[`, a blank after a number, a flag or a list's `]`, `[` after the
 * blank before it, `]` after a number or a blank, a flag after `=`, the line's `\n` after a value.
 */
export function writeCanFollow(raw: string, c: number, next: number): boolean {
  const before = raw.charCodeAt(c - 1);
  // A number follows `SCHED `, a key's `=`, a list's blank or its `[`.
  if (isDigit(next)) return before === 61 || before === 32 || before === 91;
  if (next === 32) return isDigit(before) || before === 93 || isLetter(before);
  if (next === 91) return before === 32;
  if (next === 93) return isDigit(before) || before === 32;
  // A flag of the scheddetail tail (Go 1.20+: `sysmonwait=false`), and the tail's own `\n` (an empty line).
  if (isLetter(next)) return before === 61;
  if (next === 10) return isDigit(before) || isLetter(before);
  return false;
}

function isLetter(c: number): boolean {
  return c >= 97 && c <= 122;
}

/**
 * writeCanFollow for a P, M or G line, whose writes are `  G`, the id, `: status=`, the status,
 * `(`, the wait reason, `) m=`, values (numbers, `nil`, `true`/`false`, preemptoff's text) and
 * ` key=` strings, and `\n` last: a number after `=`, `-` or the head, a blank or the `\n` (`next`
 * 10) after a value (not after a blank or `=`), `:` and `(` after a number, `)` after the reason or
 * its `(`, other text after `=` or `(`.
 */
export function detailWriteCanFollow(raw: string, c: number, next: number): boolean {
  const before = raw.charCodeAt(c - 1);
  // A number follows a key's `=`, a negative number's `-` (printint writes the sign first), or the
  // line's `  P`, `  M`, `  G` (its id).
  if (isDigit(next)) return before === 61 || before === 45 || c === 3;
  // After a wait reason, which holds no digit, `/` or `:` (a date or time the other writer began with).
  if (next === 41 /* ) */) {
    const reason = reasonBefore(raw, c);
    return reason !== null && !/[\d/:]/.test(reason);
  }
  if (next === 32 || next === 10) {
    // preemptoff's text may be empty (`preemptoff= locks=0`); no other value is.
    if (before === 61) return raw.endsWith(' preemptoff=', c);
    if (before === 32) return false;
    // After preemptoff's text (a reason the runtime names, most often empty), as after a wait reason.
    const at = raw.lastIndexOf(' preemptoff=', c);
    const after = at < 0 ? -1 : raw.indexOf(' locks=', at);
    return at < 0 || (after >= 0 && after < c) || !/[\d/:]/.test(raw.slice(at + 12, c));
  }
  if (next === 58 /* : */ || next === 40 /* ( */) return isDigit(before);
  return before === 61 || before === 40;
}

/** A G line's wait reason so far, from its `status=N(` up to c; null when c is not inside one. */
function reasonBefore(raw: string, c: number): string | null {
  const m = STATUS_OPEN.exec(raw);
  if (m === null || m.index + m[0].length > c) return null;
  return raw.slice(m.index + m[0].length, c);
}

const STATUS_OPEN = /: status=\d+\(/;

/** A piece of a SCHED line after a cut starts with a write the runtime makes there (or is its `\n`). */
export function startsAWrite(text: string): boolean {
  const c = text.charCodeAt(0);
  return text === '' || isDigit(c) || c === 32 || c === 91 || c === 93 || c === 102 /* f */ || c === 116 /* t */;
}

/**
 * Whether s, from the SCHED head at `head`, is the runtime's text up to the end of one of its
 * writes: keys the summary prints, each value whole, no foreign text; a per-P or schedticks list
 * may be open (`[ 0 1 `), and the last key may wait for its value (`threads=`).
 */
export function summaryPrefixHolds(s: string, head: number): boolean {
  let t = s;
  const open = t.lastIndexOf('[');
  // Entries of a list still open: no more than the Ps the line counts.
  let listed = 0;
  if (open > t.lastIndexOf(']')) {
    for (let i = open + 1; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c !== 32 && !isDigit(c)) return false;
      if (isDigit(c) && !isDigit(t.charCodeAt(i - 1))) listed++;
    }
    t = t.slice(0, open);
    if (t.endsWith('schedticks=')) t = t.slice(0, -'schedticks='.length);
  } else if (t.endsWith('=')) {
    const from = t.lastIndexOf(' ') + 1;
    if (from <= head || !summaryKeys.has(t.slice(from, -1))) return false;
    t = t.slice(0, from);
  }
  const f = parseSummary(t, head, emptyEvidence());
  if (f.problems.length > 0 || f.interleaved.length > 0 || f.extra !== undefined) return false;
  if (f.gomaxprocs === undefined) return true;
  return (f.runq === undefined || f.runq.length === f.gomaxprocs) && listed <= f.gomaxprocs;
}

/**
 * Where the runtime's text in s can end at the latest, read from `from` (past the SCHED head):
 * another writer's text starts at or before the first thing no summary line holds (a word that is
 * no summary key, a value that goes on past its digits, a list with more than numbers). A cut is
 * tried only up to here: each try reads the whole line, and a log of long lines cut short would
 * otherwise cost a read per character.
 */
export function runtimeTextEnd(s: string, from: number): number {
  for (const kv of readKeyValues(s, from)) {
    const v = kv.value;
    if (kv.key === STRAY_KEY) return kv.at;
    if (kv.key === LIST_KEY || kv.key === 'schedticks') {
      for (let i = 0; i < v.length; i++) {
        const c = v.charCodeAt(i);
        if (c !== 32 && c !== 91 && c !== 93 && !isDigit(c)) return kv.at + i;
      }
      continue;
    }
    if (!summaryKeys.has(kv.key)) return kv.at - kv.key.length - 1;
    // A flag (Go 1.20+ spells them) or a number, and maybe the other writer's text glued to it.
    let i = v.startsWith('true') ? 4 : v.startsWith('false') ? 5 : 0;
    while (i < v.length && isDigit(v.charCodeAt(i))) i++;
    if (i === v.length) continue;
    // The other writer's text may start after the blank the runtime wrote next (`runqueue=0 `).
    while (v.charCodeAt(i) === 32) i++;
    return kv.at + i;
  }
  return s.length;
}

/**
 * A middle piece: `text` goes on with the runtime's writes from raw[0, c) and ends with another
 * writer's line of its own. The cut c in raw (tried from the end back) where some cut in `text`
 * leaves the runtime's text a whole prefix of a summary line; -1 when there is none. Only the cut
 * in raw is decided here: the one in `text` is decided with the piece after it.
 */
export function middleCut(raw: string, from: number, head: number, text: string): number {
  // Two blanks first: a P, M or G line of its own; an empty line ends the SCHED line.
  if (text === '' || !startsAWrite(text) || text.startsWith('  ')) return -1;
  const next = text.charCodeAt(0);
  for (let c = Math.min(raw.length - 1, runtimeTextEnd(raw, from)); c > from; c--) {
    if (!writeCanFollow(raw, c, next) || !otherLineStarts(raw, c)) continue;
    const kept = raw.slice(0, c);
    if (!summaryPrefixHolds(kept, head)) continue;
    // The runtime's text in `text` is at least one character (its first write).
    const last = Math.min(text.length - 1, runtimeTextEnd(kept + text, from) - c);
    for (let c2 = last; c2 >= 1; c2--) {
      const end = text.charCodeAt(c2 - 1);
      if (!(isDigit(end) || end === 61 || end === 32 || end === 93 || end === 91)) continue;
      if (!otherLineStarts(text, c2)) continue;
      if (summaryPrefixHolds(kept + text.slice(0, c2), head)) return c;
    }
  }
  return -1;
}

/** `  P`, `  M` or `  G` and maybe the id: the first writes of a detail line. */
const DETAIL_HEAD_ONLY = /^ {2}[PMG]\d*$/;

/**
 * Whether s is a P, M or G line's text up to the end of one of the runtime's writes: its head, keys
 * of its kind, each value whole, no other text; the last key may wait for its value (`m=`), a G's
 * wait reason may be open (`status=4(sync.Mut`).
 */
export function detailPrefixHolds(s: string): boolean {
  if (DETAIL_HEAD_ONLY.test(s)) return true;
  // A negative number's sign is a write of its own (printint): `p=-` waits for its `1`.
  let t = s.endsWith('=-') ? s.slice(0, -1) : s;
  const status = STATUS_OPEN.exec(t);
  // A G line up to its wait reason (or its `(`): read up to the status.
  if (status !== null && t.indexOf(') m=', status.index) < 0) t = t.slice(0, status.index + status[0].length - 1);
  else if (t.endsWith('=')) t = t.slice(0, Math.max(t.lastIndexOf(' '), t.indexOf(':') + 1));
  const head = detailHead(t);
  if (head === null || !freeTextKnown(s)) return false;
  const r = parseDetail(t, head, emptyEvidence());
  // Only what is still to come may be missing (a G line's status reads as `status=` when it is).
  return r.problems.every((p) => p.startsWith('missing ') || p.startsWith('status= ')) && r.value.extra === undefined;
}

/**
 * detailMiddleCut is middleCut for a P, M or G line: the cut c in raw where some cut in `text`
 * leaves the runtime's text a whole prefix of the line; -1 when there is none.
 */
export function detailMiddleCut(raw: string, text: string): number {
  const next = text.charCodeAt(0);
  if (text === '' || next === 9 || (next === 32 && text.charCodeAt(1) === 32)) return -1;
  for (let c = raw.length - 1; c > 2; c--) {
    if (!detailWriteCanFollow(raw, c, next) || !otherLineStarts(raw, c)) continue;
    const kept = raw.slice(0, c);
    if (!detailPrefixHolds(kept)) continue;
    for (let c2 = text.length - 1; c2 >= 1; c2--) {
      if (!otherLineStarts(text, c2)) continue;
      if (detailPrefixHolds(kept + text.slice(0, c2))) return c;
    }
  }
  return -1;
}

/**
 * Whether the free text of a P, M or G line (whole or a prefix) is the runtime's: a G's wait reason
 * and an M's preemptoff are each one write of a string the runtime has (dump-strings.ts), so text
 * there that is none of them is another writer's. Text past the field's end is not looked at.
 */
export function freeTextKnown(line: string): boolean {
  const reason = STATUS_OPEN.exec(line);
  if (reason !== null) {
    const from = reason.index + reason[0].length;
    // Up to `) m=`, or to the end of a prefix that stops after the reason.
    const end = line.indexOf(') m=', from);
    const text = end >= 0 ? line.slice(from, end) : line.slice(from);
    if (!WAIT_REASONS.has(text)) return false;
  }
  const at = line.indexOf(' preemptoff=');
  if (at >= 0) {
    const end = line.indexOf(' locks=', at);
    if (!PREEMPTOFF_VALUES.has(line.slice(at + 12, end < 0 ? line.length : end))) return false;
  }
  return true;
}

/**
 * A gctrace line's shapes, numbers as `#` (gcMarkTermination): the stop-the-world, mark and
 * termination phases of the clock and the cpu's assist/background/idle group, Go 1.18+ adding stacks
 * and globals, Go 1.5's five clock phases (runtime/extern.go of that release), and a leak check's. The lists are
 * matched whole: a number lost in another writer's text leaves a list no release prints.
 */
const GC_SHAPES = [
  'gc # @#s #%: #+#+# ms clock, #+#/#/#+# ms cpu, #->#-># MB, # MB goal, # MB stacks, # MB globals, # P (forced)',
  'gc # @#s #%: #+#+# ms clock, #+#/#/#+# ms cpu, #->#-># MB, # MB goal, # P (forced)',
  'gc # @#s #%: #+#+#+#+# ms clock, #+#+#+#/#/#+# ms cpu, #->#-># MB, # MB goal, # P (forced)',
  `gc # @#s #%${LEAK_CHECK}: #+#+# ms clock, #+#/#/#+# ms cpu, #->#-># MB, # MB goal, # MB stacks, # MB globals, # P (forced)`,
];

function gcShape(s: string): string {
  return s.replace(/\d+(?:\.\d+)?/g, '#');
}

/**
 * Where each shape's writes end: after each number, and after each run of text between numbers, but
 * `%: ` (`%` then `: `) and ` P (forced)` (` P` then ` (forced)`) are two writes each, and `%`, the
 * leak check's words and `: ` three.
 */
const GC_WRITE_ENDS = GC_SHAPES.map((shape) => {
  const ends = new Set<number>();
  let at = 0;
  for (const part of shape.match(/#|[^#]+/g) ?? []) {
    if (part === '%: ') ends.add(at + 1);
    if (part === `%${LEAK_CHECK}: `) {
      ends.add(at + 1);
      ends.add(at + 1 + LEAK_CHECK.length);
    }
    if (part === ' P (forced)') ends.add(at + 2);
    at += part.length;
    ends.add(at);
  }
  return ends;
});

/** Whether s is the beginning of a gctrace line, up to the end of one of the runtime's writes. */
export function gcPrefixHolds(s: string): boolean {
  const shape = gcShape(s);
  return GC_SHAPES.some((whole, i) => whole.startsWith(shape) && GC_WRITE_ENDS[i]!.has(shape.length));
}

/**
 * A cut at raw[c]: another writer's line starts there, and the runtime's text goes on with `next`
 * (-1: not known yet) without splitting a number (each is one write).
 */
function gcCutAt(raw: string, c: number, next: number): boolean {
  const before = raw.charCodeAt(c - 1);
  if ((isDigit(before) || before === 46) && (isDigit(next) || next === 46)) return false;
  return otherLineStarts(raw, c);
}

/** The cut in raw, a gctrace line cut by another writer's, after which `text` makes it whole; -1 when none. */
export function gcWholeCut(raw: string, text: string): number {
  const next = text.charCodeAt(0);
  for (let c = raw.length - 1; c >= 3; c--) {
    if (!gcCutAt(raw, c, next)) continue;
    // parseGcLine lets anything stand between the goal and the Ps: the shape holds the rest.
    const candidate = raw.slice(0, c) + text;
    if (gcPrefixHolds(candidate) && parseGcLine(candidate) !== null) return c;
  }
  return -1;
}

/**
 * middleCut for a gctrace line: the cut in raw where `text` goes on with the line's next writes and
 * ends with another writer's line too; -1 when there is none. A line that starts the first piece
 * has none (gcFirstCut).
 */
export function gcMiddleCut(raw: string, text: string): number {
  const next = text.charCodeAt(0);
  // (Two blanks first: a P, M or G line.)
  if (text === '' || (next === 32 && text.charCodeAt(1) === 32)) return -1;
  for (let c = raw.length - 1; c >= 3; c--) {
    if (!gcCutAt(raw, c, next) || !gcPrefixHolds(raw.slice(0, c))) continue;
    const kept = raw.slice(0, c);
    for (let c2 = text.length - 1; c2 >= 1; c2--) {
      if (gcCutAt(text, c2, -1) && gcPrefixHolds(kept + text.slice(0, c2))) return c;
    }
  }
  return -1;
}

/** Whether a line that starts `gc N @` is a gctrace line cut by another writer's: some beginning of it holds. */
export function gcFirstCut(raw: string): boolean {
  for (let c = raw.length - 1; c >= 3; c--) {
    if (gcCutAt(raw, c, -1) && gcPrefixHolds(raw.slice(0, c))) return true;
  }
  return false;
}

/** A SCHED line made whole across other writers' lines (summaryWholeCut). */
export interface JoinedSummary {
  /** Where in the pieces so far the other writer's text began. */
  cut: number;
  text: string;
  fields: SummaryFields;
  ev: EraEvidence;
}

/**
 * The last piece of a SCHED line cut by other writers' lines: the cut in `raw` (the pieces so far,
 * its head at `head` and its values from `from`) after which `text`, starting with char code `next`,
 * ends it as a whole summary line. Tried from the end back, after a non-digit when `text` starts
 * with a digit (a number is one write) and after a digit when it starts with a blank (writeCanFollow,
 * foreignCanStart). Null when no cut gives a whole line.
 */
export function summaryWholeCut(
  raw: string,
  head: number,
  from: number,
  text: string,
  next: number,
): JoinedSummary | null {
  for (let c = Math.min(raw.length - 1, runtimeTextEnd(raw, from)); c > from; c--) {
    if (!writeCanFollow(raw, c, next) || !foreignCanStart(raw, c)) continue;
    const candidate = raw.slice(0, c) + text;
    const ev = emptyEvidence();
    const f = parseSummary(candidate, head, ev);
    if (f.problems.length > 0 || f.interleaved.length > 0) continue;
    if (f.runqueue === undefined || (f.runq === undefined && f.sysmonwait === undefined)) continue;
    if (f.runq !== undefined && f.gomaxprocs !== undefined && f.runq.length !== f.gomaxprocs) continue;
    if (f.schedticks !== undefined && f.gomaxprocs !== undefined && f.schedticks.length !== f.gomaxprocs) continue;
    if (ev.schedticks && f.schedticks === undefined) continue;
    return { cut: c, text: candidate, fields: f, ev };
  }
  return null;
}

/** A P, M or G line made whole across other writers' lines (detailWholeCut). */
export interface JoinedDetail {
  /** Where in the pieces so far the other writer's text began. */
  cut: number;
  line: ReturnType<typeof parseDetail>;
}

/**
 * The last piece of a P, M or G line cut by another writer's line: the cut in `raw` after which
 * `text`, starting with char code `next`, ends it as a line that reads without a problem, read with
 * the dump's evidence `ev`. After `  P`, `  M` or `  G` the id is a write of its own. The cuts that
 * leave a wait reason and a preemptoff the runtime has come first (another writer's line may start
 * with words too), each pass from the end back. Null when none does.
 */
export function detailWholeCut(raw: string, text: string, next: number, ev: EraEvidence): JoinedDetail | null {
  for (let pass = 0; pass < 2; pass++)
    for (let c = raw.length - 1; c > 2; c--) {
      if (!detailWriteCanFollow(raw, c, next) || !foreignCanStart(raw, c)) continue;
      const candidate = raw.slice(0, c) + text;
      if (pass === 0 && !freeTextKnown(candidate)) continue;
      const head = detailHead(candidate);
      if (head === null) continue;
      if (parseDetail(candidate, head, emptyEvidence()).problems.length > 0) continue;
      const r = parseDetail(candidate, head, ev);
      if (r.problems.length > 0) continue;
      return { cut: c, line: r };
    }
  return null;
}
