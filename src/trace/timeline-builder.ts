import { emptyMStateCounts, laterEra, pColumn, type GDetail, type MStateCounts, type Snapshot } from './snapshot.js';
import type { TrailingGc } from './gc-sample.js';
import { runEndLine } from './run-end-line.js';
import { firstWentBack, gStatusName, uint32Delta, type RunTimeline, type TimelinePoint } from './timeline.js';

/**
 * Per-P deltas of a uint32 counter between two points with the same P count; undefined otherwise.
 * A packed array of small integers, as the batch rows' (batch-rows.ts).
 */
function deltas(prev: number[] | undefined, next: number[] | undefined): number[] | undefined {
  if (prev === undefined || next === undefined || prev.length !== next.length) return undefined;
  // A counter that went back is no count of anything (invariant-violation says so).
  if (firstWentBack(prev, next) >= 0) return undefined;
  const out: number[] = [];
  for (let i = 0; i < next.length; i++) out.push(uint32Delta(prev[i]!, next[i]!));
  return out;
}

function countMs(s: Snapshot): MStateCounts | undefined {
  const d = s.detail;
  if (d === undefined) return undefined;
  const ms = d.m;
  // M lines the parser counted (SnapshotDetail.mCounts), and those it kept as records.
  if (ms.length === 0) return d.mCounts;
  // A copy: the snapshot's own counts stay what the parser read, however often it is built.
  const c: MStateCounts = d.mCounts !== undefined ? { ...d.mCounts } : emptyMStateCounts();
  c.total += ms.length;
  for (const m of ms) {
    if (m.curg !== null) c.running++;
    if (m.spinning) c.spinning++;
    if (m.blocked) c.blocked++;
    if (m.p !== null) c.withP++;
    if (m.lockedg !== null) c.locked++;
    if (m.preemptoff !== '' && c.preemptoff === undefined) c.preemptoff = m.preemptoff;
  }
  return c;
}

/** Scratch counts by G status for countStatuses (zeroed again after each use). */
const statusCounts = new Int32Array(64);

/** G count by status name, names in order of first appearance; `status(i)` is the i-th G's status. */
function countStatuses(n: number, status: (i: number) => number): Record<string, number> {
  const order: number[] = [];
  let i = 0;
  for (; i < n; i++) {
    const st = status(i);
    if (!(st >= 0 && st < 64)) break;
    const c = statusCounts[st]!;
    statusCounts[st] = c + 1;
    if (c === 0) order.push(st);
  }
  const byStatus: Record<string, number> = {};
  for (const st of order) {
    byStatus[gStatusName(st)] = statusCounts[st]!;
    statusCounts[st] = 0;
  }
  // A status outside the table's range: count the rest one by one (the names keep their order).
  for (; i < n; i++) {
    const st = status(i);
    const name = gStatusName(st);
    byStatus[name] = (byStatus[name] ?? 0) + 1;
  }
  return byStatus;
}

/** Waiting Gs by wait reason, as GTally.byReason counts them. */
export function countReasons(gs: readonly GDetail[]): Record<string, number> {
  const byReason: Record<string, number> = {};
  for (let i = 0; i < gs.length; i++) {
    const g = gs[i]!;
    if (g.status === 4) tallyReason(byReason, g.waitReason);
  }
  return byReason;
}

/** `n` more waiting Gs with this wait reason. */
export function tallyReason(byReason: Record<string, number>, waitReason: string, n = 1): void {
  const reason = waitReason === '' ? '(none)' : waitReason;
  byReason[reason] = (byReason[reason] ?? 0) + n;
}

/**
 * A point with every field of TimelinePoint present, the absent ones undefined, in the order
 * toTimelinePoint has always set them (so JSON prints them in the same order). Every point then has
 * one object shape, and the checks' reads of a point stay monomorphic: a log that mixes plain dumps
 * with crash dumps or exit texts made a shape per combination of optional fields.
 */
export function emptyTimelinePoint(): TimelinePoint {
  return {
    line: 0,
    endLine: undefined,
    tMs: null,
    gomaxprocs: 0,
    idleprocs: 0,
    threads: 0,
    spinningthreads: null,
    needspinning: null,
    idlethreads: 0,
    runqueue: 0,
    runq: [],
    wallTime: undefined,
    schedticks: undefined,
    schedtickDelta: undefined,
    syscallticks: undefined,
    syscalltickDelta: undefined,
    pStatus: undefined,
    mCounts: undefined,
    gByStatus: undefined,
    gByReason: undefined,
    gcwaiting: undefined,
    stopwait: undefined,
    nmidlelocked: undefined,
    crash: undefined,
    truncated: undefined,
    exitText: undefined,
    priorOutput: undefined,
    beside: undefined,
    gc: undefined,
  };
}

/** One snapshot as a timeline point; `prev` is the previous point of the same run. */
export function toTimelinePoint(s: Snapshot, prev?: TimelinePoint): TimelinePoint {
  const pt = emptyTimelinePoint();
  pt.line = s.line;
  pt.endLine = s.endLine;
  pt.tMs = s.tMs;
  pt.gomaxprocs = s.gomaxprocs;
  pt.idleprocs = s.idleprocs;
  pt.threads = s.threads;
  pt.spinningthreads = s.spinningthreads ?? null;
  pt.needspinning = s.needspinning ?? null;
  pt.idlethreads = s.idlethreads;
  pt.runqueue = s.runqueue;
  pt.runq = s.runq;
  pt.wallTime = s.wallTime;
  const d = s.detail;
  const schedticks = s.schedticks ?? (d && d.p.length > 0 ? pColumn(d.p, 'schedtick') : undefined);
  if (schedticks !== undefined) {
    pt.schedticks = schedticks;
    pt.schedtickDelta = deltas(prev?.schedticks, schedticks);
  }
  if (d !== undefined) {
    if (d.p.length > 0) {
      pt.syscallticks = pColumn(d.p, 'syscalltick');
      pt.syscalltickDelta = deltas(prev?.syscallticks, pt.syscallticks);
      pt.pStatus = pColumn(d.p, 'status');
    }
    pt.mCounts = countMs(s);
    const counts = d.gCounts;
    const tally = d.gTally;
    if (counts !== undefined) {
      pt.gByStatus = counts.byStatus;
      pt.gByReason = counts.byReason;
    } else if (tally !== undefined) {
      const sts = tally.statuses;
      pt.gByStatus = countStatuses(sts.length, (i) => sts[i]!);
      pt.gByReason = tally.byReason;
    } else {
      const gs = d.g;
      pt.gByStatus = countStatuses(gs.length, (i) => gs[i]!.status);
      pt.gByReason = countReasons(gs);
    }
  }
  pt.gcwaiting = s.gcwaiting;
  pt.stopwait = s.stopwait;
  pt.nmidlelocked = s.nmidlelocked;
  if (s.crash) pt.crash = true;
  if (s.truncated) pt.truncated = true;
  pt.exitText = s.exitText;
  pt.priorOutput = s.priorOutput;
  pt.beside = s.beside;
  pt.gc = s.gc;
  return pt;
}

function newHead(s: Snapshot): RunHead {
  return {
    stream: s.stream,
    run: s.run,
    era: s.era,
    firstLine: s.line,
    lastLine: s.line,
    gomaxprocsValues: [],
    detail: false,
  };
}

function newTimeline(s: Snapshot): RunTimeline {
  return { ...newHead(s), points: [] };
}

/** The head's fields that follow the run's snapshots (last line, era, GOMAXPROCS values, detail). */
function extendHead(tl: RunHead, s: Snapshot): void {
  tl.lastLine = runEndLine(tl.lastLine, s);
  tl.era = laterEra(tl.era, s.era);
  if (tl.gomaxprocsValues[tl.gomaxprocsValues.length - 1] !== s.gomaxprocs) tl.gomaxprocsValues.push(s.gomaxprocs);
  if (s.detail !== undefined) tl.detail = true;
}

function extend(tl: RunTimeline, s: Snapshot): TimelinePoint {
  const pt = toTimelinePoint(s, tl.points[tl.points.length - 1]);
  tl.points.push(pt);
  extendHead(tl, s);
  return pt;
}

/** Accumulates snapshots into per-stream, per-run timelines, in order of first appearance. */
export class TimelineBuilder {
  private readonly runs = new Map<string, RunTimeline>();

  add(s: Snapshot): TimelinePoint {
    const key = `${s.run}\u0000${s.stream}`;
    let tl = this.runs.get(key);
    if (tl === undefined) {
      tl = newTimeline(s);
      this.runs.set(key, tl);
    }
    return extend(tl, s);
  }

  /** Cycles a run printed after its last dump (ParserCallbacks.onTrailingGc). */
  addTrailingGc(t: TrailingGc): void {
    const tl = this.runs.get(`${t.run}\u0000${t.stream}`);
    if (tl === undefined) return;
    tl.trailingGc = { gc: t.gc, line: t.line };
    tl.lastLine = runEndLine(tl.lastLine, t);
  }

  timelines(): RunTimeline[] {
    return [...this.runs.values()];
  }
}

/** A run as the point stream knows it while it is open: everything of its timeline but the points. */
export type RunHead = Omit<RunTimeline, 'points'>;

export interface RunPointHooks<S> {
  /** A run's first snapshot: `seq` numbers the runs in the order they first appeared. */
  start(head: RunHead, seq: number): S;
  point(state: S, pt: TimelinePoint, head: RunHead): void;
  /** The run is over (its stream restarted, the parser released the stream, or the input ended). */
  end(state: S, head: RunHead): void;
}

/**
 * Snapshots made into timeline points one at a time, per stream: memory holds each stream's open run
 * head and its last point (which the next point's deltas need), not the run. `replay` and
 * `check --min-skill` stream through it; TimelineBuilder holds whole runs.
 */
export class RunPointStream<S> {
  private readonly open = new Map<string, { head: RunHead; last: TimelinePoint | undefined; seq: number; state: S }>();
  private nextSeq = 0;

  constructor(private readonly hooks: RunPointHooks<S>) {}

  add(s: Snapshot): TimelinePoint {
    let o = this.open.get(s.stream);
    if (o !== undefined && o.head.run !== s.run) {
      this.open.delete(s.stream);
      this.hooks.end(o.state, o.head);
      o = undefined;
    }
    if (o === undefined) {
      const head = newHead(s);
      const seq = this.nextSeq++;
      o = { head, last: undefined, seq, state: this.hooks.start(head, seq) };
      this.open.set(s.stream, o);
    }
    const pt = toTimelinePoint(s, o.last);
    o.last = pt;
    extendHead(o.head, s);
    this.hooks.point(o.state, pt, o.head);
    return pt;
  }

  /** The stream's open run is over (the parser released the stream). */
  release(stream: string): void {
    const o = this.open.get(stream);
    if (o === undefined) return;
    this.open.delete(stream);
    this.hooks.end(o.state, o.head);
  }

  /** Ends every run still open, in the order they first appeared. */
  end(): void {
    const rest = [...this.open.values()].sort((a, b) => a.seq - b.seq);
    this.open.clear();
    for (const o of rest) this.hooks.end(o.state, o.head);
  }
}

/** Timelines of parsed snapshots, with the cycles runs printed after their last dump (ParseResult.trailingGc). */
export function buildTimelines(snapshots: Iterable<Snapshot>, trailingGc: Iterable<TrailingGc> = []): RunTimeline[] {
  const b = new TimelineBuilder();
  for (const s of snapshots) b.add(s);
  for (const t of trailingGc) b.addTrailingGc(t);
  return b.timelines();
}
