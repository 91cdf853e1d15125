import type { GcCycle } from '../trace/gc-sample.js';
import { ascii } from './byte-cursor.js';
import { LEAK_CHECK } from './gctrace-line.js';

/**
 * The byte scanner for a gctrace line as the runtime prints it (runtime/mgc.go gcMarkTermination;
 * the grammar is in gctrace-line.ts):
 *   gc 3 @0.010s 12%: 1.2+3.2+0.004 ms clock, 2.5+1.0/4.0/0+0.008 ms cpu, 12->15->10 MB, 14 MB goal, 0 MB stacks, 0 MB globals, 8 P (forced)
 * (with ` (checking for goroutine leaks)` before the colon on a goroutineleak profile's cycle). It takes only lines of that exact shape, plain ASCII with no `S` (so no SCHED head and no
 * envelope can hide in one), and makes the cycle parseGcLine makes of them; anything else returns
 * null and the line goes to the string readers.
 *
 * Written with a local position and small readers that V8 inlines (no cursor object): a many-run
 * log holds a gctrace line for every three or four SCHED lines.
 */

const CLOCK = ascii(' ms clock, ');
const CPU = ascii(' ms cpu, ');
const MB = ascii(' MB, ');
const GOAL = ascii(' MB goal,');
const FORCED = ascii(' (forced)');
const LEAK_CHECK_BYTES = ascii(LEAK_CHECK);
/** Digits a number may have in all (integer and fraction): below 2^53, so exact. */
const MAX_DIGITS = 15;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** Where the last `num` or `list` read stopped. */
let pos = 0;

/** Digits after the point of the last number `num` read (0: an integer). */
let fractionDigits = 0;

/**
 * `\d+(\.\d+)?` at b[i] as a number (pos: where it ends), or NaN. The digits as one integer divided
 * by a power of ten: both exact, so the one rounding of the division gives what Number() gives for
 * the text.
 */
function num(b: Uint8Array, i: number, stop: number): number {
  const from = i;
  let m = 0;
  let d = 0;
  while (i < stop && (d = b[i]! - 48) >= 0 && d <= 9) {
    m = m * 10 + d;
    i++;
  }
  if (i === from) return Number.NaN;
  let frac = 0;
  if (i + 1 < stop && b[i] === 46 && (d = b[i + 1]! - 48) >= 0 && d <= 9) {
    const dot = ++i;
    while (i < stop && (d = b[i]! - 48) >= 0 && d <= 9) {
      m = m * 10 + d;
      i++;
    }
    frac = i - dot;
  }
  if (i - from - (frac > 0 ? 1 : 0) > MAX_DIGITS) return Number.NaN;
  pos = i;
  fractionDigits = frac;
  return frac === 0 ? m : m / POW10[frac]!;
}

/** The key's bytes at b[i], before `stop`. */
function lit(b: Uint8Array, i: number, stop: number, key: Uint8Array): boolean {
  const n = key.length;
  if (i + n > stop) return false;
  for (let k = 0; k < n; k++) if (b[i + k] !== key[k]) return false;
  return true;
}

/**
 * Numbers joined by `sep` at b[i], into out[0, count) (pos: where they end); the count, or -1.
 * Written by index, never emptied: an emptied array gives up its store and regrows it, line after line.
 */
function list(b: Uint8Array, i: number, stop: number, sep: number, out: number[]): number {
  let n = 0;
  for (;;) {
    const v = num(b, i, stop);
    if (Number.isNaN(v)) return -1;
    out[n++] = v;
    i = pos;
    if (i >= stop || b[i] !== sep) return n;
    i++;
  }
}

const clock: number[] = [];
const group: number[] = [];

/** The cycle scanGcLine returns, reused from line to line (a log may hold millions of cycles). */
const out: GcCycle = {
  cycle: 0,
  atMs: 0,
  cpuPercent: 0,
  stwStartMs: 0,
  markMs: 0,
  stwEndMs: 0,
  stwCpuMs: 0,
  assistCpuMs: 0,
  backgroundCpuMs: 0,
  idleCpuMs: 0,
  heapStartMB: 0,
  heapEndMB: 0,
  heapLiveMB: 0,
  heapGoalMB: 0,
  procs: 0,
  forced: false,
};

/** Where the line scanGcLine or gcLineCycle read last ends: its LF, or the limit when it has none. */
export let gcLineEnd = 0;

/**
 * The cycle of the gctrace line at b[start], which ends at its first LF before `limit` (gcLineEnd),
 * less one CR before it; or null. The object is reused by the next call (copy it to keep it).
 */
export function scanGcLine(b: Uint8Array, start: number, limit: number): GcCycle | null {
  const phases = readGcLine(b, start, limit);
  if (phases < 0) return null;
  let markMs = 0;
  for (let k = 1; k < phases - 1; k++) markMs += clock[k]!;
  out.atMs = Math.round(out.atMs * 1000);
  out.stwStartMs = clock[0]!;
  out.markMs = markMs;
  out.stwEndMs = clock[phases - 1]!;
  return out;
}

/**
 * The cycle number of the line at b[start] when scanGcLine takes it (gcLineEnd: where it ends),
 * without its cycle's sums; -1 when it does not.
 */
export function gcLineCycle(b: Uint8Array, start: number, limit: number): number {
  return readGcLine(b, start, limit) >= 0 ? out.cycle : -1;
}

/**
 * Reads the gctrace line at b[start] into `out` (the time in seconds as printed) and `clock` (its
 * wall-clock phases); the number of phases, or -1 when it is no such line. It finds the LF itself,
 * past the goal, where it looks at every byte anyway.
 */
function readGcLine(b: Uint8Array, start: number, limit: number): number {
  // No field before the goal holds a LF, a CR or a byte past the line's end (undefined): every
  // literal and digit test fails there, so up to the goal, `limit` bounds the reads as well as the
  // line's end would.
  let end = limit;
  // `gc <cycle> @`
  if (start + 3 > end || b[start] !== 103 || b[start + 1] !== 99 || b[start + 2] !== 32) return -1;
  const cycle = num(b, start + 3, end);
  let i = pos;
  if (Number.isNaN(cycle) || fractionDigits > 0 || i + 2 > end || b[i] !== 32 || b[i + 1] !== 64) return -1;
  const at = num(b, i + 2, end);
  i = pos;
  if (Number.isNaN(at) || i + 2 > end || b[i] !== 115 || b[i + 1] !== 32) return -1;
  const cpuPercent = num(b, i + 2, end);
  i = pos;
  if (Number.isNaN(cpuPercent) || i >= end || b[i] !== 37) return -1;
  i++;
  if (b[i] === 32 && lit(b, i, end, LEAK_CHECK_BYTES)) i += LEAK_CHECK_BYTES.length;
  if (i + 2 > end || b[i] !== 58 || b[i + 1] !== 32) return -1;
  const phases = list(b, i + 2, end, 43 /* + */, clock);
  i = pos;
  if (phases < 3 || !lit(b, i, end, CLOCK)) return -1;
  i += CLOCK.length;
  // CPU: phases joined by +, the first that holds a / is assist/background/idle; the first and
  // the last are the stop-the-world ones (a group there counts as none, as in parseGcLine).
  let assist = 0;
  let background = 0;
  let idle = 0;
  let found = false;
  let stwFirst = 0;
  let stwLast = 0;
  for (let g = 0; ; g++) {
    const n = list(b, i, end, 47 /* / */, group);
    if (n !== 1 && n !== 3) return -1;
    i = pos;
    if (n === 3 && !found) {
      found = true;
      assist = group[0]!;
      background = group[1]!;
      idle = group[2]!;
    }
    stwLast = n === 1 ? group[0]! : 0;
    if (g === 0) stwFirst = stwLast;
    if (i >= end || b[i] !== 43) {
      if (g === 0) stwLast = 0;
      break;
    }
    i++;
  }
  if (!lit(b, i, end, CPU)) return -1;
  const heapStart = num(b, i + CPU.length, end);
  i = pos;
  if (Number.isNaN(heapStart) || i + 2 > end || b[i] !== 45 || b[i + 1] !== 62) return -1;
  const heapEnd = num(b, i + 2, end);
  i = pos;
  if (Number.isNaN(heapEnd) || i + 2 > end || b[i] !== 45 || b[i + 1] !== 62) return -1;
  const heapLive = num(b, i + 2, end);
  i = pos;
  if (Number.isNaN(heapLive) || !lit(b, i, end, MB)) return -1;
  const goal = num(b, i + MB.length, end);
  i = pos;
  if (Number.isNaN(goal) || !lit(b, i, end, GOAL)) return -1;
  const middle = i + GOAL.length;
  // The first byte past the goal that may not be in a gctrace line (plain ASCII, no S and no |: no
  // SCHED head, no compose or kubectl prefix, else the string readers), mostly the line's CR or LF;
  // then the LF.
  let k = middle;
  while (k < limit) {
    const x = b[k]!;
    if (x < 32 || x > 126 || x === 83 || x === 124) break;
    k++;
  }
  const bad = k;
  while (k < limit && b[k] !== 10) k++;
  gcLineEnd = k;
  end = k > middle && b[k - 1] === 13 ? k - 1 : k;
  // The end: ` <n> P`, then ` (forced)`, then blanks.
  let e = end;
  while (e > middle && b[e - 1] === 32) e--;
  let forced = false;
  if (e - FORCED.length >= middle && lit(b, e - FORCED.length, e, FORCED)) {
    forced = true;
    e -= FORCED.length;
  }
  if (e - 3 < middle || b[e - 1] !== 80 /* P */ || b[e - 2] !== 32) return -1;
  let p = e - 2;
  while (p > middle && b[p - 1]! >= 48 && b[p - 1]! <= 57) p--;
  if (p === e - 2 || p - 1 < middle || b[p - 1] !== 32 || e - 2 - p > MAX_DIGITS) return -1;
  // What was read before the goal is digits and the literals, none of them such a byte, and so is
  // what was read from the end: only the text skipped between the goal and the P count may hold one.
  if (bad < p) return -1;
  out.cycle = cycle;
  out.atMs = at;
  out.cpuPercent = cpuPercent;
  out.stwCpuMs = stwFirst + stwLast;
  out.assistCpuMs = assist;
  out.backgroundCpuMs = background;
  out.idleCpuMs = idle;
  out.heapStartMB = heapStart;
  out.heapEndMB = heapEnd;
  out.heapLiveMB = heapLive;
  out.heapGoalMB = goal;
  // Digits only, as the loop above found.
  out.procs = num(b, p, e);
  out.forced = forced;
  return phases;
}
