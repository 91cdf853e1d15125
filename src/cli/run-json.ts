import {
  asciiConstant,
  ByteWriter,
  NUMBER_MAX_BYTES,
  putConstant,
  putNumber,
  type AsciiConstant,
} from '../report/byte-writer.js';
import type { Percentiles } from '../trace/histogram.js';
import type { RunSummary } from '../trace/run-summary.js';

const k = asciiConstant;
const STREAM = k('{\n      "stream": ');
const RUN = k(',\n      "run": ');
const ERA = k(',\n      "era": ');
const FIRST_LINE = k(',\n      "firstLine": ');
const LAST_LINE = k(',\n      "lastLine": ');
const SNAPSHOTS = k(',\n      "snapshots": ');
const START_MS = k(',\n      "startMs": ');
const END_MS = k(',\n      "endMs": ');
const GOMAXPROCS = k(',\n      "gomaxprocsValues": ');
const LIST_FIRST = k('[\n        ');
const LIST_NEXT = k(',\n        ');
const LIST_END = k('\n      ]');
const DETAIL = k(',\n      "detail": ');
const GLOBAL = k(',\n      "global": ');
const LOCAL = k(',\n      "local": ');
const IDLE_SHARE = k(',\n      "idleShare": ');
const THREADS_FIRST = k(',\n      "threads": {\n        "first": ');
const THREADS_MAX = k(',\n        "max": ');
const THREADS_LAST = k(',\n        "last": ');
const SPINNING = k('\n      },\n      "spinning": ');
const RUN_END = k('\n    }');
const P50 = k('{\n        "p50": ');
const P90 = k(',\n        "p90": ');
const P99 = k(',\n        "p99": ');
const MAX = k(',\n        "max": ');
const MEAN = k(',\n        "mean": ');
const PERCENTILES_END = k('\n      }');
const SEPARATOR = k(',\n    ');
const INDENT = k('    ');
const NULL = k('null');
const TRUE = k('true');
const FALSE = k('false');
const EMPTY_LIST = k('[]');

/**
 * Bytes a run's section can take besides its stream's name and its GOMAXPROCS list (at most
 * LIST_ITEM_MAX_BYTES an item): every constant once and 30 numbers, room reserved once per run.
 */
const RUN_MAX_BYTES =
  [STREAM, RUN, ERA, FIRST_LINE, LAST_LINE, SNAPSHOTS, START_MS, END_MS, GOMAXPROCS, LIST_FIRST, LIST_END]
    .concat([DETAIL, GLOBAL, LOCAL, IDLE_SHARE, THREADS_FIRST, THREADS_MAX, THREADS_LAST, SPINNING, RUN_END])
    .concat([P50, P90, P99, MAX, MEAN, PERCENTILES_END].flatMap((c) => [c, c, c]))
    .concat([SEPARATOR, FALSE, EMPTY_LIST])
    .reduce((n, c) => n + c.words.length * 4 + c.tail.length, 0) +
  30 * NUMBER_MAX_BYTES;
const LIST_ITEM_MAX_BYTES = LIST_NEXT.words.length * 4 + LIST_NEXT.tail.length + NUMBER_MAX_BYTES;

/**
 * The `runs` array of `analyze --json` as UTF-8 bytes: each run's section is the text
 * `indented(r, '    ')` gives (JSON.stringify with an indent of 2, nested two levels deep), written
 * for the fixed shape of a RunSummary, with `,\n    ` between sections. A log may hold tens of
 * thousands of runs: JSON.stringify took a quarter of the CPU of a log of three-dump runs, and the
 * strings it made were kept by the spool until a megabyte of them was joined.
 */
export class RunJsonWriter extends ByteWriter {
  private runs = 0;
  // Streams and eras repeat from run to run.
  private readonly stream = new LastQuoted();
  private readonly era = new LastQuoted();

  /** Runs written so far (since the last clear). */
  get count(): number {
    return this.runs;
  }

  /** Forgets the runs written so far (their bytes and their count). */
  clear(): void {
    this.len = 0;
    this.runs = 0;
  }

  /** A section made elsewhere (`indented(r, '    ')`: a worker's run). */
  section(json: string): void {
    this.reserve(SEPARATOR.words.length * 4 + SEPARATOR.tail.length);
    this.next();
    this.text(json);
  }

  run(r: RunSummary): void {
    const stream = this.stream.of(r.stream);
    // An era's name is ASCII (FormatEra).
    const era = this.era.of(r.era);
    this.reserve(RUN_MAX_BYTES + stream.length * 3 + era.length + r.gomaxprocsValues.length * LIST_ITEM_MAX_BYTES);
    this.next();
    this.k(STREAM);
    this.len += this.buf.write(stream, this.len, 'utf8');
    this.field(RUN, r.run);
    this.k(ERA);
    this.ascii(era);
    this.field(FIRST_LINE, r.firstLine);
    this.field(LAST_LINE, r.lastLine);
    this.field(SNAPSHOTS, r.snapshots);
    this.k(START_MS);
    this.nullable(r.startMs);
    this.k(END_MS);
    this.nullable(r.endMs);
    this.k(GOMAXPROCS);
    const g = r.gomaxprocsValues;
    if (g.length === 0) this.k(EMPTY_LIST);
    else {
      this.field(LIST_FIRST, g[0]!);
      for (let i = 1; i < g.length; i++) {
        this.field(LIST_NEXT, g[i]!);
      }
      this.k(LIST_END);
    }
    this.k(DETAIL);
    this.k(r.detail ? TRUE : FALSE);
    this.k(GLOBAL);
    this.percentiles(r.global);
    this.k(LOCAL);
    this.percentiles(r.local);
    this.field(IDLE_SHARE, r.idleShare);
    this.field(THREADS_FIRST, r.threads.first);
    this.field(THREADS_MAX, r.threads.max);
    this.field(THREADS_LAST, r.threads.last);
    this.k(SPINNING);
    if (r.spinning === null) this.k(NULL);
    else this.percentiles(r.spinning);
    this.k(RUN_END);
  }

  private next(): void {
    this.k(this.runs === 0 ? INDENT : SEPARATOR);
    this.runs++;
  }

  private percentiles(p: Percentiles): void {
    this.field(P50, p.p50);
    this.field(P90, p.p90);
    this.field(P99, p.p99);
    this.field(MAX, p.max);
    this.field(MEAN, p.mean);
    this.k(PERCENTILES_END);
  }

  private field(key: AsciiConstant, v: number): void {
    this.k(key);
    this.n(v);
  }

  /** A constant, where room was reserved (as for every write below). */
  private k(c: AsciiConstant): void {
    this.len = putConstant(this.buf, this.len, c);
  }

  /** A number as JSON prints it: NaN and the infinities as null. */
  private n(v: number): void {
    if (Number.isFinite(v)) this.len = putNumber(this.buf, this.len, v);
    else this.k(NULL);
  }

  private nullable(v: number | null): void {
    if (v === null) this.k(NULL);
    else this.n(v);
  }

  /** Short ASCII text byte by byte: cheaper than a call into Buffer.write for a few characters. */
  private ascii(t: string): void {
    const b = this.buf;
    let at = this.len;
    for (let i = 0; i < t.length; i++) b[at++] = t.charCodeAt(i);
    this.len = at;
  }
}

/** JSON.stringify of the last text asked for, made again only when the text changes. */
class LastQuoted {
  private text = '';
  private json = '""';

  of(t: string): string {
    if (t !== this.text) {
      this.text = t;
      this.json = JSON.stringify(t);
    }
    return this.json;
  }
}
