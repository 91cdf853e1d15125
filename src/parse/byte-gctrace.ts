import type { GcCycle } from '../trace/gc-sample.js';
import { ascii, ByteCursor } from './byte-cursor.js';

/**
 * The byte scanner for a gctrace line as the runtime prints it (runtime/mgc.go gcMarkTermination;
 * the grammar is in gctrace-line.ts):
 *   gc 3 @0.010s 12%: 1.2+3.2+0.004 ms clock, 2.5+1.0/4.0/0+0.008 ms cpu, 12->15->10 MB, 14 MB goal, 0 MB stacks, 0 MB globals, 8 P (forced)
 * It takes only lines of that exact shape, plain ASCII with no `S` (so no SCHED head and no
 * envelope can hide in one), and makes the cycle parseGcLine makes of them; anything else returns
 * null and the line goes to the string readers.
 */

const c = new ByteCursor();
const GC = ascii('gc ');
const AT = ascii(' @');
const S_SPACE = ascii('s ');
const PERCENT = ascii('%: ');
const CLOCK = ascii(' ms clock, ');
const CPU = ascii(' ms cpu, ');
const ARROW = ascii('->');
const MB = ascii(' MB, ');
const GOAL = ascii(' MB goal,');
const FORCED = ascii(' (forced)');
/** Digits a number may have in all (integer and fraction): below 2^53, so exact. */
const MAX_DIGITS = 15;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * `\d+(\.\d+)?` at the cursor as a number, or NaN. The digits as one integer divided by a power of
 * ten: both exact, so the one rounding of the division gives what Number() gives for the text.
 */
function num(): number {
  const b = c.b;
  let i = c.i;
  const stop = c.stop;
  let m = 0;
  let digits = 0;
  let d = 0;
  while (i < stop && (d = b[i]! - 48) >= 0 && d <= 9) {
    m = m * 10 + d;
    i++;
    digits++;
  }
  if (digits === 0) return Number.NaN;
  let frac = 0;
  if (i + 1 < stop && b[i] === 46 && (d = b[i + 1]! - 48) >= 0 && d <= 9) {
    i++;
    while (i < stop && (d = b[i]! - 48) >= 0 && d <= 9) {
      m = m * 10 + d;
      i++;
      frac++;
    }
  }
  if (digits + frac > MAX_DIGITS) return Number.NaN;
  c.i = i;
  return frac === 0 ? m : m / POW10[frac]!;
}

/**
 * Numbers joined by `sep`, into out[0, count); the count, or -1. Written by index, never emptied:
 * an emptied array gives up its store and regrows it, line after line.
 */
function list(sep: number, out: number[]): number {
  let n = 0;
  for (;;) {
    const v = num();
    if (Number.isNaN(v)) return -1;
    out[n++] = v;
    if (c.b[c.i] !== sep || c.i >= c.stop) return n;
    c.i++;
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

/** The cycle of a gctrace line, or null; the object is reused by the next call (copy it to keep it). */
export function scanGcLine(b: Uint8Array, start: number, end: number): GcCycle | null {
  c.at(b, start, end);
  if (!c.lit(GC)) return null;
  const cycle = c.uint(MAX_DIGITS);
  if (cycle < 0 || !c.lit(AT)) return null;
  const at = num();
  if (Number.isNaN(at) || !c.lit(S_SPACE)) return null;
  const cpuPercent = num();
  if (Number.isNaN(cpuPercent) || !c.lit(PERCENT)) return null;
  const phases = list(43 /* + */, clock);
  if (phases < 3 || !c.lit(CLOCK)) return null;
  // CPU: phases joined by +, the first that holds a / is assist/background/idle.
  let assist = 0;
  let background = 0;
  let idle = 0;
  let found = false;
  for (;;) {
    const n = list(47 /* / */, group);
    if (n < 0 || (n !== 1 && n !== 3)) return null;
    if (n === 3 && !found) {
      found = true;
      assist = group[0]!;
      background = group[1]!;
      idle = group[2]!;
    }
    if (b[c.i] !== 43 || c.i >= end) break;
    c.i++;
  }
  if (!c.lit(CPU)) return null;
  const heapStart = num();
  if (Number.isNaN(heapStart) || !c.lit(ARROW)) return null;
  const heapEnd = num();
  if (Number.isNaN(heapEnd) || !c.lit(ARROW)) return null;
  const heapLive = num();
  if (Number.isNaN(heapLive) || !c.lit(MB)) return null;
  const goal = num();
  if (Number.isNaN(goal) || !c.lit(GOAL)) return null;
  const middle = c.i;
  // The end: ` <n> P`, then ` (forced)`, then blanks.
  let e = end;
  while (e > middle && b[e - 1] === 32) e--;
  let forced = false;
  if (e - FORCED.length >= middle) {
    c.i = e - FORCED.length;
    if (c.lit(FORCED)) {
      forced = true;
      e -= FORCED.length;
    }
  }
  if (e - 3 < middle || b[e - 1] !== 80 /* P */ || b[e - 2] !== 32) return null;
  let d = e - 2;
  while (d > middle && b[d - 1]! >= 48 && b[d - 1]! <= 57) d--;
  if (d === e - 2 || d - 1 < middle || b[d - 1] !== 32 || e - 2 - d > MAX_DIGITS) return null;
  // Plain ASCII, no S and no | (no SCHED head, no compose or kubectl prefix): else the string readers.
  // What was read above is digits and the literals, none of them such a byte: only the text
  // skipped between the goal and the P count is left to look at.
  for (let i = middle; i < d; i++) {
    const x = b[i]!;
    if (x < 32 || x > 126 || x === 83 || x === 124) return null;
  }
  c.i = d;
  const procs = c.uint(MAX_DIGITS);
  let markMs = 0;
  for (let k = 1; k < phases - 1; k++) markMs += clock[k]!;
  out.cycle = cycle;
  out.atMs = Math.round(at * 1000);
  out.cpuPercent = cpuPercent;
  out.stwStartMs = clock[0]!;
  out.markMs = markMs;
  out.stwEndMs = clock[phases - 1]!;
  out.assistCpuMs = assist;
  out.backgroundCpuMs = background;
  out.idleCpuMs = idle;
  out.heapStartMB = heapStart;
  out.heapEndMB = heapEnd;
  out.heapLiveMB = heapLive;
  out.heapGoalMB = goal;
  out.procs = procs;
  out.forced = forced;
  return out;
}
