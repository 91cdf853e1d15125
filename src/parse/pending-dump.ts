import { G_SCAN_BIT } from '../trace/runtime-constants.js';
import { emptyMStateCounts, type GDetail, type SnapshotDetail } from '../trace/snapshot.js';
import { tallyReason } from '../trace/timeline-builder.js';
import {
  countGLines,
  countM,
  countScannedG,
  detailEnd,
  gDetail,
  gLinesCounted,
  gReason,
  gScan,
  mDetail,
  reasonText,
  scanG,
  scanGLine,
  scanHead,
  scanM,
  scannedMDying,
  scanP,
} from './byte-detail.js';
import { fastG, fastM, fastP } from './detail-fast.js';
import type { DetailHead, parseDetail } from './detail-line.js';
import type { EraEvidence } from './eras/index.js';
import { GCounter } from './g-counter.js';
import type { CutText } from './held-pieces.js';
import type { SummaryFields } from './summary-line.js';

/** A dump a stream parser has begun to read: its SCHED line, and with scheddetail its P, M and G lines so far. */
export interface PendingDump {
  text: string;
  line: number;
  /** The dump's last input line so far (its last P, M or G line once they come). */
  endLine: number;
  wallTime?: string;
  summary: SummaryFields;
  ev: EraEvidence;
  /** Summary ended with the scheddetail tail: P/M/G lines follow. */
  detailed: boolean;
  /** Summary line stopped short (wrapped onto the next line, or cut). */
  incomplete: boolean;
  detail: SnapshotDetail;
  /** Physical lines of the summary, whose fate (schedtrace or malformed) waits on the whole. */
  heldLines: number;
  /** An M line showed dying > 0: startpanic_m's dump of a process that is dying. */
  dying: boolean;
  /**
   * Foreign text read inside the summary, reported once the line is whole or given up: a line
   * completed by spliceNext is cut elsewhere than its first reading guessed.
   */
  interleaved?: string[];
  /** The foreign text cut out of the summary line so far (spliceNext). */
  cuts?: CutText[];
  /** Physical pieces the summary line came in, cut by other writers' lines (1 when whole). */
  pieces?: number;
  /** The line of the last piece joined. */
  lastPieceLine?: number;
  /** Whole lines of other output read while the line waited for its next piece. */
  waited?: number;
}

/** Placeholder for summary-only dumps (never filled, never emitted). */
export const NO_DETAIL: SnapshotDetail = Object.freeze({ p: [], m: [], g: [] }) as unknown as SnapshotDetail;

/** What a consumer wants of a dump's G and M lines (StreamSink's flags of the same names). */
export interface DetailWanted {
  /** G lines are counted (SnapshotDetail.gTally), not kept one record each. */
  tallyGoroutines?: boolean;
  /** G lines are counted by name (SnapshotDetail.gCounts), not kept one record each. */
  countGoroutines?: boolean;
  /** M lines the byte scanner reads are counted by state (SnapshotDetail.mCounts), not kept one record each. */
  countThreads?: boolean;
}

/**
 * How the P, M and G lines of a scheddetail dump go into the open dump, from the string readers or the
 * byte scanner: each kept as a record, or the G lines tallied or counted and the M lines counted, as
 * the consumer asks (a dump of 10,000 goroutines is 10,000 G lines).
 */
export class DetailIntake {
  /** Counts the open dump's G lines when the consumer asks for gCounts (made at the first detailed dump). */
  private counter: GCounter | null = null;
  /** How many lines the last `scanned` read. */
  lines = 0;

  constructor(private readonly wanted: DetailWanted) {}

  /** The detail of a dump that begins. */
  fresh(): SnapshotDetail {
    if (this.wanted.countGoroutines === true) {
      if (this.counter === null) this.counter = new GCounter();
      else this.counter.clear();
      return { p: [], m: [], g: [] };
    }
    return this.wanted.tallyGoroutines === true
      ? { p: [], m: [], g: [], gTally: { statuses: [], byReason: {} } }
      : { p: [], m: [], g: [] };
  }

  /** The dump's G lines counted by name, when they were (at its end). */
  close(detail: SnapshotDetail): void {
    if (this.counter !== null) detail.gCounts = this.counter.take(reasonText);
  }

  /** A P, M or G line the string reader read, into the open dump. */
  add(p: PendingDump, r: ReturnType<typeof parseDetail>): void {
    if (r.kind === 'P') p.detail.p.push(r.value);
    else if (r.kind === 'M') {
      p.detail.m.push(r.value);
      if (r.value.dying > 0) p.dying = true;
    } else this.addG(p, r.value);
  }

  /** Adds an untouched P/M/G line to the open dump through the fast readers; false if they balk. */
  fast(p: PendingDump, text: string, head: DetailHead, end: number): boolean {
    if (head.kind === 'G') {
      const g = fastG(text, head, p.ev, end);
      if (g !== null) this.addG(p, g);
      return g !== null;
    }
    if (head.kind === 'P') {
      const pd = fastP(text, head, p.ev, end);
      if (pd !== null) p.detail.p.push(pd);
      return pd !== null;
    }
    const md = fastM(text, head, p.ev, end);
    if (md === null) return false;
    p.detail.m.push(md);
    if (md.dying > 0) p.dying = true;
    return true;
  }

  private addG(p: PendingDump, g: GDetail): void {
    const counter = this.counter;
    if (counter !== null) {
      counter.status(g.status);
      if (g.status === 4) counter.reasonText(g.waitReason);
      return;
    }
    const t = p.detail.gTally;
    if (t === undefined) p.detail.g.push(g);
    else {
      t.statuses.push(g.status);
      if (g.status === 4) tallyReason(t.byReason, g.waitReason);
    }
  }

  /**
   * The P/M/G lines of the open dump from b[start, ...), read by the byte scanner one after another
   * up to the first other line or the first it does not take (or `limit`). Returns where the last line
   * read ends (its \n, or limit), or -1 when it read none; `lines` says how many it read. A line it
   * does not take is left as it was, but for era evidence the string readers record too. Nothing
   * looks for the line ends first: the scanners find them as they read.
   */
  scanned(p: PendingDump, b: Uint8Array, start: number, limit: number): number {
    let s = start;
    let end = -1;
    let k = 0;
    while (s < limit && b[s] === 32 && b[s + 1] === 32) {
      let e: number;
      let n = 1;
      if (b[s + 2] === 71 /* G */) {
        // Most lines: G lines with two blanks first, one after another; counted without a call each
        // when the consumer only counts them.
        const counter = this.counter;
        if (counter !== null) {
          e = countGLines(b, s + 2, limit, p.ev, counter);
          n = gLinesCounted;
        } else {
          e = scanGLine(b, s + 2, limit, p.ev);
          if (e >= 0) this.addScannedG(p, b);
        }
      } else e = this.scannedLine(p, b, s, limit);
      if (e < 0) break;
      end = e;
      k += n;
      s = e + 1;
    }
    this.lines = k;
    return end;
  }

  /** The G line the byte scanner read last (from b), counted, tallied or kept as the consumer asks. */
  private addScannedG(p: PendingDump, b: Uint8Array): void {
    const counter = this.counter;
    if (counter !== null) {
      countScannedG(counter, b);
      return;
    }
    const st = gScan.rawStatus & ~G_SCAN_BIT;
    const t = p.detail.gTally;
    if (t === undefined) {
      p.detail.g.push(gDetail(b));
      return;
    }
    t.statuses.push(st);
    if (st === 4) tallyReason(t.byReason, gReason(b));
  }

  /** One P/M/G line for `scanned`: where it ends, or -1. */
  private scannedLine(p: PendingDump, b: Uint8Array, start: number, limit: number): number {
    const kind = scanHead(b, start, limit);
    let end = -1;
    if (kind === 71 /* G */) {
      end = scanG(b, limit, p.ev);
      if (end < 0) return -1;
      this.addScannedG(p, b);
    } else if (kind === 80 /* P */) {
      const pd = scanP(b, limit, p.ev);
      if (pd === null) return -1;
      p.detail.p.push(pd);
      end = detailEnd;
    } else if (kind === 77 /* M */) {
      if (!scanM(b, limit, p.ev)) return -1;
      if (scannedMDying()) p.dying = true;
      if (this.wanted.countThreads === true) {
        const d = p.detail;
        d.mCounts ??= emptyMStateCounts();
        countM(d.mCounts, b);
      } else p.detail.m.push(mDetail(b));
      end = detailEnd;
    }
    return end;
  }
}
