import { ByteWriter, copyAscii, isAsciiWithoutNul, NUMBER_MAX_BYTES, putBytes, putNumber } from './byte-writer.js';
import type { Snapshot } from '../trace/snapshot.js';
import type { SummaryBatch } from '../trace/summary-batch.js';

/** Tidy CSV: one row per snapshot and P. */
export const snapshotCsvColumns = [
  'stream',
  'run',
  'line',
  'tMs',
  'wallTime',
  'era',
  'gomaxprocs',
  'idleprocs',
  'threads',
  'spinningthreads',
  'needspinning',
  'idlethreads',
  'runqueue',
  'p',
  'runq',
  'schedtick',
  'syscalltick',
  'pStatus',
  'pM',
] as const;

export type CsvCell = string | number | boolean | null;

/** The cells of each row of one snapshot, in column order (the writer's reference, and tests'). */
export function snapshotCsvRows(s: Snapshot): CsvCell[][] {
  const rows: CsvCell[][] = [];
  for (let p = 0; p < s.runq.length; p++) {
    const d = s.detail?.p[p];
    rows.push([
      s.stream,
      s.run,
      s.line,
      s.tMs,
      s.wallTime ?? null,
      s.era,
      s.gomaxprocs,
      s.idleprocs,
      s.threads,
      s.spinningthreads ?? null,
      s.needspinning ?? null,
      s.idlethreads,
      s.runqueue,
      p,
      s.runq[p] ?? null,
      d?.schedtick ?? s.schedticks?.[p] ?? null,
      d?.syscalltick ?? null,
      d?.status ?? null,
      d?.m ?? null,
    ]);
  }
  return rows;
}

/**
 * A text cell as papaparse's `unparse` writes it with `escapeFormulae: true`: a cell a spreadsheet
 * would run as a formula (papaparse's test `/^[=+\-@\t\r].*$/`) gets a leading `'`, and is quoted;
 * so is a cell holding a quote, comma, line break or byte order mark, or starting or ending with a
 * space. Quotes inside are doubled.
 */
export function csvText(s: string): string {
  let quote = false;
  if (FORMULA.test(s)) {
    s = `'${s}`;
    quote = true;
  }
  if (s.includes('"')) {
    s = s.replaceAll('"', '""');
    quote = true;
  }
  quote ||= NEEDS_QUOTES.test(s) || (s.length > 0 && (s.charCodeAt(0) === 32 || s.charCodeAt(s.length - 1) === 32));
  return quote ? `"${s}"` : s;
}

const FORMULA = /^[=+\-@\t\r].*$/;
const NEEDS_QUOTES = /[\r\n,\ufeff]/;

const HEADER = Buffer.from(`${snapshotCsvColumns.join(',')}\n`);
const COMMA = 44;
const NEWLINE = 10;

/**
 * Writes snapshots as CSV bytes into one reused buffer: digits straight into bytes, the 13 cells a
 * snapshot's rows share written once and copied per P. Output is the same, byte for byte, as
 * papaparse's `unparse` with `escapeFormulae: true` over `snapshotCsvRows` (a test holds it so).
 */
export class SnapshotCsvWriter extends ByteWriter {
  private headerDue: boolean;
  private lastStream: string | null = null;
  private lastStreamBytes: Buffer = Buffer.alloc(0);
  /** The stream's cell is ASCII with no NUL. */
  private lastStreamAscii = true;
  /** The shared cells sharedCells wrote last are 8 bytes or more of ASCII with no NUL (see copyAscii). */
  private sharedAscii = false;
  private lastEra = '';
  private lastEraBytes: Buffer = Buffer.alloc(0);

  constructor(withHeader = true) {
    super();
    this.headerDue = withHeader;
  }

  /**
   * The rows of row r of a batch, as `write` writes the Snapshot the row stands for: a plain
   * summary dump has no wall time or P lines, and its values are integers.
   */
  writeRow(batch: SummaryBatch, r: number): void {
    this.header();
    const rf = batch.runqFrom[r] as number;
    const n = (batch.runqFrom[r + 1] as number) - rf;
    if (n === 0) return;
    const spinning = batch.spinningthreads[r] as number;
    const needspinning = batch.needspinning[r] as number;
    const sharedEnd = this.sharedCells(
      batch.stream[r] as string,
      batch.era[r] as string,
      null,
      batch.run[r] as number,
      batch.line[r] as number,
      batch.tMs[r] as number,
      batch.gomaxprocs[r] as number,
      batch.idleprocs[r] as number,
      batch.threads[r] as number,
      spinning < 0 ? undefined : spinning,
      needspinning < 0 ? undefined : needspinning,
      batch.idlethreads[r] as number,
      batch.runqueue[r] as number,
      n,
    );
    const b = this.buf;
    const rowStart = this.len;
    let at = sharedEnd;
    const runq = batch.runq;
    const ticks = batch.ticks;
    const tf = batch.ticksFrom[r] as number;
    const nTicks = batch.hasTicks[r] === 1 ? (batch.ticksFrom[r + 1] as number) - tf : 0;
    const ascii = this.sharedAscii;
    for (let p = 0; p < n; p++) {
      if (p > 0) at = this.copyShared(b, at, rowStart, sharedEnd, ascii);
      at = putNumber(b, at, p);
      b[at++] = COMMA;
      at = putNumber(b, at, runq[rf + p] as number);
      b[at++] = COMMA;
      // A schedticks list shorter than the P list leaves the cell empty, as `write` does.
      if (p < nTicks) at = putNumber(b, at, ticks[tf + p] as number);
      b[at++] = COMMA;
      b[at++] = COMMA;
      b[at++] = COMMA;
      b[at++] = NEWLINE;
    }
    this.len = at;
  }

  /** The shared cells at b[from, to) again at `at`; the position after them. */
  private copyShared(b: Buffer, at: number, from: number, to: number, ascii: boolean): number {
    if (ascii) return copyAscii(b, at, from, to);
    // copyWithin beats a byte loop here by a third of the writer's time
    b.copyWithin(at, from, to);
    return at + to - from;
  }

  private header(): void {
    if (this.headerDue) {
      this.headerDue = false;
      this.bytes(HEADER);
    }
  }

  /**
   * The 13 cells a snapshot's rows share, written at the end of the output with room for `n` rows
   * after them (the shared cells again and six numbers each); returns where they end. The stream's
   * and the era's bytes are made again only when they change from a snapshot to the next.
   */
  private sharedCells(
    stream: string,
    era: string,
    wallTime: Buffer | null,
    run: number,
    line: number,
    tMs: number | null,
    gomaxprocs: number,
    idleprocs: number,
    threads: number,
    spinningthreads: number | undefined,
    needspinning: number | undefined,
    idlethreads: number,
    runqueue: number,
    n: number,
  ): number {
    if (stream !== this.lastStream) {
      this.lastStream = stream;
      this.lastStreamBytes = Buffer.from(csvText(stream));
      this.lastStreamAscii = isAsciiWithoutNul(this.lastStreamBytes);
    }
    if (era !== this.lastEra) {
      this.lastEra = era;
      this.lastEraBytes = Buffer.from(era); // a FormatEra: plain letters, digits and dots
    }
    const streamBytes = this.lastStreamBytes;
    const eraBytes = this.lastEraBytes;
    const sharedMax = streamBytes.length + (wallTime?.length ?? 0) + eraBytes.length + 13 * (NUMBER_MAX_BYTES + 1);
    this.reserve(sharedMax + n * (sharedMax + 6 * (NUMBER_MAX_BYTES + 1)));
    const b = this.buf;
    let at = this.len;
    at = putBytes(b, at, streamBytes);
    b[at++] = COMMA;
    at = putNumber(b, at, run);
    b[at++] = COMMA;
    at = putNumber(b, at, line);
    b[at++] = COMMA;
    if (tMs !== null) at = putNumber(b, at, tMs);
    b[at++] = COMMA;
    if (wallTime !== null) at = putBytes(b, at, wallTime);
    b[at++] = COMMA;
    at = putBytes(b, at, eraBytes);
    b[at++] = COMMA;
    at = putNumber(b, at, gomaxprocs);
    b[at++] = COMMA;
    at = putNumber(b, at, idleprocs);
    b[at++] = COMMA;
    at = putNumber(b, at, threads);
    b[at++] = COMMA;
    if (spinningthreads !== undefined) at = putNumber(b, at, spinningthreads);
    b[at++] = COMMA;
    if (needspinning !== undefined) at = putNumber(b, at, needspinning);
    b[at++] = COMMA;
    at = putNumber(b, at, idlethreads);
    b[at++] = COMMA;
    at = putNumber(b, at, runqueue);
    b[at++] = COMMA;
    // Numbers, commas, an era and the stream: 13 bytes at least.
    this.sharedAscii = this.lastStreamAscii && wallTime === null;
    return at;
  }

  write(s: Snapshot): void {
    this.header();
    const n = s.runq.length;
    if (n === 0) return;
    const sharedEnd = this.sharedCells(
      s.stream,
      s.era,
      s.wallTime === undefined ? null : Buffer.from(csvText(s.wallTime)),
      s.run,
      s.line,
      s.tMs,
      s.gomaxprocs,
      s.idleprocs,
      s.threads,
      s.spinningthreads,
      s.needspinning,
      s.idlethreads,
      s.runqueue,
      n,
    );
    const b = this.buf;
    const rowStart = this.len;
    let at = sharedEnd;
    const dp = s.detail?.p;
    const ticks = s.schedticks;
    const runq = s.runq;
    const ascii = this.sharedAscii;
    for (let p = 0; p < n; p++) {
      if (p > 0) at = this.copyShared(b, at, rowStart, sharedEnd, ascii);
      at = putNumber(b, at, p);
      b[at++] = COMMA;
      const q = runq[p];
      if (q !== undefined) at = putNumber(b, at, q);
      b[at++] = COMMA;
      const d = dp?.[p];
      const tick = d?.schedtick ?? ticks?.[p];
      if (tick !== undefined) at = putNumber(b, at, tick);
      b[at++] = COMMA;
      if (d !== undefined) {
        at = putNumber(b, at, d.syscalltick);
        b[at++] = COMMA;
        at = putNumber(b, at, d.status);
        b[at++] = COMMA;
        if (d.m !== null) at = putNumber(b, at, d.m);
      } else {
        b[at++] = COMMA;
        b[at++] = COMMA;
      }
      b[at++] = NEWLINE;
    }
    this.len = at;
  }
}
