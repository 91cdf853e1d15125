import type { Snapshot } from '../trace/snapshot.js';

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
export class SnapshotCsvWriter {
  private buf = Buffer.allocUnsafe(1 << 17);
  private len = 0;
  private headerDue: boolean;
  private lastStream: string | null = null;
  private lastStreamBytes: Buffer = Buffer.alloc(0);

  constructor(withHeader = true) {
    this.headerDue = withHeader;
  }

  /** Bytes written so far. */
  get size(): number {
    return this.len;
  }

  write(s: Snapshot): void {
    if (this.headerDue) {
      this.headerDue = false;
      this.bytes(HEADER);
    }
    const n = s.runq.length;
    if (n === 0) return;
    if (s.stream !== this.lastStream) {
      this.lastStream = s.stream;
      this.lastStreamBytes = Buffer.from(csvText(s.stream));
    }
    const rowStart = this.len;
    this.bytes(this.lastStreamBytes);
    this.comma();
    this.num(s.run);
    this.comma();
    this.num(s.line);
    this.comma();
    this.opt(s.tMs);
    this.comma();
    if (s.wallTime !== undefined) this.text(csvText(s.wallTime));
    this.comma();
    this.text(s.era); // a FormatEra: plain letters, digits and dots
    this.comma();
    this.num(s.gomaxprocs);
    this.comma();
    this.num(s.idleprocs);
    this.comma();
    this.num(s.threads);
    this.comma();
    this.opt(s.spinningthreads);
    this.comma();
    this.opt(s.needspinning);
    this.comma();
    this.num(s.idlethreads);
    this.comma();
    this.num(s.runqueue);
    this.comma();
    const shared = this.len - rowStart;
    const dp = s.detail?.p;
    const ticks = s.schedticks;
    for (let p = 0; p < n; p++) {
      if (p > 0) {
        this.reserve(shared);
        this.buf.copyWithin(this.len, rowStart, rowStart + shared);
        this.len += shared;
      }
      const d = dp?.[p];
      this.num(p);
      this.comma();
      this.opt(s.runq[p]);
      this.comma();
      this.opt(d?.schedtick ?? ticks?.[p]);
      this.comma();
      this.opt(d?.syscalltick);
      this.comma();
      this.opt(d?.status);
      this.comma();
      this.opt(d?.m);
      this.reserve(1);
      this.buf[this.len++] = NEWLINE;
    }
  }

  /** The bytes written since the last take (a copy; the buffer is reused). */
  take(): Buffer {
    const out = Buffer.from(this.buf.subarray(0, this.len));
    this.len = 0;
    return out;
  }

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(bigger, 0, 0, this.len);
    this.buf = bigger;
  }

  private comma(): void {
    this.reserve(1);
    this.buf[this.len++] = COMMA;
  }

  private bytes(b: Buffer): void {
    this.reserve(b.length);
    b.copy(this.buf, this.len);
    this.len += b.length;
  }

  private text(t: string): void {
    this.reserve(t.length * 3);
    this.len += this.buf.write(t, this.len, 'utf8');
  }

  private opt(v: number | null | undefined): void {
    if (v !== null && v !== undefined) this.num(v);
  }

  /** A number as JavaScript prints it (`String(v)`), digits written directly when it is a safe integer. */
  private num(v: number): void {
    if (!Number.isSafeInteger(v) || v < 0) {
      this.text(String(v));
      return;
    }
    this.reserve(16);
    const b = this.buf;
    let digits = 1;
    for (let x = v; x >= 10; x = Math.floor(x / 10)) digits++;
    let i = this.len + digits;
    this.len = i;
    do {
      const q = Math.floor(v / 10);
      b[--i] = 48 + (v - q * 10);
      v = q;
    } while (v > 0);
  }
}
