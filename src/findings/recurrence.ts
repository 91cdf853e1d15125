import { fmtMs, fmtS } from './check.js';
import type { Finding, FindingKind, Recurrence } from './finding.js';

/** From this many episodes of one kind in a run, each says it is one of them. */
export const RECURRENCE_MIN_EPISODES = 3;

/** Starts this close to their median gap (as a share of it) read as "about every". */
const REGULAR_GAP_SHARE = 0.25;

/** Kinds of which a run has one by nature (its end, its start): a loop of them is loops.ts's. */
const ONE_PER_RUN: ReadonlySet<FindingKind> = new Set(['crash-dump', 'restart']);

/**
 * A run's episodes of one kind, three or more: an hour of production shows the same condition at
 * every busy phase, and a headline that names one of them as if it were all should say that it
 * comes back, over which span, covering how much of it, and how regularly. `fs` are the run's kept
 * findings; `omitted` the episodes its runner counted past the cap, which have no times.
 */
export function noteRecurrence(fs: readonly Finding[], omitted: Partial<Record<FindingKind, number>>): void {
  // Most runs have fewer findings than that, and none counted past the cap.
  if (fs.length < RECURRENCE_MIN_EPISODES && Object.keys(omitted).length === 0) return;
  const byKind = new Map<FindingKind, Finding[]>();
  for (const f of fs) {
    if (ONE_PER_RUN.has(f.kind) || f.tMs === null || f.tEndMs === null) continue;
    const list = byKind.get(f.kind);
    if (list === undefined) byKind.set(f.kind, [f]);
    else list.push(f);
  }
  for (const [kind, list] of byKind) {
    const episodes = list.length + (omitted[kind] ?? 0);
    if (episodes < RECURRENCE_MIN_EPISODES) continue;
    const r = recurrenceOf(list, episodes);
    for (const f of list) f.recurrence = r;
  }
}

function recurrenceOf(list: readonly Finding[], episodes: number): Recurrence {
  const spans = list.map((f) => [f.tMs!, f.tEndMs!] as const).sort((a, b) => a[0] - b[0]);
  let coveredMs = 0;
  let [from, to] = spans[0]!;
  const first = from;
  let last = to;
  for (const [a, b] of spans) {
    last = Math.max(last, b);
    if (a > to) {
      coveredMs += to - from;
      from = a;
      to = b;
    } else to = Math.max(to, b);
  }
  coveredMs += to - from;
  const gaps: number[] = [];
  for (let i = 1; i < spans.length; i++) gaps.push(spans[i]![0] - spans[i - 1]![0]);
  gaps.sort((a, b) => a - b);
  const median = gaps[gaps.length >> 1]!;
  const regular =
    gaps.length >= RECURRENCE_MIN_EPISODES - 1 &&
    median > 0 &&
    gaps.every((g) => Math.abs(g - median) <= REGULAR_GAP_SHARE * median);
  return { episodes, timed: list.length, fromMs: first, toMs: last, coveredMs, everyMs: regular ? median : null };
}

/** The sentence a recurring episode's words end with. */
export function recurrenceWords(kind: FindingKind, r: Recurrence): string {
  const of = r.timed < r.episodes ? ` (times of the first ${r.timed})` : '';
  const every = r.everyMs === null ? '' : `, one starting about every ${fmtS(r.everyMs)}`;
  // Episodes of one dump each (an overflow seen once) last no time a dump can measure.
  const covered =
    r.coveredMs > 0
      ? `, together ${r.coveredMs < 1000 ? fmtMs(r.coveredMs) : fmtS(r.coveredMs)} of those ${fmtS(r.toMs - r.fromMs)}`
      : ', each seen at a single dump';
  return `This is one of ${r.episodes} ${kind} episodes in this run, from ${fmtS(r.fromMs)} to ${fmtS(r.toMs)}${of}${covered}${every}: the condition comes back, it is not a one-off.`;
}
