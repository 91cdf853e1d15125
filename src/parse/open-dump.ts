import { diagnostic } from '../messages.js';
import { pColumn, type Snapshot } from '../trace/snapshot.js';
import { byteLayouts, scanSummary, SummaryScan, type ByteLayout } from './byte-summary.js';
import type { DumpEmitter } from './dump-emitter.js';
import { detectEra, emptyEvidence, type EraSpec } from './eras/index.js';
import { MAX_PS } from './limits.js';
import type { PayloadLine } from './payload-line.js';
import { DetailIntake, NO_DETAIL, type PendingDump } from './pending-dump.js';
import type { StreamSink } from './stream-sink.js';
import { directSummary } from './summary-direct.js';
import { emptyFields, fastSummary, findHead, parseSummary } from './summary-line.js';

const summaryLayouts: readonly EraSpec[] = byteLayouts.map((l) => l.spec);
/** The SCHED line the byte scanner read last (one parser reads one line at a time). */
const scanned = new SummaryScan();

/**
 * The dump a stream parser is reading: begun by its SCHED line (whole, through a fast path, or read by
 * the general readers and maybe waiting for the rest of a wrapped or cut line), filled with its P, M
 * and G lines (pending-dump.ts), and finished into a Snapshot for the DumpEmitter, or malformed.
 */
export class OpenDump {
  pending: PendingDump | null = null;
  /**
   * The column where the stream's last SCHED head began behind text no envelope reader strips (a
   * shipper's own prefix: `[api] `, `<time> app[web.1]: `); 0 when it began the line.
   */
  prefixWidth = 0;
  /** The layout the last summary line matched: tried first on the next one. */
  private layout: EraSpec = summaryLayouts[summaryLayouts.length - 1]!;
  private byteLayout: ByteLayout = byteLayouts[byteLayouts.length - 1]!;
  /** The open dump's P, M and G lines go in through it, kept or counted as the sink asks. */
  readonly details: DetailIntake;

  constructor(
    private readonly stream: string,
    private readonly sink: StreamSink,
    private readonly emitter: DumpEmitter,
  ) {
    this.details = new DetailIntake(sink);
  }

  /**
   * A SCHED line without envelope read by the byte scanner from b[start], up to its LF before `end`
   * (line `line`): a detailed one opens the dump, a plain one is emitted. Returns where the LF is
   * (`end` when none), or -1, having changed nothing, when the scanner cannot read it.
   */
  startScanned(b: Uint8Array, start: number, end: number, line: number): number {
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
        endLine: line,
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
    this.emitter.emitScanned(sc, layout, line);
    return sc.next;
  }

  /** The common case: a whole, untouched summary line of a known layout. */
  startFast(l: PayloadLine, start = 0, end = l.text.length): boolean {
    const s = directSummary(l.text, this.layout, start, end, this.stream, l.line, l.wallTime);
    if (s !== null) {
      this.finish();
      this.sink.counts.schedtrace += l.physicalLines;
      this.emitter.emit(s, false);
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
      endLine: l.line,
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

  start(l: PayloadLine, headAt: number): void {
    this.prefixWidth = Math.max(0, headAt);
    const ev = emptyEvidence();
    const p: PendingDump = {
      text: l.text,
      line: l.line,
      endLine: l.line,
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
  reportInterleaved(p: PendingDump): void {
    const texts = p.interleaved;
    if (texts === undefined) return;
    p.interleaved = undefined;
    const cuts = p.cuts;
    for (let i = 0; i < texts.length; i++)
      this.sink.diagnostic(diagnostic('interleaved-text', cuts?.[i]?.line ?? p.line, this.stream, texts[i]!));
  }

  reparse(p: PendingDump, text: string, addLines: number): void {
    p.ev = emptyEvidence();
    p.summary = parseSummary(text, findHead(text), p.ev);
    p.text = text;
    this.settle(p, addLines);
  }

  settle(p: PendingDump, addLines: number): void {
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

  finish(): void {
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
    if (p.endLine > p.line) s.endLine = p.endLine;
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
    this.emitter.emit(s, p.detailed, p.dying);
  }
}
