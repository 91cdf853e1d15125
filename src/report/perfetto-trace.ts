/**
 * Chrome/Perfetto trace-event JSON (the "Trace Event Format": a `traceEvents` array of events with
 * `ph` C counter, i instant, X complete slice, M metadata; `pid`/`tid` integers; `ts`/`dur` in µs),
 * which ui.perfetto.dev and chrome://tracing open. Written as a stream of text pieces, one dump at a
 * time, so memory holds the state of each stream, never the trace.
 *
 * One process per stream. Counter tracks: each P's local run queue, the global queue, idle Ps and
 * threads (total, idle, spinning). Thread 1 holds findings (X slices over their time range, i for a
 * point); thread 2 GC: cycles from gctrace lines (X from `@start` over the clock phases) and
 * stop-the-world spans from scheddetail's gcwaiting (from the first dump that shows it to the first
 * that no longer does: the end is known no closer than that); thread 3 restarts and crashes.
 * Time: the dump's wall clock from the log envelope when it has one (µs since the Unix epoch, so the
 * trace lines up with other traces of the same machine); otherwise SCHED <t>ms, each run of a stream
 * placed after the one before it.
 */
import type { Finding } from '../findings/finding.js';
import type { GcCycle } from '../trace/gc-sample.js';
import type { Snapshot } from '../trace/snapshot.js';

export interface TraceEvent {
  name: string;
  ph: 'C' | 'i' | 'X' | 'M';
  pid: number;
  tid: number;
  ts?: number;
  dur?: number;
  s?: 'g' | 'p' | 't';
  cat?: string;
  args?: Record<string, unknown>;
}

/** Cycles a stream's writer holds for a run that has not printed its first dump yet (gcCycle). */
export const MAX_HELD_GC = 256;

const TID_COUNTERS = 0;
const TID_FINDINGS = 1;
const TID_GC = 2;
const TID_LIFECYCLE = 3;

interface StreamClock {
  pid: number;
  run: number;
  /** µs added to SCHED <t>ms of the current run (no wall clock). */
  offsetUs: number;
  /** ts of the latest dump, and the gap to the one before it (the period), in µs. */
  lastUs: number;
  periodUs: number;
  dumps: number;
  /** Start of an open stop-the-world span. */
  gcSince: number | null;
  /**
   * Per run (the current one and the one before: a run's findings come as the next run starts): the
   * offset its times were placed at, so findings (which carry run-relative ms) land right.
   */
  runOffsets: Map<number, number>;
  /** Wall clock µs minus SCHED ms × 1000 per run, when the envelope carries time. */
  wallBase: Map<number, number>;
  /** The number of the last GC cycle placed (0: none). */
  lastCycle: number;
  /**
   * Cycles whose numbers started again before the next run's first dump: a restarted process's,
   * printed before its first SCHED line. They wait for that dump to know where its run is placed.
   */
  heldGc: { gc: GcCycle; line: number }[];
}

function wallUs(s: Snapshot): number | null {
  if (s.wallTime === undefined) return null;
  const ms = Date.parse(s.wallTime);
  if (Number.isNaN(ms)) return null;
  // Date.parse keeps milliseconds; finer digits of RFC 3339 fractions are read here.
  const frac = /\.(\d+)/.exec(s.wallTime)?.[1] ?? '';
  const subMs = frac.length > 3 ? Number(`0.${frac.slice(3)}`) * 1000 : 0;
  return ms * 1000 + Math.round(subMs);
}

export class PerfettoTraceWriter {
  private readonly streams = new Map<string, StreamClock>();
  private nextPid = 1;
  private first = true;

  /** The opening of the JSON document. */
  begin(): string {
    return '{"displayTimeUnit":"ms","traceEvents":[\n';
  }

  /** The events of one dump (and of the stream's process, the first time it shows). */
  snapshot(s: Snapshot): string {
    const events: TraceEvent[] = [];
    const c = this.clock(s.stream, s.run, events);
    const pid = c.pid;
    const restarted = s.run !== c.run;
    if (restarted) {
      this.closeGc(c, events);
      c.offsetUs = c.lastUs + c.periodUs;
      for (const r of c.runOffsets.keys()) if (r !== c.run) c.runOffsets.delete(r);
      for (const r of c.wallBase.keys()) if (r !== c.run) c.wallBase.delete(r);
      c.run = s.run;
      c.runOffsets.set(s.run, c.offsetUs);
    }
    const wall = wallUs(s);
    if (wall !== null && s.tMs !== null && !c.wallBase.has(s.run)) c.wallBase.set(s.run, wall - s.tMs * 1000);
    if (restarted) this.placeHeldGc(c, events);
    const ts = wall ?? (s.tMs === null ? c.lastUs + c.periodUs : c.offsetUs + s.tMs * 1000);
    if (c.dumps > 0 && !restarted && ts > c.lastUs) c.periodUs = ts - c.lastUs;
    c.lastUs = ts;
    c.dumps++;
    if (restarted)
      events.push({
        name: `restart (run ${s.run})`,
        ph: 'i',
        s: 'p',
        pid,
        tid: TID_LIFECYCLE,
        ts,
        args: { line: s.line },
      });
    const counter = (name: string, args: Record<string, number>): void => {
      events.push({ name, ph: 'C', pid, tid: TID_COUNTERS, ts, args });
    };
    for (let p = 0; p < s.runq.length; p++) counter(`P${p} local runq`, { runq: s.runq[p]! });
    counter('global runqueue', { runqueue: s.runqueue });
    counter('idle Ps', { idleprocs: s.idleprocs });
    counter('threads', {
      threads: s.threads,
      idlethreads: s.idlethreads,
      ...(s.spinningthreads !== undefined ? { spinningthreads: s.spinningthreads } : {}),
    });
    if (s.gcwaiting === true && c.gcSince === null) c.gcSince = ts;
    else if (s.gcwaiting !== true) this.closeGc(c, events);
    if (s.crash === true)
      events.push({ name: 'crash dump', ph: 'i', s: 'p', pid, tid: TID_LIFECYCLE, ts, args: { line: s.line } });
    return this.write(events);
  }

  /** A GC cycle of a gctrace line: a slice from its start over its wall-clock phases, on the GC thread. */
  gcCycle(stream: string, gc: GcCycle, line: number): string {
    const events: TraceEvent[] = [];
    const c = this.clock(stream, 0, events);
    // Numbers start again with each process: a cycle not above the last is the next run's. More
    // than MAX_HELD_GC before that run's first dump come from a process that prints none (gctrace
    // without schedtrace): they are placed on the current run, so memory stays bounded.
    if (c.heldGc.length > 0 || (c.lastCycle > 0 && gc.cycle <= c.lastCycle)) {
      c.heldGc.push({ gc: { ...gc }, line });
      if (c.heldGc.length >= MAX_HELD_GC) this.placeHeldGc(c, events);
      return this.write(events);
    }
    this.placeGc(c, gc, line, events);
    return this.write(events);
  }

  /** Places the held cycles on the run that just started (or, when none did, on the current one). */
  private placeHeldGc(c: StreamClock, events: TraceEvent[]): void {
    const held = c.heldGc;
    c.heldGc = [];
    c.lastCycle = 0;
    for (const h of held) this.placeGc(c, h.gc, h.line, events);
  }

  private placeGc(c: StreamClock, gc: GcCycle, line: number, events: TraceEvent[]): void {
    c.lastCycle = gc.cycle;
    const base = c.wallBase.get(c.run) ?? c.runOffsets.get(c.run) ?? 0;
    events.push({
      name: `GC ${gc.cycle}${gc.forced ? ' (forced)' : ''}`,
      cat: 'gc',
      ph: 'X',
      pid: c.pid,
      tid: TID_GC,
      ts: Math.round(base + gc.atMs * 1000),
      dur: Math.round((gc.stwStartMs + gc.markMs + gc.stwEndMs) * 1000),
      args: {
        line,
        stwSweepTerminationMs: gc.stwStartMs,
        stwMarkTerminationMs: gc.stwEndMs,
        cpuPercent: gc.cpuPercent,
      },
    });
  }

  /** A finding: a slice over its time range, or an instant when it covers one dump. */
  finding(f: Finding): string {
    const c = this.streams.get(f.stream);
    if (c === undefined || f.tMs === null) return '';
    const base = c.wallBase.get(f.run) ?? c.runOffsets.get(f.run) ?? 0;
    const ts = base + f.tMs * 1000;
    const end = base + (f.tEndMs ?? f.tMs) * 1000;
    const args: Record<string, unknown> = {
      severity: f.severity,
      line: f.line,
      run: f.run,
      explanation: f.explanation,
      ...(f.p !== undefined ? { p: f.p } : {}),
      evidence: f.evidence,
    };
    const e: TraceEvent =
      end > ts
        ? {
            name: f.kind,
            cat: `finding,${f.severity}`,
            ph: 'X',
            pid: c.pid,
            tid: TID_FINDINGS,
            ts,
            dur: end - ts,
            args,
          }
        : { name: f.kind, cat: `finding,${f.severity}`, ph: 'i', s: 't', pid: c.pid, tid: TID_FINDINGS, ts, args };
    return this.write([e]);
  }

  /** The stream was released (its findings are written): closes its spans and forgets its clock. */
  release(stream: string): string {
    const c = this.streams.get(stream);
    if (c === undefined) return '';
    this.streams.delete(stream);
    const events: TraceEvent[] = [];
    this.placeHeldGc(c, events);
    this.closeGc(c, events);
    return this.write(events);
  }

  /** Closes open spans and the JSON document. */
  end(): string {
    const events: TraceEvent[] = [];
    for (const c of this.streams.values()) {
      this.placeHeldGc(c, events);
      this.closeGc(c, events);
    }
    return `${this.write(events)}\n]}\n`;
  }

  /** The stream's clock; the first time a stream shows, its process and thread names. */
  private clock(stream: string, run: number, events: TraceEvent[]): StreamClock {
    let c = this.streams.get(stream);
    if (c !== undefined) return c;
    c = {
      pid: this.nextPid++,
      run,
      offsetUs: 0,
      lastUs: 0,
      periodUs: 0,
      dumps: 0,
      gcSince: null,
      runOffsets: new Map([[run, 0]]),
      wallBase: new Map(),
      lastCycle: 0,
      heldGc: [],
    };
    this.streams.set(stream, c);
    const pid = c.pid;
    events.push(
      { name: 'process_name', ph: 'M', pid, tid: 0, args: { name: stream === '' ? 'Go process' : stream } },
      { name: 'thread_name', ph: 'M', pid, tid: TID_FINDINGS, args: { name: 'gosched findings' } },
      {
        name: 'thread_name',
        ph: 'M',
        pid,
        tid: TID_GC,
        args: { name: 'GC (gctrace cycles, gcwaiting stop-the-world)' },
      },
      { name: 'thread_name', ph: 'M', pid, tid: TID_LIFECYCLE, args: { name: 'restarts and crashes' } },
    );
    return c;
  }

  private closeGc(c: StreamClock, events: TraceEvent[]): void {
    if (c.gcSince === null) return;
    events.push({
      name: 'stop-the-world',
      cat: 'gc',
      ph: 'X',
      pid: c.pid,
      tid: TID_GC,
      ts: c.gcSince,
      dur: Math.max(0, c.lastUs - c.gcSince),
    });
    c.gcSince = null;
  }

  private write(events: TraceEvent[]): string {
    let out = '';
    for (const e of events) {
      out += this.first ? JSON.stringify(e) : `,\n${JSON.stringify(e)}`;
      this.first = false;
    }
    return out;
  }
}
