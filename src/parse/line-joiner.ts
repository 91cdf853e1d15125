import { diagnostic } from '../messages.js';
import type { DumpEmitter } from './dump-emitter.js';
import { detailHead } from './detail-line.js';
import { emptyEvidence } from './eras/index.js';
import { parseGcLine } from './gctrace-line.js';
import {
  type CutGc,
  type HeadCut,
  type HeldDetail,
  HEAD_REST,
  isContinuation,
  MAX_LINES_BETWEEN_WRITES,
  MAX_SUMMARY_PIECES,
} from './held-pieces.js';
import { isDateAt, isDigit } from './key-values.js';
import type { OpenDump } from './open-dump.js';
import type { PayloadLine } from './payload-line.js';
import type { PendingDump } from './pending-dump.js';
import {
  detailMiddleCut,
  detailWholeCut,
  gcMiddleCut,
  gcWholeCut,
  middleCut,
  startsAWrite,
  summaryWholeCut,
} from './spliced-writes.js';
import { malformed, type StreamSink } from './stream-sink.js';
import { findHead, parseSummary } from './summary-line.js';

/** releaseHeldDetail's `next` at the end of input. */
export const END_OF_INPUT = -1;

/**
 * Joins the runtime's lines that other writers' lines cut: a SCHED head, a SCHED line, a P, M or G
 * line or a gctrace line is printed with many writes, and another thread's whole line can land
 * between any two of them. What waits for the next piece is held-pieces.ts's, where a cut can be
 * spliced-writes.ts's.
 */
export class LineJoiner {
  /** The line before, when it was `SCHED ` and maybe the time, then another writer's text (joinHead). */
  headCut: HeadCut | null = null;
  /**
   * A P, M or G line of the open dump that did not read, held for one line: it may be the runtime's
   * text cut by another writer's line, which the next line goes on from (spliceDetail).
   */
  heldDetail: HeldDetail | null = null;
  /**
   * A gctrace line cut by other writers' lines, waiting for its next piece (joinGcPiece). A line of
   * the runtime's own (SCHED, gctrace, P/M/G) is none of its pieces: push and every byte reader give
   * it up there.
   */
  cutGc: CutGc | null = null;

  constructor(
    private readonly stream: string,
    private readonly sink: StreamSink,
    private readonly dump: OpenDump,
    private readonly emitter: DumpEmitter,
  ) {}

  /**
   * The SCHED head cut by another writer's line (`SCHED ` and the time are writes of their own):
   *   SCHED 572026/12/01 23:12:49 worker 1 at 0
   *   ms: gomaxprocs=4 idleprocs=0 … schedticks=[ 4 3 6 4 ]
   * (or `SCHED ` alone, then `149ms: gomaxprocs=…`). The line before was counted as foreign; when
   * this one starts the rest of the head, the two are one SCHED line, and the text between is
   * reported as interleaved. Whether the line was taken.
   */
  joinHead(cut: HeadCut, l: PayloadLine): boolean {
    // The next physical line only (the fast paths read lines without push, and do not clear the cut).
    if (l.line !== cut.nextLine) return false;
    const m = HEAD_REST.exec(l.text);
    if (m === null && cut.digits === '') return this.headTimeCut(cut, l);
    if (m === null || (cut.digits === '') === (m[1] === '')) return false;
    const text = `SCHED ${cut.digits}${l.text}`;
    const at = findHead(text);
    if (at < 0) return false;
    this.sink.counts.foreign -= cut.physicalLines;
    this.dump.finish();
    const joined: PayloadLine = { text, line: cut.line, physicalLines: cut.physicalLines + l.physicalLines };
    if (cut.wallTime !== undefined) joined.wallTime = cut.wallTime;
    this.dump.start(joined, at);
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

  /**
   * A gctrace line whose rest never came before its stream ended: the process stopped while printing
   * it (no later cycle number will show the gap). Its pieces were counted as foreign while they
   * waited; they are the runtime's own line, counted as gctrace as a cut P/M/G line is counted as
   * schedtrace (cut-line), and reported with its line: its cycle is not read.
   */
  giveUpCutGc(): void {
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
  joinGcPiece(gc: CutGc, l: PayloadLine): boolean {
    const text = l.text;
    const c = gcWholeCut(gc.text, text);
    if (c >= 0) {
      this.cutGc = null;
      gc.cuts.push({ text: gc.text.slice(c), line: gc.lastLine });
      this.sink.counts.foreign -= gc.physicalLines;
      const cycle = parseGcLine(gc.text.slice(0, c) + text)!;
      this.dump.finish();
      this.emitter.takeGcLine(cycle, { text, line: gc.line, physicalLines: gc.physicalLines + l.physicalLines });
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

  /**
   * The held P/M/G line had no continuation: it is malformed after all, unless the input ended with
   * it or the next line is the first dump of a restarted process (`next`: END_OF_INPUT, or the time
   * of the next line's SCHED head, null for any other line): then its process stopped while printing
   * the dump (an exit, a kill, a crash-looping container), and the line is the dump's own, cut. It
   * counts as schedtrace with a diagnostic of its own.
   */
  releaseHeldDetail(next: number | null = null): void {
    const held = this.heldDetail;
    if (held === null) return;
    this.heldDetail = null;
    const openT = this.dump.pending?.summary.tMs ?? null;
    if (next === END_OF_INPUT || (next !== null && (next === 0 || (openT !== null && next < openT)))) {
      this.sink.counts.schedtrace += held.l.physicalLines;
      this.sink.diagnostic(diagnostic('cut-line', held.l.line, this.stream, held.problems.join('; ')));
      return;
    }
    malformed(this.sink, held.l, diagnostic('malformed-detail', held.l.line, this.stream, held.problems.join('; ')));
  }

  /**
   * Another writer's line spliced into a P, M or G line, as into a SCHED line (spliceNext): each
   * `key=` and each value is a write of its own, so the runtime's text goes on at the start of the
   * next line. The cut, tried from the end back, is before a number only after a non-digit (a number
   * is one write), before a blank only after a value, before a word only after `=`; the foreign text
   * starts with a digit only as a date or a time. The joined line must read without a problem.
   */
  spliceDetail(held: HeldDetail, next: PayloadLine): boolean {
    const p = this.dump.pending;
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
      this.dump.details.add(p, joined.line);
      p.endLine = next.line + next.physicalLines - 1;
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
  spliceNext(p: PendingDump, text: string, physicalLines: number, line: number): boolean {
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
      this.dump.settle(p, physicalLines);
      this.dump.reportInterleaved(p);
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
    this.dump.settle(p, physicalLines);
    p.incomplete = true;
    return true;
  }

  /** Foreign text cut out of the pending summary line, reported with the line it ended. */
  private noteSplice(p: PendingDump, foreign: string): void {
    const cuts = (p.cuts ??= []);
    cuts.push({ text: foreign, line: p.lastPieceLine ?? p.line });
    p.interleaved = cuts.map((cut) => cut.text);
  }

  /**
   * The rest of a wrapped summary line (isContinuation) joined to the pending one, which was read
   * without a problem and never cut. Whether the line was.
   */
  joinWrapped(p: PendingDump, l: PayloadLine): boolean {
    const text = l.text;
    if (p.pieces !== undefined || p.summary.problems.length > 0 || !isContinuation(text)) return false;
    // Foreign text the clean text leaves out (after a value's digits) stays to be reported; other
    // foreign text is still in it, and the reparse finds it again.
    for (const t of p.summary.interleaved) if (!p.summary.clean.includes(t)) this.noteSplice(p, t);
    p.lastPieceLine = l.line;
    this.dump.reparse(p, `${p.summary.clean} ${text.trim()}`, l.physicalLines);
    p.interleaved = [...(p.cuts ?? []).map((cut) => cut.text), ...p.summary.interleaved];
    if (!p.incomplete) this.dump.reportInterleaved(p);
    return true;
  }
}
