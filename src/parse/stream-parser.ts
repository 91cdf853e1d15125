import { diagnostic, type Diagnostic, type LineCounts } from '../messages.js';
import { LOCAL_RUNQ_CAPACITY, type Snapshot, type SnapshotDetail } from '../trace/snapshot.js';
import { detailHead, parseDetail } from './detail-line.js';
import { detectEra, emptyEvidence, type EraEvidence } from './eras/index.js';
import { parseIntStrict } from './key-values.js';
import { findHead, looksLikeFragment, parseSummary, summaryKeys, type SummaryFields } from './summary-line.js';

/** One line of payload, envelope already removed (see envelope.ts). */
export interface PayloadLine {
  text: string;
  line: number;
  physicalLines: number;
  wallTime?: string;
}

export interface StreamSink {
  snapshot(s: Snapshot): void;
  diagnostic(d: Diagnostic): void;
  counts: LineCounts;
}

interface PendingDump {
  text: string;
  line: number;
  physicalLines: number;
  wallTime?: string;
  summary: SummaryFields;
  ev: EraEvidence;
  /** Summary ended with the scheddetail tail: P/M/G lines follow. */
  detailed: boolean;
  /** Summary line stopped short (wrapped onto the next line, or cut). */
  incomplete: boolean;
  detail: SnapshotDetail;
  /** Lines of the dump whose fate (schedtrace or malformed) waits on the summary. */
  heldLines: number;
}

/** Foreign text that the runtime prints when a program dies (runtime.startpanic_m, throw). */
const CRASH_TEXT = /^(panic: |fatal error: |runtime: |\[signal |goroutine \d+ \[)/;

const IMPLAUSIBLE = 0x7fff_ffff;

/**
 * Parses the schedtrace lines of one stream (one process's output): dumps, runs, diagnostics.
 * A dump ends at the first line that is not one of its P/M/G lines.
 */
export class StreamParser {
  private run = 0;
  private lastT: number | null = null;
  private emitted = 0;
  private lastWasDetailed: boolean | null = null;
  private crashTextSeen = false;
  private pending: PendingDump | null = null;

  constructor(
    private readonly stream: string,
    private readonly sink: StreamSink,
  ) {}

  push(l: PayloadLine): void {
    const text = l.text;
    const p = this.pending;
    if (p !== null && p.incomplete && this.isContinuation(text)) {
      this.reparse(p, `${p.text} ${text.trim()}`, l.physicalLines);
      if (!p.incomplete && !p.detailed) this.finish();
      return;
    }
    const head = detailHead(text);
    if (head !== null) {
      if (p === null || !p.detailed || p.incomplete) {
        this.finish();
        this.malformed(l, diagnostic('orphan-detail', l.line, this.stream));
        return;
      }
      const r = parseDetail(text, head, p.ev);
      if (r.problems.length > 0) {
        this.malformed(l, diagnostic('malformed-detail', l.line, this.stream, r.problems.join('; ')));
        return;
      }
      if (r.kind === 'P') p.detail.p.push(r.value);
      else if (r.kind === 'M') p.detail.m.push(r.value);
      else p.detail.g.push(r.value);
      this.sink.counts.schedtrace += l.physicalLines;
      return;
    }
    const at = findHead(text);
    if (at >= 0 || (!text.startsWith('SCHED') && looksLikeFragment(text))) {
      this.finish();
      this.start(l, at);
      return;
    }
    // Foreign output. A scheddetail dump ends here.
    if (CRASH_TEXT.test(text)) this.crashTextSeen = true;
    this.finish();
    this.sink.counts.foreign += l.physicalLines;
  }

  /** Ends the stream: emits a dump still open at the end of input. */
  end(): void {
    this.finish();
  }

  private isContinuation(text: string): boolean {
    const t = text.trimStart();
    if (t.startsWith('[')) return true;
    const eq = t.indexOf('=');
    return eq > 0 && summaryKeys.has(t.slice(0, eq)) && findHead(t) < 0;
  }

  private start(l: PayloadLine, headAt: number): void {
    const ev = emptyEvidence();
    const p: PendingDump = {
      text: l.text,
      line: l.line,
      physicalLines: 0,
      summary: parseSummary(l.text, headAt, ev),
      ev,
      detailed: false,
      incomplete: false,
      detail: { p: [], m: [], g: [] },
      heldLines: 0,
    };
    if (l.wallTime !== undefined) p.wallTime = l.wallTime;
    this.pending = p;
    this.reparse(p, l.text, l.physicalLines, headAt);
    if (p.summary.prefix !== '') {
      this.sink.diagnostic(diagnostic('interleaved-text', l.line, this.stream, p.summary.prefix));
    }
    if (!p.incomplete && !p.detailed) this.finish();
  }

  private reparse(p: PendingDump, text: string, addLines: number, headAt = findHead(text)): void {
    if (text !== p.text || p.physicalLines > 0) {
      p.ev = emptyEvidence();
      p.summary = parseSummary(text, headAt, p.ev);
    }
    p.text = text;
    p.physicalLines += addLines;
    p.heldLines += addLines;
    const v = p.summary.values;
    p.detailed = p.summary.runq === undefined && v.has('sysmonwait');
    p.incomplete = !v.has('runqueue') || (p.summary.runq === undefined && !p.detailed);
  }

  private finish(): void {
    const p = this.pending;
    if (p === null) return;
    this.pending = null;
    const problems = [...p.summary.problems];
    const v = p.summary.values;
    const num = (key: string, required: boolean): number | undefined => {
      const raw = v.get(key);
      if (raw === undefined) {
        if (required) problems.push(`missing ${key}=`);
        return undefined;
      }
      const n = parseIntStrict(raw);
      if (Number.isNaN(n)) problems.push(`${key}=${raw} is not an integer`);
      return Number.isNaN(n) ? undefined : n;
    };
    const flag = (key: string): boolean | undefined => {
      const raw = v.get(key);
      if (raw === undefined) return undefined;
      if (raw === 'true' || raw === '1') return true;
      if (raw === 'false' || raw === '0') return false;
      problems.push(`${key}=${raw} is not a flag`);
      return undefined;
    };
    if (p.incomplete) problems.push(p.summary.runq === undefined ? 'the line ends before the per-P list' : 'missing runqueue=');
    if (p.summary.tMs !== null && Number.isNaN(p.summary.tMs)) problems.push('unreadable time');
    const runq = p.detailed ? p.detail.p.map((x) => x.runqsize) : p.summary.runq;
    const gomaxprocs = num('gomaxprocs', false) ?? (p.detailed ? p.detail.p.length : runq?.length);
    const idleprocs = num('idleprocs', true);
    const threads = num('threads', true);
    const idlethreads = num('idlethreads', true);
    const runqueue = num('runqueue', true);
    if (problems.length > 0 || gomaxprocs === undefined || runq === undefined) {
      this.sink.counts.malformed += p.heldLines;
      this.sink.diagnostic(diagnostic('malformed-summary', p.line, this.stream, problems.join('; ')));
      return;
    }
    const s: Snapshot = {
      stream: this.stream,
      run: 0,
      line: p.line,
      tMs: p.summary.tMs,
      era: detectEra(p.ev),
      gomaxprocs,
      idleprocs: idleprocs!,
      threads: threads!,
      idlethreads: idlethreads!,
      runqueue: runqueue!,
      runq,
    };
    if (p.wallTime !== undefined) s.wallTime = p.wallTime;
    const spinning = num('spinningthreads', false);
    if (spinning !== undefined) s.spinningthreads = spinning;
    const needspinning = num('needspinning', false);
    if (needspinning !== undefined) s.needspinning = needspinning;
    if (p.summary.schedticks !== undefined) s.schedticks = p.summary.schedticks;
    const extra: Record<string, string> = {};
    for (const [k, raw] of v) if (!knownSummaryKeys.has(k)) extra[k] = raw;
    if (Object.keys(extra).length > 0) s.extra = extra;
    if (p.detailed) {
      const gcwaiting = flag('gcwaiting');
      if (gcwaiting !== undefined) s.gcwaiting = gcwaiting;
      const nmidlelocked = num('nmidlelocked', false);
      if (nmidlelocked !== undefined) s.nmidlelocked = nmidlelocked;
      const stopwait = num('stopwait', false);
      if (stopwait !== undefined) s.stopwait = stopwait;
      const sysmonwait = flag('sysmonwait');
      if (sysmonwait !== undefined) s.sysmonwait = sysmonwait;
      s.detail = p.detail;
      if (p.detail.p.length < gomaxprocs) {
        s.truncated = true;
        this.sink.diagnostic(diagnostic('truncated-dump', p.line, this.stream, p.detail.p.length, gomaxprocs));
      }
    }
    this.sink.counts.schedtrace += p.heldLines;
    this.emit(s, p.detailed);
  }

  private emit(s: Snapshot, detailed: boolean): void {
    if (s.tMs !== null) {
      if (this.lastT !== null && this.emitted > 0 && (s.tMs === 0 || s.tMs < this.lastT)) {
        this.sink.diagnostic(diagnostic('time-backwards', s.line, this.stream, this.lastT, s.tMs));
        this.run++;
        this.crashTextSeen = false;
        this.lastWasDetailed = null;
      }
      this.lastT = s.tMs;
    }
    // runtime.startpanic_m prints a detailed dump even without scheddetail: a detailed dump after
    // summary-only ones, or with crash text next to it, was printed by a dying process.
    if (detailed && (this.lastWasDetailed === false || this.crashTextSeen)) s.crash = true;
    this.crashTextSeen = false;
    s.run = this.run;
    this.validate(s);
    this.emitted++;
    this.lastWasDetailed = detailed;
    this.sink.snapshot(s);
  }

  /** Values no consistent snapshot can hold (runtime.schedtrace holds sched.lock for these). */
  private validate(s: Snapshot): void {
    const d = (x: Diagnostic) => this.sink.diagnostic(x);
    if (s.idleprocs > s.gomaxprocs) d(diagnostic('idleprocs-above-gomaxprocs', s.line, this.stream, s.idleprocs, s.gomaxprocs));
    if (s.runq.length !== s.gomaxprocs && !s.truncated) {
      d(diagnostic('runq-length-mismatch', s.line, this.stream, s.runq.length, s.gomaxprocs));
    }
    for (const [k, n] of [
      ['gomaxprocs', s.gomaxprocs],
      ['idleprocs', s.idleprocs],
      ['threads', s.threads],
      ['idlethreads', s.idlethreads],
      ['runqueue', s.runqueue],
    ] as const) {
      if (n < 0 || n > IMPLAUSIBLE) d(diagnostic('implausible-value', s.line, this.stream, k, String(n)));
    }
    s.runq.forEach((n, p) => {
      if (n > IMPLAUSIBLE) d(diagnostic('implausible-value', s.line, this.stream, `P${p} queue`, String(n)));
      else if (n > LOCAL_RUNQ_CAPACITY) d(diagnostic('local-queue-above-capacity', s.line, this.stream, p, n));
    });
  }

  private malformed(l: PayloadLine, d: Diagnostic): void {
    this.sink.counts.malformed += l.physicalLines;
    this.sink.diagnostic(d);
  }
}

const knownSummaryKeys = new Set([
  'gomaxprocs',
  'idleprocs',
  'threads',
  'spinningthreads',
  'needspinning',
  'idlethreads',
  'runqueue',
  'gcwaiting',
  'nmidlelocked',
  'stopwait',
  'sysmonwait',
]);
