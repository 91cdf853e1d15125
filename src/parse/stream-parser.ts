import { isGoBuildHeader } from '../trace/go-build-output.js';
import { diagnostic, type Diagnostic, type LineCounts } from '../messages.js';
import { FIRST_DUMP_MS } from '../trace/runtime-constants.js';
import { LOCAL_RUNQ_CAPACITY, pColumn, type Snapshot } from '../trace/snapshot.js';
import { addGcCycle, type GcCycle, type GcSample } from '../trace/gc-sample.js';
import type { SummaryBatch } from '../trace/summary-batch.js';
import { decodeBytes } from './byte-cursor.js';
import { gcLineCycle, gcLineEnd, scanGcLine } from './byte-gctrace.js';
import { byteLayouts, scanSummary, schedHeadAt, SummaryScan, type ByteLayout } from './byte-summary.js';
import { CRASH_TEXT, EXIT_TEXT } from './crash-text.js';
import { detailHead, parseDetail } from './detail-line.js';
import { PendingGc } from './pending-gc.js';
import {
  type CutGc,
  DETAIL_HEAD_CUT,
  GC_PIECE_HEAD,
  gluedHead,
  HEAD_REST,
  type HeadCut,
  type HeldDetail,
  headCutOf,
  isPlainOutput,
  LIST_TEXT,
  MAX_LINES_BETWEEN_WRITES,
  MAX_SUMMARY_PIECES,
  RUNTIME_LINE_START,
  VALUE_TEXT,
} from './held-pieces.js';
import { MAX_PS } from './limits.js';
import type { PayloadLine } from './payload-line.js';
import { DetailIntake, type DetailWanted, NO_DETAIL, type PendingDump } from './pending-dump.js';
import { type Lane, type LaneCarry, ProcessLanes, secondOfRun } from './process-lanes.js';
import { directSummary } from './summary-direct.js';
import {
  detailMiddleCut,
  detailWholeCut,
  gcFirstCut,
  gcMiddleCut,
  gcWholeCut,
  middleCut,
  startsAWrite,
  summaryWholeCut,
} from './spliced-writes.js';
import { detectEra, emptyEvidence, type EraSpec } from './eras/index.js';
import { parseGcLine, splicedGcLine } from './gctrace-line.js';
import { LIST_KEY, isDateAt, isDigit, readKeyValues } from './key-values.js';
import {
  emptyFields,
  fastSummary,
  findHead,
  headTimeAt,
  looksLikeFragment,
  parseSummary,
  summaryKeys,
} from './summary-line.js';

export type { PayloadLine } from './payload-line.js';

export interface StreamSink extends DetailWanted {
  snapshot(s: Snapshot): void;
  diagnostic(d: Diagnostic): void;
  /** A gctrace line's cycle, after the dump before it was closed (also summed into the next dump's `gc`). */
  gcCycle?(cycle: GcCycle, stream: string, line: number): void;
  /**
   * gctrace cycles printed after a run's last dump, when no dump of that run follows to take them
   * (the run restarted or the input ended); `line` is the last one's. Rows before it are flushed first.
   */
  trailingGc?(stream: string, run: number, gc: GcSample, line: number): void;
  counts: LineCounts;
  /** A stream the parser made for a process printing beside others (process-lanes.ts) ended: no dump of it follows. */
  ended?(stream: string): void;
  /**
   * Plain summary dumps go here as rows instead of Snapshots; `flush` hands the batch on (when it
   * is full, and before any Snapshot, so dumps stay in input order).
   */
  rows?: { batch: SummaryBatch; flush(): void };
  /** GcSample.phases left out: no consumer of this parser places GC cycles (replay's gctrace option). */
  dropGcPhases?: boolean;
  /** gctrace lines only counted: no Snapshot.gc (nor batch gc), no gcCycle (parse prints neither). */
  countGcOnly?: boolean;
}

/** The state a stream's parser carries from one line to the next, as far as the next dump reads it. */
export interface StreamCarry {
  run: number;
  /** Time of the last dump that had one. */
  lastT: number | null;
  /** Dumps emitted. */
  emitted: number;
  /** A dump is open (not yet emitted). */
  pending: boolean;
  /** A panic/fatal error line the next dump would name. */
  exitText: string | null;
  /** gctrace cycles read since the last dump, which the next dump would take. */
  gcPending: boolean;
  /** Other output since the last dump, which a restart's first dump would name (Snapshot.priorOutput). */
  outputPending: boolean;
  crashTextSeen: boolean;
  /** The processes followed in the stream (process-lanes.ts). */
  lanes: LaneCarry;
}

const IMPLAUSIBLE = 0x7fff_ffff;
const BAD_HEAD = /(?:^|\s)SCHED +[^\s:]*ms:/;

const summaryLayouts: readonly EraSpec[] = byteLayouts.map((l) => l.spec);
/** The SCHED line the byte scanner read last (one parser reads one line at a time). */
const scanned = new SummaryScan();

/**
 * Parses the schedtrace lines of one stream (one process's output): dumps, runs, diagnostics.
 * A dump ends at the first line that is not one of its P/M/G lines.
 */
export class StreamParser {
  private run: number;
  private lastT: number | null = null;
  private emitted = 0;
  private lastWasDetailed: boolean | null = null;
  private crashTextSeen = false;
  /** The run printed a crash dump (startpanic_m): the process is dying. */
  private runCrashed = false;
  /** The line before, when it was `SCHED ` and maybe the time, then another writer's text (joinHead). */
  private headCut: HeadCut | null = null;
  /**
   * Another writer's line that came inside a whole scheddetail dump (counted as foreign already).
   * The runtime prints each P, M and G line with writes of its own, so a log line from another thread
   * can land between two of them: the dump goes on when the next line is a P, M or G line, and ends
   * there (as a foreign line always ended it) when it is anything else (endPausedDump).
   */
  private pausedAt: PayloadLine | null = null;
  /** Lines of other output since pausedAt (at most MAX_LINES_BETWEEN_WRITES keep the dump open). */
  private pausedLines = 0;
  /**
   * A P, M or G line of the open dump that did not read, held for one line: it may be the runtime's
   * text cut by another writer's line, which the next line goes on from (spliceDetail).
   */
  private heldDetail: HeldDetail | null = null;
  /**
   * A gctrace line cut by other writers' lines, waiting for its next piece (joinGcPiece). A line of
   * the runtime's own (SCHED, gctrace, P/M/G) is none of its pieces: push and every byte reader give
   * it up there.
   */
  private cutGc: CutGc | null = null;
  /**
   * The column where the stream's last SCHED head began behind text no envelope reader strips (a
   * shipper's own prefix: `[api] `, `<time> app[web.1]: `); 0 when it began the line.
   */
  private prefixWidth = 0;
  /** The last panic/fatal error line, kept for the crash dump it ends and the run that follows. */
  private exitText: string | null = null;
  /** The last line of other output since the last dump (Snapshot.priorOutput). */
  private lastOutput: PayloadLine | null = null;
  /** gctrace cycles since the last dump, attached to the next one. */
  private readonly cycles: PendingGc;
  /** Whether the stream's clock went back to a time no process starts at (interleaved-processes). */
  private interleavedSaid = false;
  /**
   * A crash dump ended by a SCHED line, with no exit text yet, and that one summary dump after it:
   * sysmon goes on printing while the dying thread writes (seen after `kill -QUIT` on Go 1.26), so
   * `SIGQUIT: quit` can come one SCHED line late. Both wait for the line after, which names the
   * crash dump's cause when it is exit text (releaseCrash).
   */
  private heldCrash: Snapshot | null = null;
  private heldAfterCrash: Snapshot | null = null;
  private pending: PendingDump | null = null;
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
  /** The layout the last summary line matched: tried first on the next one. */
  private layout: EraSpec = summaryLayouts[summaryLayouts.length - 1]!;
  private byteLayout: ByteLayout = byteLayouts[byteLayouts.length - 1]!;
  /** The open dump's P, M and G lines go in through it, kept or counted as the sink asks. */
  private readonly details: DetailIntake;

  constructor(
    private readonly stream: string,
    private readonly sink: StreamSink,
    /** False: every line through the general key=value readers (the fast paths' reference in tests). */
    private readonly fast = true,
    /** The number of the stream's first run: above 0 when it was released earlier (parser.ts). */
    firstRun = 0,
  ) {
    this.run = firstRun;
    this.details = new DetailIntake(sink);
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

  /** What the stream's next dump takes from the lines before it (StreamCarry). */
  carry(): StreamCarry {
    return {
      run: this.run,
      lastT: this.lastT,
      emitted: this.emitted,
      pending: this.pending !== null,
      exitText: this.exitText,
      gcPending: this.cycles.pending,
      outputPending: this.lastOutput !== null,
      crashTextSeen: this.crashTextSeen,
      lanes: this.lanes.carry(),
    };
  }

  push(l: PayloadLine): void {
    const text = l.text;
    // (A SCHED, gctrace or P/M/G line is none of its pieces; the byte readers take those without push.)
    if (this.cutGc !== null) {
      if (RUNTIME_LINE_START.test(text)) this.cutGc = null;
      else if (this.joinGcPiece(this.cutGc, l)) return;
    }
    const held = this.heldDetail;
    if (held !== null) {
      if (this.spliceDetail(held, l)) return;
      // Other writers' whole lines between two of the runtime's writes: the line goes on after them.
      if (held.waited < MAX_LINES_BETWEEN_WRITES && isPlainOutput(text)) {
        held.waited++;
        this.countOutput(l);
        return;
      }
    }
    this.releaseHeldDetail(this.heldDetail === null ? null : headTimeAt(text));
    if (this.pausedAt !== null) {
      const c = text.charCodeAt(0);
      if ((c === 32 || c === 9) && (detailHead(text) !== null || DETAIL_HEAD_CUT.test(text))) this.pausedAt = null;
      else if (++this.pausedLines <= MAX_LINES_BETWEEN_WRITES && isPlainOutput(text)) {
        this.countOutput(l);
        return;
      } else this.endPausedDump();
    }
    const cut = this.headCut;
    if (cut !== null) {
      this.headCut = null;
      if (this.joinHead(cut, l)) return;
      // Other writers' whole lines before the head's next piece: it goes on after them.
      const skipped = (cut.skipped ?? 0) + l.physicalLines;
      if (l.line === cut.nextLine && skipped <= MAX_LINES_BETWEEN_WRITES && isPlainOutput(text)) {
        this.headCut = { ...cut, skipped, nextLine: l.line + l.physicalLines };
        this.countOutput(l);
        return;
      }
    }
    const p = this.pending;
    // A line cut by other writers goes on where spliceNext finds it, not after the text read first.
    // So does one whose text so far holds another writer's (a flag with a date glued to it).
    if (p?.incomplete && p.pieces === undefined && p.summary.problems.length === 0 && this.isContinuation(text)) {
      // Foreign text the clean text leaves out (after a value's digits) stays to be reported; other
      // foreign text is still in it, and the reparse finds it again.
      for (const t of p.summary.interleaved) if (!p.summary.clean.includes(t)) this.noteSplice(p, t);
      p.lastPieceLine = l.line;
      this.reparse(p, `${p.summary.clean} ${text.trim()}`, l.physicalLines);
      p.interleaved = [...(p.cuts ?? []).map((cut) => cut.text), ...p.summary.interleaved];
      if (!p.incomplete) this.reportInterleaved(p);
      if (!p.incomplete && !p.detailed) this.finish();
      return;
    }
    if (p?.incomplete && this.spliceNext(p, text, l.physicalLines, l.line)) {
      if (!p.incomplete && !p.detailed) this.finish();
      return;
    }
    // Other writers' whole lines between two of the runtime's writes: the SCHED line goes on after them.
    // (Cut by another writer: foreign text found in it, or text the summary does not read.)
    const cutBefore =
      p?.cuts !== undefined || (p?.interleaved?.length ?? 0) > 0 || (p?.summary.problems.length ?? 0) > 0;
    if (p?.incomplete && cutBefore && (p.waited ?? 0) < MAX_LINES_BETWEEN_WRITES && isPlainOutput(text)) {
      p.waited = (p.waited ?? 0) + 1;
      this.countOutput(l);
      return;
    }
    const c0 = text.charCodeAt(0);
    if (c0 === 32 || c0 === 9) {
      const head = detailHead(text);
      if (head !== null) {
        if (p === null || !p.detailed || p.incomplete) {
          this.finish();
          this.malformed(l, diagnostic('orphan-detail', l.line, this.stream));
          return;
        }
        if (this.fast && this.details.fast(p, text, head, text.length)) {
          this.sink.counts.schedtrace += l.physicalLines;
          return;
        }
        const r = parseDetail(text, head, p.ev);
        if (r.problems.length > 0) {
          this.heldDetail = { l, problems: r.problems, waited: 0, cuts: [], lastLine: l.line };
          return;
        }
        this.details.add(p, r);
        this.sink.counts.schedtrace += l.physicalLines;
        return;
      }
      // A P, M or G line cut after its `  G` or its id (`  G8` and another writer's line): held for
      // the next line to go on with the rest (spliceDetail), reported malformed if it does not.
      if (p?.detailed && !p.incomplete && DETAIL_HEAD_CUT.test(text)) {
        this.heldDetail = { l, problems: ['the line is cut after its head'], waited: 0, cuts: [], lastLine: l.line };
        return;
      }
    }
    if (c0 === 83 /* S */ && this.fast && this.startFast(l)) {
      this.prefixWidth = 0;
      return;
    }
    const at = findHead(text);
    if (at >= 0) {
      // A dump cut short (its process died while printing it) and, on the same line, the next
      // process's first dump: the cut one is reported, the whole one read.
      const next = at === 0 ? gluedHead(text) : -1;
      if (next > 0) {
        this.finish();
        this.sink.diagnostic(diagnostic('cut-dump', l.line, this.stream, text.slice(0, next)));
        this.start({ ...l, text: text.slice(next) }, 0);
        return;
      }
    }
    if (at >= 0 || looksLikeFragment(text)) {
      this.finish();
      this.start(l, at);
      return;
    }
    // `SCHED -5ms:`, `SCHED 1e3ms:`: a schedtrace head whose time the runtime cannot print.
    if (BAD_HEAD.test(text)) {
      this.finish();
      this.malformed(l, diagnostic('malformed-summary', l.line, this.stream, 'unreadable time in the SCHED head'));
      return;
    }
    // The SCHED lines behind a prefix were read where their head began: the P, M, G and gctrace
    // lines and the crash text of the same stream carry the same prefix, so they are read at that
    // column too (a prefix of another width leaves the line foreign, as before).
    const rest = this.prefixWidth > 0 ? prefixedPayload(text, this.prefixWidth) : null;
    if (rest !== null) {
      this.push({
        text: rest,
        line: l.line,
        physicalLines: l.physicalLines,
        ...(l.wallTime !== undefined ? { wallTime: l.wallTime } : {}),
      });
      return;
    }
    // Foreign output. A scheddetail dump ends here.
    if (c0 === 103 /* g */) {
      const cycle = parseGcLine(text);
      if (cycle !== null) {
        this.takeGcLine(cycle, l);
        return;
      }
      // Its first piece, another writer's line after it: foreign until the rest joins it.
      if (GC_PIECE_HEAD.test(text) && gcFirstCut(text))
        this.cutGc = { text, line: l.line, physicalLines: l.physicalLines, cuts: [], lastLine: l.line, waited: 0 };
    }
    // A gctrace line another writer's text surrounds on the same line: the cycle, and the text reported.
    const spliced = text.includes('gc ') ? splicedGcLine(text) : null;
    if (spliced !== null) {
      this.takeGcLine(spliced.cycle, l);
      for (const t of [spliced.before, spliced.after])
        if (t.trim() !== '') this.sink.diagnostic(diagnostic('interleaved-gctrace', l.line, this.stream, t.trim()));
      return;
    }
    if (CRASH_TEXT.test(text)) {
      this.crashTextSeen = true;
      if (EXIT_TEXT.test(text)) this.exitText = text.trim();
    }
    this.sink.counts.foreign += l.physicalLines;
    if (NOT_BLANK.test(text)) this.lastOutput = l;
    if (p?.detailed && !p.incomplete && !CRASH_TEXT.test(text)) {
      this.pausedAt = l;
      this.pausedLines = 0;
      return;
    }
    this.finish();
    this.releaseCrash();
    this.headCut = headCutOf(l);
  }

  /** A line of other output that a dump (or a line of it) cut by other writers waits through. */
  private countOutput(l: PayloadLine): void {
    this.sink.counts.foreign += l.physicalLines;
    if (NOT_BLANK.test(l.text)) this.lastOutput = l;
  }

  /** The line after a foreign line inside a scheddetail dump is no P, M or G line: the dump ended there. */
  private endPausedDump(): void {
    const l = this.pausedAt;
    if (l === null) return;
    this.pausedAt = null;
    this.finish();
    this.releaseCrash();
    this.headCut = headCutOf(l);
  }

  /**
   * The SCHED head cut by another writer's line (`SCHED ` and the time are writes of their own):
   *   SCHED 572026/12/01 23:12:49 worker 1 at 0
   *   ms: gomaxprocs=4 idleprocs=0 … schedticks=[ 4 3 6 4 ]
   * (or `SCHED ` alone, then `149ms: gomaxprocs=…`). The line before was counted as foreign; when
   * this one starts the rest of the head, the two are one SCHED line, and the text between is
   * reported as interleaved. Whether the line was taken.
   */
  private joinHead(cut: HeadCut, l: PayloadLine): boolean {
    // The next physical line only (the fast paths read lines without push, and do not clear the cut).
    if (l.line !== cut.nextLine) return false;
    const m = HEAD_REST.exec(l.text);
    if (m === null && cut.digits === '') return this.headTimeCut(cut, l);
    if (m === null || (cut.digits === '') === (m[1] === '')) return false;
    const text = `SCHED ${cut.digits}${l.text}`;
    const at = findHead(text);
    if (at < 0) return false;
    this.sink.counts.foreign -= cut.physicalLines;
    this.finish();
    const joined: PayloadLine = { text, line: cut.line, physicalLines: cut.physicalLines + l.physicalLines };
    if (cut.wallTime !== undefined) joined.wallTime = cut.wallTime;
    this.start(joined, at);
    if (cut.before !== '') this.sink.diagnostic(diagnostic('interleaved-text', cut.line, this.stream, cut.before));
    this.sink.diagnostic(diagnostic('interleaved-text', cut.line, this.stream, cut.foreign));
    if (cut.timeCut !== undefined)
      this.sink.diagnostic(diagnostic('interleaved-text', cut.timeCut.line, this.stream, cut.timeCut.foreign));
    return true;
  }

  /**
   * The head cut twice: `SCHED `, another writer's line, then the time's digits and a second line
   * (`02026/12/06 … request 39`), and `ms: gomaxprocs=…` on the next. The digits line is foreign
   * until that next line joins it; the cut goes on with the time. Whether the line was taken.
   */
  private headTimeCut(cut: HeadCut, l: PayloadLine): boolean {
    const text = l.text;
    let i = 0;
    while (isDigit(text.charCodeAt(i))) i++;
    let digits = text.slice(0, i);
    // The other writer's text may start with a date: its year is not the time's.
    if (digits.length >= 4 && isDateAt(text, i)) digits = digits.slice(0, -4);
    const foreign = text.slice(digits.length);
    if (digits === '' || foreign === '' || foreign.startsWith('ms:') || cut.timeCut !== undefined) return false;
    this.sink.counts.foreign += l.physicalLines;
    this.headCut = {
      ...cut,
      digits,
      physicalLines: cut.physicalLines + l.physicalLines,
      nextLine: l.line + l.physicalLines,
      timeCut: { foreign, line: l.line },
    };
    return true;
  }

  /** Ends the stream: emits a dump still open at the end of input. */
  end(): void {
    this.giveUpCutGc();
    this.releaseHeldDetail(END_OF_INPUT);
    this.endPausedDump();
    this.finish();
    if (this.heldRevival !== null) this.resolveRevival(null);
    this.releaseCrash();
    this.cycles.trail();
    this.lanes.end();
  }

  /**
   * A gctrace line whose rest never came before its stream ended: the process stopped while printing
   * it (no later cycle number will show the gap). Its pieces were counted as foreign while they
   * waited; they are the runtime's own line, counted as gctrace as a cut P/M/G line is counted as
   * schedtrace (cut-line), and reported with its line: its cycle is not read.
   */
  private giveUpCutGc(): void {
    const gc = this.cutGc;
    if (gc === null) return;
    this.cutGc = null;
    this.sink.counts.foreign -= gc.physicalLines;
    this.sink.counts.gctrace = (this.sink.counts.gctrace ?? 0) + gc.physicalLines;
    this.sink.diagnostic(diagnostic('cut-gctrace', gc.line, this.stream, gc.text.trim()));
  }

  /**
   * The next line after a gctrace line cut by another writer's (gcMarkTermination prints it with many
   * `print` calls): the line whole at last (the cycle is read, its pieces counted as gctrace and the
   * other writers' text reported), or one more piece of it. Whether the line was taken; other lines
   * are read as usual, and the cut line is given up after MAX_LINES_BETWEEN_WRITES of them.
   */
  private joinGcPiece(gc: CutGc, l: PayloadLine): boolean {
    const text = l.text;
    const c = gcWholeCut(gc.text, text);
    if (c >= 0) {
      this.cutGc = null;
      gc.cuts.push({ text: gc.text.slice(c), line: gc.lastLine });
      this.sink.counts.foreign -= gc.physicalLines;
      const cycle = parseGcLine(gc.text.slice(0, c) + text)!;
      this.takeGcLine(cycle, { text, line: gc.line, physicalLines: gc.physicalLines + l.physicalLines });
      for (const cut of gc.cuts)
        this.sink.diagnostic(diagnostic('interleaved-gctrace', cut.line, this.stream, cut.text));
      return true;
    }
    const m = gc.cuts.length + 1 < MAX_SUMMARY_PIECES ? gcMiddleCut(gc.text, text) : -1;
    if (m >= 0) {
      gc.cuts.push({ text: gc.text.slice(m), line: gc.lastLine });
      gc.text = gc.text.slice(0, m) + text;
      gc.physicalLines += l.physicalLines;
      gc.lastLine = l.line;
      this.sink.counts.foreign += l.physicalLines;
      return true;
    }
    if (++gc.waited > MAX_LINES_BETWEEN_WRITES) this.cutGc = null;
    return false;
  }

  /** A gctrace line read as text: it ends an open dump, and its cycle is kept and heard of (unless only counted). */
  private takeGcLine(cycle: GcCycle, l: PayloadLine): void {
    this.finish();
    this.sink.counts.gctrace = (this.sink.counts.gctrace ?? 0) + l.physicalLines;
    if (this.toLaneGc(cycle.cycle, cycle.atMs, cycle, l.line)) return;
    this.cycles.noteNumber(cycle.cycle, l.line, this.interleavedSaid);
    if (this.sink.countGcOnly !== true) {
      this.cycles.add(cycle, l.line);
      this.sink.gcCycle?.(cycle, this.stream, l.line);
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
   * Input went quiet (a live follower saw no line for one period): emits the open dump if it is whole.
   * A scheddetail dump still short of GOMAXPROCS P lines stays open, since its next lines may be in
   * the next write; it ends as usual, at the next dump or at the end of input.
   */
  flushIdle(): void {
    this.releaseHeldDetail();
    this.endPausedDump();
    this.releaseCrash();
    const p = this.pending;
    if (p === null || p.incomplete) return;
    if (p.detailed && p.detail.p.length < (p.summary.gomaxprocs ?? 0)) return;
    this.finish();
  }

  /**
   * The held P/M/G line had no continuation: it is malformed after all, unless the input ended with
   * it or the next line is the first dump of a restarted process (`next`: END_OF_INPUT, or the time
   * of the next line's SCHED head, null for any other line): then its process stopped while printing
   * the dump (an exit, a kill, a crash-looping container), and the line is the dump's own, cut. It
   * counts as schedtrace with a diagnostic of its own.
   */
  private releaseHeldDetail(next: number | null = null): void {
    const held = this.heldDetail;
    if (held === null) return;
    this.heldDetail = null;
    const openT = this.pending?.summary.tMs ?? null;
    if (next === END_OF_INPUT || (next !== null && (next === 0 || (openT !== null && next < openT)))) {
      this.sink.counts.schedtrace += held.l.physicalLines;
      this.sink.diagnostic(diagnostic('cut-line', held.l.line, this.stream, held.problems.join('; ')));
      return;
    }
    this.malformed(held.l, diagnostic('malformed-detail', held.l.line, this.stream, held.problems.join('; ')));
  }

  /**
   * Another writer's line spliced into a P, M or G line, as into a SCHED line (spliceNext): each
   * `key=` and each value is a write of its own, so the runtime's text goes on at the start of the
   * next line. The cut, tried from the end back, is before a number only after a non-digit (a number
   * is one write), before a blank only after a value, before a word only after `=`; the foreign text
   * starts with a digit only as a date or a time. The joined line must read without a problem.
   */
  private spliceDetail(held: HeldDetail, next: PayloadLine): boolean {
    const p = this.pending;
    if (p === null || !p.detailed || p.incomplete) return false;
    const text = next.text;
    // An empty line is the runtime's last write, its `\n`, after another writer's line.
    const c0 = text === '' ? 10 : text.charCodeAt(0);
    // The runtime's text goes on with a value or a ` key=` (one blank): a line with two blanks first
    // is a P/M/G line of its own (the byte readers take it so, and release the held line first).
    if (c0 === 9 || (c0 === 32 && text.charCodeAt(1) === 32)) return false;
    if (detailHead(text) !== null || findHead(text) >= 0) return false;
    const raw = held.l.text;
    const joined = detailWholeCut(raw, text, c0, p.ev);
    if (joined !== null) {
      this.heldDetail = null;
      this.details.add(p, joined.line);
      this.sink.counts.schedtrace += held.l.physicalLines + next.physicalLines;
      held.cuts.push({ text: raw.slice(joined.cut), line: held.lastLine });
      for (const cut of held.cuts)
        this.sink.diagnostic(diagnostic('interleaved-text', cut.line, this.stream, cut.text));
      return true;
    }
    // Not the last piece: the runtime's text goes on here and another writer's line ends this one too.
    if (held.cuts.length + 1 >= MAX_SUMMARY_PIECES) return false;
    const c = detailMiddleCut(raw, text);
    if (c < 0) return false;
    held.cuts.push({ text: raw.slice(c), line: held.lastLine });
    held.l = { ...held.l, text: raw.slice(0, c) + text, physicalLines: held.l.physicalLines + next.physicalLines };
    held.lastLine = next.line;
    held.waited = 0;
    return true;
  }

  /**
   * Another writer's line spliced into a SCHED line between two of the runtime's writes: schedtrace
   * prints each argument with a write of its own (printlock, then printstring / printint → gwrite),
   * so a whole line from another thread (a log.Printf) can land after any key's `=`, any number or
   * any blank of the per-P list, and the runtime's text goes on at the start of the next line:
   *   SCHED 316ms: gomaxprocs=4 … idlethreads=2026/12/01 22:59:35 worker 5 at 0
   *   1 runqueue=2 [ 0 0 1 0 ] schedticks=[ 18 26 21 21 ]
   * The cut is where the line's text, up to it, and the next line make one whole summary line:
   * tried from the end back, after a non-digit when the next line starts with a digit (a number is
   * one write) and after a digit when it starts with a blank; inside a run of digits only before a
   * date or a time (`2026/12/01`, `2026-12-01`, `22:59:35`), never after a date's year, and never
   * after a number the runtime could not print (a leading zero).
   * Whether the line was read at all (the cut's foreign text is reported as interleaved).
   */
  private spliceNext(p: PendingDump, text: string, physicalLines: number, line: number): boolean {
    if (!startsAWrite(text)) return false;
    // An empty line is the runtime's `\n` after another writer's line (the scheddetail tail's).
    const next = text === '' ? 10 : text.charCodeAt(0);
    const raw = p.text;
    const head = findHead(raw);
    if (head < 0) return false;
    const from = raw.indexOf(': ', head) + 2;
    const joined = summaryWholeCut(raw, head, from, text, next);
    if (joined !== null) {
      p.ev = joined.ev;
      p.summary = joined.fields;
      p.text = joined.text;
      this.noteSplice(p, raw.slice(joined.cut));
      this.settle(p, physicalLines);
      this.reportInterleaved(p);
      return true;
    }
    // Not the last piece: the runtime's text goes on here and another writer's line ends this one too.
    if ((p.pieces ?? 1) >= MAX_SUMMARY_PIECES) return false;
    const c = middleCut(raw, from, head, text);
    if (c < 0) return false;
    this.noteSplice(p, raw.slice(c));
    p.pieces = (p.pieces ?? 1) + 1;
    p.lastPieceLine = line;
    p.ev = emptyEvidence();
    p.text = raw.slice(0, c) + text;
    p.summary = parseSummary(p.text, head, p.ev);
    this.settle(p, physicalLines);
    p.incomplete = true;
    return true;
  }

  /** Foreign text cut out of the pending summary line, reported with the line it ended. */
  private noteSplice(p: PendingDump, foreign: string): void {
    const cuts = (p.cuts ??= []);
    cuts.push({ text: foreign, line: p.lastPieceLine ?? p.line });
    p.interleaved = cuts.map((cut) => cut.text);
  }

  /** The rest of a wrapped summary line: nothing but summary keys and lists. */
  private isContinuation(text: string): boolean {
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
   * A plain summary line read in place from a block of text (no envelope: it starts with `SCHED `).
   * Returns false, having changed nothing, when the fast path cannot read it; the caller then cuts
   * the line out and pushes it.
   */
  pushSummaryRange(text: string, start: number, end: number, line: number): boolean {
    this.cutGc = null;
    this.releaseHeldDetail(this.heldDetail === null ? null : headTimeAt(text.slice(start, end)));
    return this.fast && this.startFast({ text, line, physicalLines: 1 }, start, end);
  }

  /**
   * A P/M/G line of the open dump read in place from a block of text (it starts with blanks, so it
   * carries no envelope). Returns false, having changed nothing, unless the fast path read it.
   */
  pushDetailRange(text: string, start: number, end: number): boolean {
    this.cutGc = null;
    this.releaseHeldDetail();
    const p = this.pending;
    if (p === null || !p.detailed || p.incomplete || !this.fast) return false;
    const head = detailHead(text, start, end);
    if (head === null || !this.details.fast(p, text, head, end)) return false;
    this.sink.counts.schedtrace++;
    this.pausedAt = null;
    return true;
  }

  /** How many lines the last pushDetailLines read. */
  get detailLines(): number {
    return this.details.lines;
  }

  /**
   * The P/M/G lines of the open dump from b[start, ...), read by the byte scanner one after another
   * up to the first other line or the first it does not take (or `limit`). Returns where the last line
   * read ends (its \n, or limit), or -1 when it read none; `detailLines` says how many it read. A line
   * it does not take is left as it was, but for era evidence the string readers record too. Nothing
   * looks for the line ends first: the scanners find them as they read.
   */
  pushDetailLines(b: Uint8Array, start: number, limit: number): number {
    this.cutGc = null;
    this.releaseHeldDetail();
    const p = this.pending;
    if (p === null || !p.detailed || p.incomplete || !this.fast) {
      this.details.lines = 0;
      return -1;
    }
    const end = this.details.scanned(p, b, start, limit);
    const k = this.details.lines;
    this.sink.counts.schedtrace += k;
    if (k > 0) this.pausedAt = null;
    return end;
  }

  /**
   * A SCHED line without envelope read by the byte scanner from b[start], up to its LF before `end`
   * (line `line`). Returns where the LF is (`end` when none), or -1, having changed nothing, when the
   * scanner cannot read it; the caller then decodes the line and pushes it to the string readers.
   */
  pushSummaryBytes(b: Uint8Array, start: number, end: number, line: number): number {
    // As the string readers do (RUNTIME_LINE_START): a cut gctrace line is given up at a line with a
    // runtime head, and the router sends here every `S` line with a digit at 6 (`SHED 800ms: …` too).
    if (schedHeadAt(b, start)) this.cutGc = null;
    this.releaseHeldDetail(this.heldDetail === null ? null : headTimeAt(decodeBytes(b, start, end)));
    if (!this.fast) return -1;
    const sc = scanned;
    let layout = this.byteLayout;
    if (!scanSummary(b, start, end, layout, sc)) {
      let found: ByteLayout | null = null;
      for (const l of byteLayouts) {
        if (l !== layout && scanSummary(b, start, end, l, sc)) {
          found = l;
          break;
        }
      }
      if (found === null) return -1;
      this.byteLayout = layout = found;
    }
    if (sc.detailed) {
      this.finish();
      const f = emptyFields(sc.tMs);
      f.gomaxprocs = sc.gomaxprocs;
      f.idleprocs = sc.idleprocs;
      f.threads = sc.threads;
      if (sc.spinningthreads >= 0) f.spinningthreads = sc.spinningthreads;
      if (sc.needspinning >= 0) f.needspinning = sc.needspinning;
      f.idlethreads = sc.idlethreads;
      f.runqueue = sc.runqueue;
      f.gcwaiting = sc.gcwaiting;
      f.nmidlelocked = sc.nmidlelocked;
      f.stopwait = sc.stopwait;
      f.sysmonwait = sc.sysmonwait;
      this.pending = {
        text: '',
        line,
        summary: f,
        ev: sc.evidence(layout),
        detailed: true,
        incomplete: false,
        detail: this.details.fresh(),
        heldLines: 1,
        dying: false,
      };
      return sc.next;
    }
    // A P count no running program has (procresize never leaves it without one) or past the limit:
    // the general reader says why the line is malformed.
    if (sc.gomaxprocs < 1 || sc.gomaxprocs > MAX_PS || sc.nRunq > MAX_PS) return -1;
    this.finish();
    this.sink.counts.schedtrace++;
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
      this.emit(this.snapshotOf(sc, layout, line), false);
      return sc.next;
    }
    const ticks = scannedTickSum(sc);
    if (this.lanes.recordEarly) this.lanes.watch(sc.tMs, sc.gomaxprocs, ticks);
    const lane = this.lanes.active ? this.lanes.route(sc.tMs, sc.gomaxprocs, ticks) : null;
    if (lane !== null) this.toLane(lane, this.snapshotOf(sc, layout, line), ticks, false, false);
    else this.emitRow(rows, sc, layout, line, ticks);
    return sc.next;
  }

  /**
   * A gctrace line without envelope read by the byte scanner from b[start], up to its LF before
   * `end` (line `line`). Returns where the LF is (`end` when none), or -1, having changed nothing,
   * unless it read it.
   */
  pushGcBytes(b: Uint8Array, start: number, end: number, line: number): number {
    this.cutGc = null;
    this.releaseHeldDetail();
    if (!this.fast || this.pending?.incomplete === true) return -1;
    const countOnly = this.sink.countGcOnly === true;
    const cycle = countOnly ? null : scanGcLine(b, start, end);
    const number = cycle !== null ? cycle.cycle : countOnly ? gcLineCycle(b, start, end) : -1;
    if (number < 0) return -1;
    this.finish();
    this.sink.counts.gctrace = (this.sink.counts.gctrace ?? 0) + 1;
    // The scanner reuses its cycle: a lane sums it (addGcCycle keeps none of it), a listener gets a copy.
    if (this.toLaneGc(number, cycle?.atMs ?? Number.NaN, cycle, line)) return gcLineEnd;
    this.cycles.noteNumber(number, line, this.interleavedSaid);
    if (cycle !== null) {
      this.cycles.add(cycle, line);
      this.sink.gcCycle?.({ ...cycle }, this.stream, line);
    }
    return gcLineEnd;
  }

  /** The Snapshot of a plain SCHED line the byte scanner read (as directSummary makes it). */
  private snapshotOf(sc: SummaryScan, layout: ByteLayout, line: number): Snapshot {
    const runq: number[] = [];
    for (let k = 0; k < sc.nRunq; k++) runq.push(sc.runq[k]!);
    const s: Snapshot = {
      stream: this.stream,
      run: 0,
      line,
      tMs: sc.tMs,
      era: layout.era,
      gomaxprocs: sc.gomaxprocs,
      idleprocs: sc.idleprocs,
      threads: sc.threads,
      idlethreads: sc.idlethreads,
      runqueue: sc.runqueue,
      runq,
    };
    if (sc.spinningthreads >= 0) s.spinningthreads = sc.spinningthreads;
    if (sc.needspinning >= 0) s.needspinning = sc.needspinning;
    if (sc.nTicks >= 0) {
      const ticks: number[] = [];
      for (let k = 0; k < sc.nTicks; k++) ticks.push(sc.ticks[k]!);
      s.schedticks = ticks;
    }
    return s;
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
    this.lanes.tookCurrent(this.run, tMs, sc.gomaxprocs, ticks, from !== null || this.emitted === 0, false);
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
    batch.era[r] = layout.era;
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

  /** The common case: a whole, untouched summary line of a known layout. */
  private startFast(l: PayloadLine, start = 0, end = l.text.length): boolean {
    const s = directSummary(l.text, this.layout, start, end, this.stream, l.line, l.wallTime);
    if (s !== null) {
      this.finish();
      this.sink.counts.schedtrace += l.physicalLines;
      this.emit(s, false);
      return true;
    }
    const ev = emptyEvidence();
    let fields = fastSummary(l.text, this.layout, ev, start, end);
    if (fields === null) {
      for (const spec of summaryLayouts) {
        if (spec === this.layout) continue;
        fields = fastSummary(l.text, spec, ev, start, end);
        if (fields !== null) {
          this.layout = spec;
          break;
        }
      }
      if (fields === null) return false;
    }
    this.finish();
    const detailed = fields.runq === undefined;
    const p: PendingDump = {
      // Only an incomplete summary is ever re-read, and a fast-path one is complete.
      text: '',
      line: l.line,
      summary: fields,
      ev,
      detailed,
      incomplete: false,
      detail: detailed ? this.details.fresh() : NO_DETAIL,
      heldLines: l.physicalLines,
      dying: false,
    };
    if (l.wallTime !== undefined) p.wallTime = l.wallTime;
    this.pending = p;
    if (!detailed) this.finish();
    return true;
  }

  private start(l: PayloadLine, headAt: number): void {
    this.prefixWidth = Math.max(0, headAt);
    const ev = emptyEvidence();
    const p: PendingDump = {
      text: l.text,
      line: l.line,
      summary: parseSummary(l.text, headAt, ev),
      ev,
      detailed: false,
      incomplete: false,
      detail: this.details.fresh(),
      heldLines: 0,
      dying: false,
    };
    if (l.wallTime !== undefined) p.wallTime = l.wallTime;
    this.pending = p;
    this.settle(p, l.physicalLines);
    if (p.summary.prefix !== '') {
      this.sink.diagnostic(diagnostic('interleaved-text', l.line, this.stream, p.summary.prefix));
    }
    p.interleaved = p.summary.interleaved;
    if (!p.incomplete) this.reportInterleaved(p);
    if (!p.incomplete && !p.detailed) this.finish();
  }

  /** The foreign text found inside the pending summary line, once. */
  private reportInterleaved(p: PendingDump): void {
    const texts = p.interleaved;
    if (texts === undefined) return;
    p.interleaved = undefined;
    const cuts = p.cuts;
    for (let i = 0; i < texts.length; i++)
      this.sink.diagnostic(diagnostic('interleaved-text', cuts?.[i]?.line ?? p.line, this.stream, texts[i]!));
  }

  private reparse(p: PendingDump, text: string, addLines: number): void {
    p.ev = emptyEvidence();
    p.summary = parseSummary(text, findHead(text), p.ev);
    p.text = text;
    this.settle(p, addLines);
  }

  private settle(p: PendingDump, addLines: number): void {
    p.heldLines += addLines;
    const f = p.summary;
    p.detailed = f.runq === undefined && f.sysmonwait !== undefined;
    // A schedticks list cut short waits for its end too (spliceNext), and so does a per-P list that
    // another writer's text followed: schedticks= may come on the next line (Go 1.25+ prints it).
    p.incomplete =
      f.runqueue === undefined ||
      (f.runq === undefined && !p.detailed) ||
      (f.schedticks === undefined && (p.ev.schedticks || (f.runq !== undefined && f.interleaved.length > 0)));
  }

  private finish(): void {
    const p = this.pending;
    if (p === null) return;
    this.pending = null;
    this.reportInterleaved(p);
    const f = p.summary;
    const problems = f.problems;
    // A line cut by other writers' lines whose last piece never came: its text holds foreign text.
    if (p.incomplete && p.pieces !== undefined)
      problems.push(`cut by other output into ${p.pieces} pieces, the last of which never came`);
    // (A schedticks list cut short has its own problem already.)
    else if (f.runqueue === undefined || (f.runq === undefined && !p.detailed))
      problems.push(f.runq === undefined ? 'the line ends before the per-P list' : 'missing runqueue=');
    if (f.tMs !== null && Number.isNaN(f.tMs)) problems.push('unreadable time');
    else if (f.tMs !== null && !Number.isSafeInteger(f.tMs)) problems.push(`time ${f.tMs}ms is above 2^53`);
    const runq = p.detailed ? pColumn(p.detail.p, 'runqsize') : f.runq;
    const gomaxprocs = f.gomaxprocs ?? (p.detailed ? p.detail.p.length : runq?.length);
    if (f.idleprocs === undefined) problems.push('missing idleprocs=');
    if (f.threads === undefined) problems.push('missing threads=');
    // procresize never leaves a running program without a P.
    if (gomaxprocs !== undefined && gomaxprocs < 1)
      problems.push(`gomaxprocs=${gomaxprocs}: a running program has a P`);
    if ((gomaxprocs ?? 0) > MAX_PS || (runq?.length ?? 0) > MAX_PS)
      problems.push(`more than ${MAX_PS} Ps (CONFIG_NR_CPUS of Linux distribution kernels); not read`);
    if (f.idlethreads === undefined) problems.push('missing idlethreads=');
    if (problems.length > 0 || gomaxprocs === undefined || runq === undefined) {
      this.sink.counts.malformed += p.heldLines;
      this.sink.diagnostic(diagnostic('malformed-summary', p.line, this.stream, problems.join('; ')));
      return;
    }
    const s: Snapshot = {
      stream: this.stream,
      run: 0,
      line: p.line,
      tMs: f.tMs,
      era: detectEra(p.ev),
      gomaxprocs,
      idleprocs: f.idleprocs!,
      threads: f.threads!,
      idlethreads: f.idlethreads!,
      runqueue: f.runqueue!,
      runq,
    };
    if (p.wallTime !== undefined) s.wallTime = p.wallTime;
    if (f.spinningthreads !== undefined) s.spinningthreads = f.spinningthreads;
    if (f.needspinning !== undefined) s.needspinning = f.needspinning;
    if (f.schedticks !== undefined) s.schedticks = f.schedticks;
    if (f.extra !== undefined) s.extra = f.extra;
    if (p.detailed) {
      if (f.gcwaiting !== undefined) s.gcwaiting = f.gcwaiting;
      if (f.nmidlelocked !== undefined) s.nmidlelocked = f.nmidlelocked;
      if (f.stopwait !== undefined) s.stopwait = f.stopwait;
      if (f.sysmonwait !== undefined) s.sysmonwait = f.sysmonwait;
      s.detail = p.detail;
      this.details.close(p.detail);
      if (p.detail.p.length < gomaxprocs) {
        s.truncated = true;
        this.sink.diagnostic(diagnostic('truncated-dump', p.line, this.stream, p.detail.p.length, gomaxprocs));
      }
    }
    this.sink.counts.schedtrace += p.heldLines;
    this.emit(s, p.detailed, p.dying);
  }

  /**
   * Whether a dump is shaped like the one runtime.startpanic_m prints even without scheddetail: a
   * detailed dump after summary-only ones, or with crash text next to it.
   */
  private crashDumpShape(detailed: boolean): boolean {
    return detailed && (this.lastWasDetailed === false || this.crashTextSeen);
  }

  private emit(s: Snapshot, detailed: boolean, dying = false, routed = true): void {
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
    // A process followed as a stream of its own still prints: this one began beside it.
    if (newRun && this.lanes.namedLive) s.beside = { stream: this.stream, from: this.run - 1, to: this.run };
    // The go command relays a compile's dumps after its header once the compile ended: not live.
    const relayed = s.priorOutput !== undefined && isGoBuildHeader(s.priorOutput.text);
    if (t !== null)
      this.lanes.tookCurrent(this.run, t, s.gomaxprocs, ticks, newRun || this.emitted === 0, died, relayed);
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
    if (s.crash === true && s.exitText === undefined) this.heldCrash = s;
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
    this.crashTextSeen = false;
    this.runCrashed = false;
    this.lastWasDetailed = null;
  }

  /** Hands on a held crash dump (and the dump after it), named by the exit text read since. */
  private releaseCrash(): void {
    const crash = this.heldCrash;
    if (crash === null) return;
    this.heldCrash = null;
    if (this.exitText !== null) crash.exitText = this.exitText;
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

  private malformed(l: PayloadLine, d: Diagnostic): void {
    this.sink.counts.malformed += l.physicalLines;
    this.sink.diagnostic(d);
  }
}

/**
 * `text` from column w on when it is a P, M or G line, the head of a gctrace line or crash text (a
 * prefixed stream's payload, which push then reads in full); null otherwise.
 */
function prefixedPayload(text: string, w: number): string | null {
  if (text.length <= w) return null;
  const rest = text.slice(w);
  const c = rest.charCodeAt(0);
  const payload = c === 32 ? detailHead(rest) !== null : c === 103 /* g */ ? GC_HEAD.test(rest) : CRASH_TEXT.test(rest);
  return payload ? rest : null;
}

/** Characters of a line of other output kept to name a restart (Snapshot.priorOutput). */
const PRIOR_OUTPUT_CHARS = 200;
const NOT_BLANK = /\S/;

function priorOutputOf(l: PayloadLine): { text: string; line: number } {
  const said = l.text.trim();
  return { text: said.length > PRIOR_OUTPUT_CHARS ? `${said.slice(0, PRIOR_OUTPUT_CHARS)}…` : said, line: l.line };
}

/** The start of a gctrace line (`gc 12 @`): parseGcLine reads the rest. */
const GC_HEAD = /^gc \d+ @/;

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

/** releaseHeldDetail's `next` at the end of input. */
const END_OF_INPUT = -1;
