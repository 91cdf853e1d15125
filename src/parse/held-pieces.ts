import { CRASH_TEXT } from './crash-text.js';
import { isDateAt, isDigit, LIST_KEY, readKeyValues } from './key-values.js';
import type { PayloadLine } from './payload-line.js';
import { findHead, looksLikeFragment, summaryKeys } from './summary-line.js';

/**
 * What a stream parser holds while another writer's lines cut one of the runtime's: the pieces read
 * so far and the bounds on how long they wait. Where a cut can be is spliced-writes.ts.
 */

/** Another writer's text cut out of a line of the runtime's, with the line it ended. */
export interface CutText {
  text: string;
  line: number;
}

/** A line of the runtime's cut by other writers' lines, waiting for its next piece. */
export interface CutLine {
  /** Other writers' text cut out of it so far. */
  cuts: CutText[];
  /** The line of the last piece joined. */
  lastLine: number;
  /** Lines read since the last piece. */
  waited: number;
}

/** A gctrace line cut by another writer's line (its pieces counted as foreign until it is whole). */
export interface CutGc extends CutLine {
  text: string;
  line: number;
  physicalLines: number;
}

/** A P, M or G line that did not read, held for the next line to go on with it (spliceDetail). */
export interface HeldDetail extends CutLine {
  l: PayloadLine;
  problems: string[];
}

export interface HeadCut {
  /** The time's digits when they came before the other writer's text, else ''. */
  digits: string;
  /** Text before `SCHED ` on that line, and the other writer's text after the head. */
  before: string;
  foreign: string;
  line: number;
  /** The physical lines of the head's pieces. */
  physicalLines: number;
  /** The line the head's next piece must be on: the next, or the next after other writers' whole lines. */
  nextLine: number;
  /** Whole lines of other output read since the cut (they stay foreign). */
  skipped?: number;
  wallTime?: string;
  /** A second writer's text after the time's digits, on the line after the first (headTimeCut). */
  timeCut?: { foreign: string; line: number };
}

/** A line a byte reader may take whole: a SCHED line, a gctrace line, a P, M or G line. */
export const RUNTIME_LINE_START = /^(SCHED |gc | {2})/;

/** The first write of a gctrace line (`gc `; the cycle's digits and ` @` are writes of their own). */
export const GC_PIECE_HEAD = /^gc /;

/** The rest of a SCHED head on a line of its own: the time's digits (if not on the line before) and `ms: `. */
export const HEAD_REST = /^(\d*)ms: gomaxprocs=/;

/** A foreign line that ends a SCHED head cut short (`SCHED ` and maybe the time, then other text), or null. */
export function headCutOf(l: PayloadLine): HeadCut | null {
  const text = l.text;
  const at = text.lastIndexOf('SCHED ');
  if (at < 0) return null;
  let i = at + 6;
  while (isDigit(text.charCodeAt(i))) i++;
  let digits = text.slice(at + 6, i);
  // The other writer's text may start with a date: its year is not the time's.
  if (digits.length >= 4 && isDateAt(text, i)) digits = digits.slice(0, -4);
  const foreign = text.slice(at + 6 + digits.length);
  if (foreign === '' || foreign.startsWith('ms:')) return null;
  const cut: HeadCut = {
    digits,
    before: text.slice(0, at),
    foreign,
    line: l.line,
    physicalLines: l.physicalLines,
    nextLine: l.line + l.physicalLines,
  };
  if (l.wallTime !== undefined) cut.wallTime = l.wallTime;
  return cut;
}

/**
 * At most this many pieces of one SCHED line are joined across other writers' lines: a summary line
 * is about 2 × GOMAXPROCS + 12 writes, but each cut needs a whole line from another thread between
 * two of them, and a dump still open after so many is more likely cut short for good.
 */
export const MAX_SUMMARY_PIECES = 16;

/**
 * Whole lines of other output between two of the runtime's writes that a dump, or a SCHED, P, M or
 * G line cut by another writer, waits through for its next piece: the thread printing the dump (sysmon)
 * may wait for a CPU between two writes while the program's threads log on (logstorm at 4 Ps on 2
 * CPUs: 400 lines between `m=-` and `1` of one P line). A dump followed by more was most likely over
 * at the first of them.
 */
export const MAX_LINES_BETWEEN_WRITES = 1000;

/**
 * A line that only another writer prints: no SCHED head (whole or cut), gctrace line, crash text,
 * piece of a detail line (a blank first) or fragment of a summary line.
 */
export function isPlainOutput(text: string): boolean {
  const c = text.charCodeAt(0);
  if (text === '' || c === 32 || c === 9) return false;
  return !text.includes('SCHED ') && !text.includes('gc ') && !CRASH_TEXT.test(text) && !looksLikeFragment(text);
}

/** `  P`, `  M` or `  G` and maybe the id, then other text: a detail line's head cut by another writer. */
export const DETAIL_HEAD_CUT = /^ {2}[PMG]\d*[^\d:]/;

/** A summary value as the runtime prints it: a number or a flag (nothing, when the line wraps after `=`). */
const VALUE_TEXT = /^(\d*|true|false)$/;

/** A per-P or schedticks list, whole or open: brackets, blanks and numbers only. */
const LIST_TEXT = /^\[[\d ]*\]?$/;

/** The rest of a wrapped summary line: nothing but summary keys and lists. */
export function isContinuation(text: string): boolean {
  const t = text.trim();
  if (t === '' || findHead(t) >= 0) return false;
  const kvs = readKeyValues(t);
  // A list left open takes the rest of the line: it holds numbers only, or other output followed;
  // so does a value that goes on past its digits or flag (`gcwaiting=02026/12/06 …`).
  return kvs.every(
    (kv) =>
      (kv.key === LIST_KEY || summaryKeys.has(kv.key)) &&
      (kv.value.charCodeAt(0) === 91 ? LIST_TEXT.test(kv.value) : VALUE_TEXT.test(kv.value)),
  );
}

/**
 * Where a second whole SCHED head starts in a line that begins with one cut short before its per-P
 * list (`… spinningthrSCHED 0ms: gomaxprocs=2 …`); -1 when there is none.
 */
export function gluedHead(text: string): number {
  const at = findHead(text, 1);
  if (at < 0 || !text.startsWith('gomaxprocs=', text.indexOf('ms: ', at) + 4)) return -1;
  const before = text.slice(0, at);
  // The first must be cut short: a whole summary line has its per-P list (or, detailed, its flags).
  return before.includes('[') || before.includes('sysmonwait=') ? -1 : at;
}
