import { diagnostic } from '../messages.js';
import { decodeBytes } from './byte-cursor.js';
import { gcLineCycle, gcLineEnd, scanGcLine } from './byte-gctrace.js';
import { schedHeadAt } from './byte-summary.js';
import { CRASH_TEXT, EXIT_TEXT } from './crash-text.js';
import { detailHead, parseDetail } from './detail-line.js';
import { DumpEmitter } from './dump-emitter.js';
import { parseGcLine, splicedGcLine } from './gctrace-line.js';
import {
  DETAIL_HEAD_CUT,
  GC_PIECE_HEAD,
  gluedHead,
  headCutOf,
  isPlainOutput,
  MAX_LINES_BETWEEN_WRITES,
  RUNTIME_LINE_START,
} from './held-pieces.js';
import { END_OF_INPUT, LineJoiner } from './line-joiner.js';
import { OpenDump } from './open-dump.js';
import type { PayloadLine } from './payload-line.js';
import { gcFirstCut } from './spliced-writes.js';
import { malformed, type StreamCarry, type StreamSink } from './stream-sink.js';
import { findHead, headTimeAt, looksLikeFragment } from './summary-line.js';

export type { PayloadLine } from './payload-line.js';
export type { StreamCarry, StreamSink } from './stream-sink.js';

const BAD_HEAD = /(?:^|\s)SCHED +[^\s:]*ms:/;

/**
 * Parses the schedtrace lines of one stream (one process's output): dumps, runs, diagnostics.
 * A dump ends at the first line that is not one of its P/M/G lines.
 * It routes each line; its parts do the rest: the dump being read (open-dump.ts), the dumps handed on
 * with their runs, crash dumps, gctrace cycles and processes (dump-emitter.ts), and the runtime's
 * lines that other writers cut, joined again (line-joiner.ts).
 */
export class StreamParser {
  /**
   * Another writer's line that came inside a whole scheddetail dump (counted as foreign already).
   * The runtime prints each P, M and G line with writes of its own, so a log line from another thread
   * can land between two of them: the dump goes on when the next line is a P, M or G line, and ends
   * there (as a foreign line always ended it) when it is anything else (endPausedDump).
   */
  private pausedAt: PayloadLine | null = null;
  /** Lines of other output since pausedAt (at most MAX_LINES_BETWEEN_WRITES keep the dump open). */
  private pausedLines = 0;
  /** Where a finished dump goes: its run, crash dump, gctrace cycles and process lane. */
  private readonly emitter: DumpEmitter;
  /** The dump being read. */
  private readonly dump: OpenDump;
  /** The runtime's lines cut by other writers' lines, held and joined. */
  private readonly joiner: LineJoiner;

  constructor(
    private readonly stream: string,
    private readonly sink: StreamSink,
    /** False: every line through the general key=value readers (the fast paths' reference in tests). */
    private readonly fast = true,
    /** The number of the stream's first run: above 0 when it was released earlier (parser.ts). */
    firstRun = 0,
  ) {
    this.emitter = new DumpEmitter(stream, sink, firstRun);
    this.dump = new OpenDump(stream, sink, this.emitter);
    this.joiner = new LineJoiner(stream, sink, this.dump, this.emitter);
  }

  /**
   * The stream's log starts at a later point, on the dump that opens a new run (a process restart):
   * its first dump then starts run 1 with the `time-backwards` diagnostic from 0 ms, as if a run came
   * before. The caller puts the true numbers in (see the parallel analyze in cli/).
   */
  continueAfterRun(): void {
    this.emitter.continueAfterRun();
  }

  /** What the stream's next dump takes from the lines before it (StreamCarry). */
  carry(): StreamCarry {
    return this.emitter.carry(this.dump.pending !== null);
  }

  push(l: PayloadLine): void {
    const text = l.text;
    const joiner = this.joiner;
    // (A SCHED, gctrace or P/M/G line is none of its pieces; the byte readers take those without push.)
    if (joiner.cutGc !== null) {
      if (RUNTIME_LINE_START.test(text)) joiner.cutGc = null;
      else if (joiner.joinGcPiece(joiner.cutGc, l)) return;
    }
    const held = joiner.heldDetail;
    if (held !== null) {
      if (joiner.spliceDetail(held, l)) return;
      // Other writers' whole lines between two of the runtime's writes: the line goes on after them.
      if (held.waited < MAX_LINES_BETWEEN_WRITES && isPlainOutput(text)) {
        held.waited++;
        this.countOutput(l);
        return;
      }
    }
    joiner.releaseHeldDetail(joiner.heldDetail === null ? null : headTimeAt(text));
    if (this.pausedAt !== null) {
      const c = text.charCodeAt(0);
      if ((c === 32 || c === 9) && (detailHead(text) !== null || DETAIL_HEAD_CUT.test(text))) this.pausedAt = null;
      else if (++this.pausedLines <= MAX_LINES_BETWEEN_WRITES && isPlainOutput(text)) {
        this.countOutput(l);
        return;
      } else this.endPausedDump();
    }
    const cut = joiner.headCut;
    if (cut !== null) {
      joiner.headCut = null;
      if (joiner.joinHead(cut, l)) return;
      // Other writers' whole lines before the head's next piece: it goes on after them.
      const skipped = (cut.skipped ?? 0) + l.physicalLines;
      if (l.line === cut.nextLine && skipped <= MAX_LINES_BETWEEN_WRITES && isPlainOutput(text)) {
        joiner.headCut = { ...cut, skipped, nextLine: l.line + l.physicalLines };
        this.countOutput(l);
        return;
      }
    }
    const p = this.dump.pending;
    // A line cut by other writers goes on where spliceNext finds it, not after the text read first.
    // So does one whose text so far holds another writer's (a flag with a date glued to it).
    if (p?.incomplete && (joiner.joinWrapped(p, l) || joiner.spliceNext(p, text, l.physicalLines, l.line))) {
      if (!p.incomplete && !p.detailed) this.dump.finish();
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
          this.dump.finish();
          malformed(this.sink, l, diagnostic('orphan-detail', l.line, this.stream));
          return;
        }
        if (this.fast && this.dump.details.fast(p, text, head, text.length)) {
          this.sink.counts.schedtrace += l.physicalLines;
          p.endLine = l.line + l.physicalLines - 1;
          return;
        }
        const r = parseDetail(text, head, p.ev);
        if (r.problems.length > 0) {
          joiner.heldDetail = { l, problems: r.problems, waited: 0, cuts: [], lastLine: l.line };
          return;
        }
        this.dump.details.add(p, r);
        this.sink.counts.schedtrace += l.physicalLines;
        p.endLine = l.line + l.physicalLines - 1;
        return;
      }
      // A P, M or G line cut after its `  G` or its id (`  G8` and another writer's line): held for
      // the next line to go on with the rest (spliceDetail), reported malformed if it does not.
      if (p?.detailed && !p.incomplete && DETAIL_HEAD_CUT.test(text)) {
        joiner.heldDetail = { l, problems: ['the line is cut after its head'], waited: 0, cuts: [], lastLine: l.line };
        return;
      }
    }
    if (c0 === 83 /* S */ && this.fast && this.dump.startFast(l)) {
      this.dump.prefixWidth = 0;
      return;
    }
    const at = findHead(text);
    if (at >= 0) {
      // A dump cut short (its process died while printing it) and, on the same line, the next
      // process's first dump: the cut one is reported, the whole one read.
      const next = at === 0 ? gluedHead(text) : -1;
      if (next > 0) {
        this.dump.finish();
        this.sink.diagnostic(diagnostic('cut-dump', l.line, this.stream, text.slice(0, next)));
        this.dump.start({ ...l, text: text.slice(next) }, 0);
        return;
      }
    }
    if (at >= 0 || looksLikeFragment(text)) {
      this.dump.finish();
      this.dump.start(l, at);
      return;
    }
    // `SCHED -5ms:`, `SCHED 1e3ms:`: a schedtrace head whose time the runtime cannot print.
    if (BAD_HEAD.test(text)) {
      this.dump.finish();
      malformed(
        this.sink,
        l,
        diagnostic('malformed-summary', l.line, this.stream, 'unreadable time in the SCHED head'),
      );
      return;
    }
    // The SCHED lines behind a prefix were read where their head began: the P, M, G and gctrace
    // lines and the crash text of the same stream carry the same prefix, so they are read at that
    // column too (a prefix of another width leaves the line foreign, as before).
    const rest = this.dump.prefixWidth > 0 ? prefixedPayload(text, this.dump.prefixWidth) : null;
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
        this.dump.finish();
        this.emitter.takeGcLine(cycle, l);
        return;
      }
      // Its first piece, another writer's line after it: foreign until the rest joins it.
      if (GC_PIECE_HEAD.test(text) && gcFirstCut(text))
        joiner.cutGc = { text, line: l.line, physicalLines: l.physicalLines, cuts: [], lastLine: l.line, waited: 0 };
    }
    // A gctrace line another writer's text surrounds on the same line: the cycle, and the text reported.
    const spliced = text.includes('gc ') ? splicedGcLine(text) : null;
    if (spliced !== null) {
      this.dump.finish();
      this.emitter.takeGcLine(spliced.cycle, l);
      for (const t of [spliced.before, spliced.after])
        if (t.trim() !== '') this.sink.diagnostic(diagnostic('interleaved-gctrace', l.line, this.stream, t.trim()));
      return;
    }
    if (CRASH_TEXT.test(text)) {
      this.emitter.crashTextSeen = true;
      if (EXIT_TEXT.test(text)) this.emitter.exitText = text.trim();
    }
    this.sink.counts.foreign += l.physicalLines;
    if (NOT_BLANK.test(text)) this.emitter.lastOutput = l;
    if (p?.detailed && !p.incomplete && !CRASH_TEXT.test(text)) {
      this.pausedAt = l;
      this.pausedLines = 0;
      return;
    }
    this.dump.finish();
    if (!this.emitter.crashTextGoesOn(l)) this.emitter.releaseCrash();
    joiner.headCut = headCutOf(l);
  }

  /** A line of other output that a dump (or a line of it) cut by other writers waits through. */
  private countOutput(l: PayloadLine): void {
    this.sink.counts.foreign += l.physicalLines;
    if (NOT_BLANK.test(l.text)) this.emitter.lastOutput = l;
  }

  /** The line after a foreign line inside a scheddetail dump is no P, M or G line: the dump ended there. */
  private endPausedDump(): void {
    const l = this.pausedAt;
    if (l === null) return;
    this.pausedAt = null;
    this.dump.finish();
    this.emitter.releaseCrash();
    this.joiner.headCut = headCutOf(l);
  }

  /** Ends the stream: emits a dump still open at the end of input. */
  end(): void {
    this.joiner.giveUpCutGc();
    this.joiner.releaseHeldDetail(END_OF_INPUT);
    this.endPausedDump();
    this.dump.finish();
    this.emitter.end();
  }

  /**
   * Input went quiet (a live follower saw no line for one period): emits the open dump if it is whole.
   * A scheddetail dump still short of GOMAXPROCS P lines stays open, since its next lines may be in
   * the next write; it ends as usual, at the next dump or at the end of input.
   */
  flushIdle(): void {
    this.joiner.releaseHeldDetail();
    this.endPausedDump();
    this.emitter.releaseCrash();
    const p = this.dump.pending;
    if (p === null || p.incomplete) return;
    if (p.detailed && p.detail.p.length < (p.summary.gomaxprocs ?? 0)) return;
    this.dump.finish();
  }

  /**
   * A plain summary line read in place from a block of text (no envelope: it starts with `SCHED `).
   * Returns false, having changed nothing, when the fast path cannot read it; the caller then cuts
   * the line out and pushes it.
   */
  pushSummaryRange(text: string, start: number, end: number, line: number): boolean {
    this.joiner.cutGc = null;
    this.joiner.releaseHeldDetail(this.joiner.heldDetail === null ? null : headTimeAt(text.slice(start, end)));
    return this.fast && this.dump.startFast({ text, line, physicalLines: 1 }, start, end);
  }

  /**
   * A P/M/G line of the open dump read in place from a block of text (it starts with blanks, so it
   * carries no envelope), input line `line`. Returns false, having changed nothing, unless the fast
   * path read it.
   */
  pushDetailRange(text: string, start: number, end: number, line: number): boolean {
    this.joiner.cutGc = null;
    this.joiner.releaseHeldDetail();
    const p = this.dump.pending;
    if (p === null || !p.detailed || p.incomplete || !this.fast) return false;
    const head = detailHead(text, start, end);
    if (head === null || !this.dump.details.fast(p, text, head, end)) return false;
    this.sink.counts.schedtrace++;
    p.endLine = line;
    this.pausedAt = null;
    return true;
  }

  /** How many lines the last pushDetailLines read. */
  get detailLines(): number {
    return this.dump.details.lines;
  }

  /**
   * The P/M/G lines of the open dump from b[start, ...) (the first is input line `line`), read by the byte scanner one after another
   * up to the first other line or the first it does not take (or `limit`). Returns where the last line
   * read ends (its \n, or limit), or -1 when it read none; `detailLines` says how many it read. A line
   * it does not take is left as it was, but for era evidence the string readers record too. Nothing
   * looks for the line ends first: the scanners find them as they read.
   */
  pushDetailLines(b: Uint8Array, start: number, limit: number, line: number): number {
    this.joiner.cutGc = null;
    this.joiner.releaseHeldDetail();
    const p = this.dump.pending;
    if (p === null || !p.detailed || p.incomplete || !this.fast) {
      this.dump.details.lines = 0;
      return -1;
    }
    const end = this.dump.details.scanned(p, b, start, limit);
    const k = this.dump.details.lines;
    this.sink.counts.schedtrace += k;
    if (k > 0) {
      this.pausedAt = null;
      p.endLine = line + k - 1;
    }
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
    if (schedHeadAt(b, start)) this.joiner.cutGc = null;
    this.joiner.releaseHeldDetail(this.joiner.heldDetail === null ? null : headTimeAt(decodeBytes(b, start, end)));
    if (!this.fast) return -1;
    return this.dump.startScanned(b, start, end, line);
  }

  /**
   * A gctrace line without envelope read by the byte scanner from b[start], up to its LF before
   * `end` (line `line`). Returns where the LF is (`end` when none), or -1, having changed nothing,
   * unless it read it.
   */
  pushGcBytes(b: Uint8Array, start: number, end: number, line: number): number {
    this.joiner.cutGc = null;
    this.joiner.releaseHeldDetail();
    if (!this.fast || this.dump.pending?.incomplete === true) return -1;
    const countOnly = this.sink.countGcOnly === true;
    const cycle = countOnly ? null : scanGcLine(b, start, end);
    const number = cycle !== null ? cycle.cycle : countOnly ? gcLineCycle(b, start, end) : -1;
    if (number < 0) return -1;
    this.dump.finish();
    this.emitter.takeScannedGc(number, cycle, line);
    return gcLineEnd;
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

const NOT_BLANK = /\S/;

/** The start of a gctrace line (`gc 12 @`): parseGcLine reads the rest. */
const GC_HEAD = /^gc \d+ @/;
