import { diagnostic, type Diagnostic } from '../messages.js';
import { addGcCycle, type GcCycle } from '../trace/gc-sample.js';
import { isGoBuildHeader } from '../trace/go-build-output.js';
import { FIRST_DUMP_MS } from '../trace/runtime-constants.js';
import { type FormatEra, LOCAL_RUNQ_CAPACITY, laterEra, type Snapshot } from '../trace/snapshot.js';
import type { ByteLayout, SummaryScan } from './byte-summary.js';
import { CRASH_TEXT, TRACEBACK_LINE } from './crash-text.js';
import { eraInRun } from './eras/era-in-run.js';
import type { PayloadLine } from './payload-line.js';
import { PendingGc } from './pending-gc.js';
import { type Lane, ProcessLanes, secondOfRun } from './process-lanes.js';
import type { StreamCarry, StreamSink } from './stream-sink.js';

const IMPLAUSIBLE = 0x7fff_ffff;

/**
 * Hands a stream's finished dumps on, as Snapshots or (plain ones the byte scanner read) batch rows,
 * with what the lines before them tell: the run each belongs to (schedtrace's clock going back is a
 * restart), crash dumps and the exit text that names them, the gctrace cycles read since the dump
 * before, and the process each came from when several print into the stream (process-lanes.ts).
 */
export class DumpEmitter {
  /** The run of the dumps emitted now (StreamCarry.run). */
  run: number;
  /** Time of the last dump that had one. */
  lastT: number | null = null;
  /** Dumps emitted. */
  emitted = 0;
  private lastWasDetailed: boolean | null = null;
  /** The newest era the open run's dumps showed (eraInRun). */
  private runEra: FormatEra = 'unknown';
  /** Crash text read since the last dump (crashDumpShape). */
  crashTextSeen = false;
  /** The run printed a crash dump (startpanic_m): the process is dying. */
  private runCrashed = false;
  /** The last panic/fatal error line, kept for the crash dump it ends and the run that follows. */
  exitText: string | null = null;
  /** The last line of other output since the last dump (Snapshot.priorOutput). */
  lastOutput: PayloadLine | null = null;
  /** gctrace cycles since the last dump, attached to the next one. */
  private readonly cycles: PendingGc;
  /** Whether the stream's clock went back to a time no process starts at (interleaved-processes). */
  private interleavedSaid = false;
  /**
   * A crash dump, and the one summary dump after it when no crash text came between: sysmon goes on
   * printing while the dying thread writes (seen after `kill -QUIT` on Go 1.26), so `SIGQUIT: quit`
   * can come one SCHED line late. Both wait for the line after, which names the crash dump's cause
   * when it is exit text, and then for the end of the crash text, which the crash dump's endLine
   * takes (crashTextGoesOn, releaseCrash).
   */
  private heldCrash: Snapshot | null = null;
  private heldAfterCrash: Snapshot | null = null;
  /** Crash text came after the held crash dump: a traceback may go on. */
  private crashTail = false;
  /** The processes printing into the stream side by side, when more than one does. */
  private readonly lanes: ProcessLanes;
  /** A dump that waits for the next to tell which process printed it (toLane). */
  private heldRevival: {
    s: Snapshot;
    lane: Lane;
    ticks: number;
    detailed: boolean;
    dying: boolean;
  } | null = null;

  constructor(
    private readonly stream: string,
    private readonly sink: StreamSink,
    firstRun: number,
  ) {
    this.run = firstRun;
    this.cycles = new PendingGc({
      keepPhases: () => this.sink.dropGcPhases !== true,
      trail: (gc, line) => {
        // With no dump in the stream yet there is no run to take them.
        if (this.emitted === 0) return;
        this.sink.rows?.flush();
        this.sink.trailingGc?.(this.stream, this.run, gc, line);
      },
      gap: (from, to, lastLine, line) =>
        this.sink.diagnostic(diagnostic('gctrace-gap', line, this.stream, from, to, lastLine)),
    });
    this.lanes = new ProcessLanes(stream, (name, trailing) => {
      this.sink.rows?.flush();
      if (trailing !== undefined) this.sink.trailingGc?.(name, 0, trailing.gc, trailing.line);
      this.sink.ended?.(name);
    });
  }

  /**
   * The stream's log starts at a later point, on the dump that opens a new run (a process restart):
   * its first dump then starts run 1 with the `time-backwards` diagnostic from 0 ms, as if a run came
   * before. The caller puts the true numbers in (see the parallel analyze in cli/).
   */
  continueAfterRun(): void {
    this.emitted = 1;
    this.lastT = 0;
    this.lanes.recordEarly = true;
  }

  /** What the stream's next dump takes from the lines before it (StreamCarry); `pending`: a dump is open. */
  carry(pending: boolean): StreamCarry {
    return {
      run: this.run,
      lastT: this.lastT,
      emitted: this.emitted,
      pending,
      exitText: this.exitText,
      gcPending: this.cycles.pending,
      outputPending: this.lastOutput !== null,
      crashTextSeen: this.crashTextSeen,
      lanes: this.lanes.carry(),
    };
  }

  /** Ends the stream, after its last dump: hands on what still waits and the cycles printed after it. */
  end(): void {
    if (this.heldRevival !== null) this.resolveRevival(null);
    this.releaseCrash();
    this.cycles.trail();
    this.lanes.end();
  }

  /**
   * A gctrace line read as text, after the open dump it ends was finished: its cycle is kept and heard
   * of (unless only counted).
   */
  takeGcLine(cycle: GcCycle, l: PayloadLine): void {
    this.sink.counts.gctrace = (this.sink.counts.gctrace ?? 0) + l.physicalLines;
    if (this.toLaneGc(cycle.cycle, cycle.atMs, cycle, l.line)) return;
    this.cycles.noteNumber(cycle.cycle, l.line, this.interleavedSaid);
    if (this.sink.countGcOnly !== true) {
      this.cycles.add(cycle, l.line);
      this.sink.gcCycle?.(cycle, this.stream, l.line);
    }
  }

  /**
   * A gctrace line the byte scanner read (pushGcBytes), after the open dump it ends was finished;
   * `cycle` is null when only counted.
   */
  takeScannedGc(number: number, cycle: GcCycle | null, line: number): void {
    this.sink.counts.gctrace = (this.sink.counts.gctrace ?? 0) + 1;
    // The scanner reuses its cycle: a lane sums it (addGcCycle keeps none of it), a listener gets a copy.
    if (this.toLaneGc(number, cycle?.atMs ?? Number.NaN, cycle, line)) return;
    this.cycles.noteNumber(number, line, this.interleavedSaid);
    if (cycle !== null) {
      this.cycles.add(cycle, line);
      this.sink.gcCycle?.({ ...cycle }, this.stream, line);
    }
  }

  /**
   * A gctrace line of a process followed as a stream of its own (ProcessLanes.gcOwner): its cycle
   * goes to that stream's next dump. `cycle` is null when only counted. Whether it was one.
   */
  private toLaneGc(number: number, atMs: number, cycle: GcCycle | null, line: number): boolean {
    const held = this.heldRevival;
    const lane = this.lanes.gcOwner(number, atMs, held?.lane ?? null);
    if (lane === null) {
      this.lanes.cycleRead(number, atMs);
      return false;
    }
    const keepPhases = this.sink.dropGcPhases !== true;
    if (lane === held?.lane) {
      // It goes where the held dump goes, with the cycles read before it (toLane).
      if (cycle !== null) {
        held.s.gc = addGcCycle(held.s.gc, cycle, keepPhases);
        this.sink.gcCycle?.({ ...cycle }, this.stream, line);
      }
      this.lanes.tookCycle(lane, number, atMs, lane.gc, line);
      return true;
    }
    const gc = cycle === null ? lane.gc : addGcCycle(lane.gc, cycle, keepPhases);
    this.lanes.tookCycle(lane, number, atMs, gc, line);
    if (cycle !== null) this.sink.gcCycle?.({ ...cycle }, lane.name ?? this.stream, line);
    return true;
  }

  /**
   * A plain SCHED line the byte scanner read (pushSummaryBytes), after the open dump was finished: a
   * batch row when the sink takes rows and nothing is to be said with it, else a Snapshot through emit.
   */
  emitScanned(sc: SummaryScan, layout: ByteLayout, line: number): void {
    const rows = this.sink.rows;
    // A restart's first dump after other output names it, or says it began beside a process that
    // still prints (emit): not a row.
    const restartWithWords = (this.lastOutput !== null || this.lanes.namedLive) && this.wentBackFrom(sc.tMs) !== null;
    if (
      rows === undefined ||
      this.exitText !== null ||
      this.heldCrash !== null ||
      restartWithWords ||
      this.heldRevival !== null
    ) {
      this.emit(sc.snapshot(layout, this.stream, line), false);
      return;
    }
    const ticks = scannedTickSum(sc);
    if (this.lanes.recordEarly) this.lanes.watch(sc.tMs, sc.gomaxprocs, ticks);
    const lane = this.lanes.active ? this.lanes.route(sc.tMs, sc.gomaxprocs, ticks) : null;
    if (lane !== null) this.toLane(lane, sc.snapshot(layout, this.stream, line), ticks, false, false);
    else this.emitRow(rows, sc, layout, line, ticks);
  }

  /**
   * emit() for a plain summary dump with no exit text to carry, written as a row:
   * the same run, the same diagnostics, no Snapshot.
   */
  private emitRow(
    rows: NonNullable<StreamSink['rows']>,
    sc: SummaryScan,
    layout: ByteLayout,
    line: number,
    ticks: number,
  ): void {
    const tMs = sc.tMs;
    const from = this.wentBackFrom(tMs);
    if (from !== null) this.beginRun(line, from, tMs);
    const era = layout.era === this.runEra ? layout.era : this.eraInRun(layout.era, false);
    this.lanes.tookCurrent(this.run, tMs, sc.gomaxprocs, ticks, from !== null || this.emitted === 0, false, era);
    this.lastT = tMs;
    this.crashTextSeen = false;
    this.lastOutput = null;
    if (sc.idleprocs > sc.gomaxprocs)
      this.flag(diagnostic('idleprocs-above-gomaxprocs', line, this.stream, sc.idleprocs, sc.gomaxprocs));
    const n = sc.nRunq;
    if (n !== sc.gomaxprocs) this.flag(diagnostic('runq-length-mismatch', line, this.stream, n, sc.gomaxprocs));
    const q = sc.runq;
    for (let p = 0; p < n; p++) {
      // Nine digits at most: never implausible (above 2^31), only above the ring's capacity.
      if (q[p]! > LOCAL_RUNQ_CAPACITY) this.flag(diagnostic('local-queue-above-capacity', line, this.stream, p, q[p]!));
    }
    this.emitted++;
    this.lastWasDetailed = false;
    let batch = rows.batch;
    if (batch.full) {
      rows.flush();
      batch = rows.batch;
    }
    const r = batch.size;
    batch.reserve(Math.max(n, sc.nTicks));
    batch.stream[r] = this.stream;
    batch.era[r] = era;
    batch.gc[r] = this.cycles.takeForDump();
    batch.run[r] = this.run;
    batch.line[r] = line;
    batch.tMs[r] = tMs;
    batch.gomaxprocs[r] = sc.gomaxprocs;
    batch.idleprocs[r] = sc.idleprocs;
    batch.threads[r] = sc.threads;
    batch.spinningthreads[r] = sc.spinningthreads;
    batch.needspinning[r] = sc.needspinning;
    batch.idlethreads[r] = sc.idlethreads;
    batch.runqueue[r] = sc.runqueue;
    const rf = batch.runqFrom[r]!;
    const runq = batch.runq;
    for (let k = 0; k < n; k++) runq[rf + k] = q[k]!;
    batch.runqFrom[r + 1] = rf + n;
    const tf = batch.ticksFrom[r]!;
    const nt = sc.nTicks;
    if (nt >= 0) {
      const ticks = batch.ticks;
      const st = sc.ticks;
      for (let k = 0; k < nt; k++) ticks[tf + k] = st[k]!;
      batch.ticksFrom[r + 1] = tf + nt;
      batch.hasTicks[r] = 1;
    } else {
      batch.ticksFrom[r + 1] = tf;
      batch.hasTicks[r] = 0;
    }
    batch.size = r + 1;
  }

  /**
   * Whether a dump is shaped like the one runtime.startpanic_m prints even without scheddetail: a
   * detailed dump after summary-only ones, or with crash text next to it.
   */
  private crashDumpShape(detailed: boolean): boolean {
    return detailed && (this.lastWasDetailed === false || this.crashTextSeen);
  }

  emit(s: Snapshot, detailed: boolean, dying = false, routed = true): void {
    const t = s.tMs;
    const ticks = t === null ? -1 : tickSum(s.schedticks);
    if (routed && this.heldRevival !== null) this.resolveRevival(t);
    if (routed && t !== null && this.lanes.recordEarly) this.lanes.watch(t, s.gomaxprocs, ticks);
    if (routed && t !== null && this.lanes.active) {
      const lane = this.lanes.route(t, s.gomaxprocs, ticks);
      if (lane !== null) {
        this.toLane(lane, s, ticks, detailed, dying);
        return;
      }
    }
    // The held crash dump's crash text is over.
    if (this.crashTail) this.releaseCrash();
    const died = this.heldCrash !== null || this.exitText !== null;
    let newRun = false;
    if (s.tMs !== null) {
      // A dying process's dump at 0 ms after one at 0 ms is that process's crash dump (it died
      // within its first millisecond), not a restart: the clock did not go back.
      const crashAtStart = s.tMs === 0 && this.lastT === 0 && dying && this.crashDumpShape(detailed);
      const from = crashAtStart ? null : this.wentBackFrom(s.tMs);
      if (from !== null) {
        this.beginRun(s.line, from, s.tMs);
        newRun = true;
      }
      this.lastT = s.tMs;
    }
    // runtime.startpanic_m prints a detailed dump even without scheddetail: a detailed dump after
    // summary-only ones, or with crash text next to it, was printed by a dying process.
    if (this.crashDumpShape(detailed)) s.crash = true;
    this.crashTextSeen = false;
    // The panic text follows the crash dump; the next run (a restart) still names it.
    if (this.exitText !== null && (s.crash || newRun)) s.exitText = this.exitText;
    else if (newRun && this.lastOutput !== null) s.priorOutput = priorOutputOf(this.lastOutput);
    this.lastOutput = null;
    if (s.crash) this.runCrashed = true;
    // A dump after the run's crash dump is the dying process's still (sysmon prints on while other
    // Ms throw, each with its own crash dump): the exit text stays the run's.
    else if (!this.runCrashed) this.exitText = null;
    const gc = this.cycles.takeForDump();
    if (gc !== undefined) s.gc = gc;
    s.run = this.run;
    s.era = this.eraInRun(s.era, detailed);
    // A process followed as a stream of its own still prints: this one began beside it.
    if (newRun && this.lanes.namedLive) s.beside = { stream: this.stream, from: this.run - 1, to: this.run };
    // The go command relays a compile's dumps after its header once the compile ended: not live.
    const relayed = s.priorOutput !== undefined && isGoBuildHeader(s.priorOutput.text);
    if (t !== null)
      this.lanes.tookCurrent(
        this.run,
        t,
        s.gomaxprocs,
        ticks,
        newRun || this.emitted === 0,
        died,
        this.runEra,
        relayed,
      );
    this.validate(s);
    this.emitted++;
    this.lastWasDetailed = detailed;
    if (this.heldCrash !== null) {
      if (this.heldAfterCrash === null && !newRun && !s.crash) {
        this.heldAfterCrash = s;
        return;
      }
      this.releaseCrash();
    }
    if (s.crash === true) this.heldCrash = s;
    else this.sink.snapshot(s);
  }

  /**
   * A dump route() gave to another process's lane. Where that lane has printed nothing since a
   * later process started and that process has shown one dump, the dump may as well be that
   * process's second (its period is not known yet): it waits for the next dump to tell (resolveRevival).
   */
  private toLane(lane: Lane, s: Snapshot, ticks: number, detailed: boolean, dying: boolean): void {
    if (lane.name !== null || !this.lanes.openRunFresh) {
      this.emitToLane(lane, s, ticks);
      return;
    }
    // The cycles read before it are its own, as emit would give them.
    const gc = this.cycles.takeAside();
    if (gc !== undefined) s.gc = gc;
    this.heldRevival = { s, lane, ticks, detailed, dying };
  }

  /**
   * The next dump came (at `next` ms; null at the end of input): the held dump is the open run's
   * second when the next one goes on at the period the two would make, else the other process's.
   */
  private resolveRevival(next: number | null): void {
    const h = this.heldRevival!;
    this.heldRevival = null;
    if (!secondOfRun(h.s.tMs!, this.lastT ?? 0, next)) {
      this.emitToLane(h.lane, h.s, h.ticks);
      return;
    }
    const gc = this.cycles.takeAside();
    this.emit(h.s, h.detailed, h.dying, false);
    this.cycles.putBack(gc);
  }

  /** A dump of a process other than the open run's (process-lanes.ts), to that process's stream. */
  private emitToLane(lane: Lane, s: Snapshot, ticks: number): void {
    const from = lane.lastT;
    const took = this.lanes.took(lane, s.tMs!, s.gomaxprocs, ticks);
    const name = took.name;
    if (took.split) this.sink.diagnostic(diagnostic('process-lane', s.line, this.stream, from, s.tMs!, name));
    if (took.to > took.from) s.beside = { stream: this.stream, from: took.from, to: took.to };
    // The cycles its process printed since its last dump (toLaneGc); a revival held (toLane) may
    // carry the open run's, read before it and its own too.
    if (lane.gc !== undefined) {
      s.gc ??= lane.gc;
      lane.gc = undefined;
    }
    s.stream = name;
    s.run = lane.run;
    s.era = eraInRun(s.era, s.detail !== undefined, lane.era);
    lane.era = laterEra(lane.era, s.era);
    this.releaseCrash();
    this.validate(s);
    this.sink.snapshot(s);
  }

  /**
   * The last dump's time when a dump at tMs starts a new run (schedtrace's clock went back: a
   * restarted process), else null.
   */
  private wentBackFrom(tMs: number): number | null {
    return this.lastT !== null && this.emitted > 0 && (tMs === 0 || tMs < this.lastT) ? this.lastT : null;
  }

  /**
   * The dump at input line `line` and tMs starts a new run, the last at `from`: the run before is
   * over (its crash dump, then the cycles it printed after its last dump).
   */
  private beginRun(line: number, from: number, tMs: number): void {
    this.sink.diagnostic(diagnostic('time-backwards', line, this.stream, from, tMs));
    // Said once a stream: every later switch between the processes goes back too.
    if (tMs > FIRST_DUMP_MS && !this.interleavedSaid) {
      this.interleavedSaid = true;
      this.sink.diagnostic(diagnostic('interleaved-processes', line, this.stream, from, tMs));
    }
    this.releaseCrash();
    this.cycles.restart(this.lastT ?? 0);
    this.run++;
    this.runEra = 'unknown';
    this.crashTextSeen = false;
    this.runCrashed = false;
    this.lastWasDetailed = null;
  }

  /** The era of an open run's dump detected as `detected`, which the run's era then includes. */
  private eraInRun(detected: FormatEra, detailed: boolean): FormatEra {
    const era = eraInRun(detected, detailed, this.runEra);
    if (era !== this.runEra) this.runEra = laterEra(this.runEra, era);
    return era;
  }

  /**
   * A line of other output after the dumps: whether it is crash text (or the traceback after it)
   * that follows the held crash dump, which then spans it and goes on waiting.
   */
  crashTextGoesOn(l: PayloadLine): boolean {
    const crash = this.heldCrash;
    if (crash === null) return false;
    const text = l.text;
    if (CRASH_TEXT.test(text)) {
      this.crashTail = true;
      // The first exit text names the crash, as when the dump was handed on at it.
      if (crash.exitText === undefined && this.exitText !== null) crash.exitText = this.exitText;
    } else if (!this.crashTail || !TRACEBACK_LINE.test(text)) return false;
    if (NOT_BLANK.test(text)) crash.endLine = l.line + l.physicalLines - 1;
    return true;
  }

  /** Hands on a held crash dump (and the dump after it), named by the exit text read since. */
  releaseCrash(): void {
    const crash = this.heldCrash;
    if (crash === null) return;
    this.heldCrash = null;
    this.crashTail = false;
    if (crash.exitText === undefined && this.exitText !== null) crash.exitText = this.exitText;
    this.sink.snapshot(crash);
    const after = this.heldAfterCrash;
    if (after === null) return;
    this.heldAfterCrash = null;
    this.sink.snapshot(after);
  }

  /** Values no consistent snapshot can hold (runtime.schedtrace holds sched.lock for the globals). */
  private validate(s: Snapshot): void {
    if (s.idleprocs > s.gomaxprocs)
      this.flag(diagnostic('idleprocs-above-gomaxprocs', s.line, this.stream, s.idleprocs, s.gomaxprocs));
    if (s.runq.length !== s.gomaxprocs && !s.truncated) {
      this.flag(diagnostic('runq-length-mismatch', s.line, this.stream, s.runq.length, s.gomaxprocs));
    }
    if (
      s.gomaxprocs > IMPLAUSIBLE ||
      s.threads > IMPLAUSIBLE ||
      s.runqueue > IMPLAUSIBLE ||
      s.idlethreads > IMPLAUSIBLE
    ) {
      for (const k of ['gomaxprocs', 'threads', 'idlethreads', 'runqueue'] as const) {
        if (s[k] > IMPLAUSIBLE) this.flag(diagnostic('implausible-value', s.line, this.stream, k, String(s[k])));
      }
    }
    const q = s.runq;
    for (let p = 0; p < q.length; p++) {
      const n = q[p]!;
      if (n <= LOCAL_RUNQ_CAPACITY) continue;
      if (n > IMPLAUSIBLE) this.flag(diagnostic('implausible-value', s.line, this.stream, `P${p} queue`, String(n)));
      else this.flag(diagnostic('local-queue-above-capacity', s.line, this.stream, p, n));
    }
  }

  private flag(d: Diagnostic): void {
    this.sink.diagnostic(d);
  }
}

const NOT_BLANK = /\S/;

/** Characters of a line of other output kept to name a restart (Snapshot.priorOutput). */
const PRIOR_OUTPUT_CHARS = 200;

function priorOutputOf(l: PayloadLine): { text: string; line: number } {
  const said = l.text.trim();
  return { text: said.length > PRIOR_OUTPUT_CHARS ? `${said.slice(0, PRIOR_OUTPUT_CHARS)}…` : said, line: l.line };
}

/** The sum of a dump's schedticks (they only grow within a process), -1 without them. */
function tickSum(ticks: readonly number[] | undefined): number {
  if (ticks === undefined) return -1;
  let n = 0;
  for (const x of ticks) n += x;
  return n;
}

/** tickSum of the SCHED line the byte scanner read. */
function scannedTickSum(sc: SummaryScan): number {
  if (sc.nTicks < 0) return -1;
  let n = 0;
  for (let k = 0; k < sc.nTicks; k++) n += sc.ticks[k]!;
  return n;
}
