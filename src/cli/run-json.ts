import {
  asciiConstant,
  ByteWriter,
  bytesConstant,
  NUMBER_MAX_BYTES,
  putConstant,
  putNumber,
  type AsciiConstant,
} from '../report/byte-writer.js';
import type { Percentiles } from '../trace/histogram.js';
import type { RunSummary } from '../trace/run-summary.js';
import { indented } from './format-analysis.js';

const k = asciiConstant;
const STREAM = '{\n      "stream": ';
const RUN = ',\n      "run": ';
const ERA = ',\n      "era": ';
const FIRST_LINE = ',\n      "firstLine": ';
const LAST_LINE = k(',\n      "lastLine": ');
const SNAPSHOTS = k(',\n      "snapshots": ');
const START_MS = k(',\n      "startMs": ');
const END_MS = k(',\n      "endMs": ');
const GOMAXPROCS = k(',\n      "gomaxprocsValues": ');
const LIST_FIRST = k('[\n        ');
const LIST_NEXT = k(',\n        ');
const LIST_END = k('\n      ]');
// Constants that follow each other with no value between are written as one.
const DETAIL_TRUE_GLOBAL = k(',\n      "detail": true,\n      "global": ');
const DETAIL_FALSE_GLOBAL = k(',\n      "detail": false,\n      "global": ');
const PERCENTILES_END = '\n      }';
const END_LOCAL = k(`${PERCENTILES_END},\n      "local": `);
const END_IDLE_SHARE = k(`${PERCENTILES_END},\n      "idleShare": `);
const END_RUN = k(`${PERCENTILES_END}\n    }`);
const BACKLOG_DUMPS = k(',\n      "backlogDumps": ');
const THREADS_FIRST = k(',\n      "threads": {\n        "first": ');
const THREADS_MAX = k(',\n        "max": ');
const THREADS_LAST = k(',\n        "last": ');
const SPINNING = k('\n      },\n      "spinning": ');
const NULL_END_RUN = k('null\n    }');
const P50 = k('{\n        "p50": ');
const P90 = k(',\n        "p90": ');
const P99 = k(',\n        "p99": ');
const MAX = k(',\n        "max": ');
const MEAN = k(',\n        "mean": ');
const SEPARATOR = k(',\n    ');
const INDENT = k('    ');
const NULL = k('null');
const EMPTY_LIST = k('[]');

/**
 * Bytes a run's section can take besides its stream's name and its era (written with the keys
 * around them) and its GOMAXPROCS list (at most LIST_ITEM_MAX_BYTES an item): every constant once
 * and 30 numbers, room reserved once per run.
 */
const RUN_MAX_BYTES =
  [LAST_LINE, SNAPSHOTS, START_MS, END_MS, GOMAXPROCS, LIST_FIRST, LIST_END, DETAIL_FALSE_GLOBAL]
    .concat([END_LOCAL, END_IDLE_SHARE, THREADS_FIRST, THREADS_MAX, THREADS_LAST, SPINNING, END_RUN])
    .concat([P50, P90, P99, MAX, MEAN].flatMap((c) => [c, c, c]))
    .concat([SEPARATOR, NULL_END_RUN, EMPTY_LIST])
    .reduce((n, c) => n + c.length, 0) +
  30 * NUMBER_MAX_BYTES;
const LIST_ITEM_MAX_BYTES = LIST_NEXT.length + NUMBER_MAX_BYTES;

/**
 * The `runs` array of `analyze --json` as UTF-8 bytes: each run's section is the text
 * `indented(r, '    ')` gives (JSON.stringify with an indent of 2, nested two levels deep), written
 * for the fixed shape of a RunSummary, with `,\n    ` between sections. A log may hold tens of
 * thousands of runs: JSON.stringify took a quarter of the CPU of a log of three-dump runs, and the
 * strings it made were kept by the spool until a megabyte of them was joined.
 */
export class RunJsonWriter extends ByteWriter {
  private runs = 0;
  // Streams and eras repeat from run to run: each is written with the keys around it.
  private readonly stream = new Quoted(STREAM, RUN);
  private readonly era = new Quoted(ERA, FIRST_LINE);

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
    this.reserve(SEPARATOR.length);
    this.next();
    this.text(json);
  }

  run(r: RunSummary): void {
    // A drained pile-up is rare (scheddetail runs only): its run is written as JSON.stringify does.
    if (r.pileUp !== undefined) {
      this.section(indented(r, '    '));
      return;
    }
    const stream = this.stream.of(r.stream);
    const era = this.era.of(r.era);
    this.reserve(RUN_MAX_BYTES + stream.length + era.length + r.gomaxprocsValues.length * LIST_ITEM_MAX_BYTES);
    this.next();
    this.k(stream);
    this.n(r.run);
    this.k(era);
    this.n(r.firstLine);
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
    this.k(r.detail ? DETAIL_TRUE_GLOBAL : DETAIL_FALSE_GLOBAL);
    this.percentiles(r.global, END_LOCAL);
    this.percentiles(r.local, END_IDLE_SHARE);
    this.n(r.idleShare);
    this.field(BACKLOG_DUMPS, r.backlogDumps);
    this.field(THREADS_FIRST, r.threads.first);
    this.field(THREADS_MAX, r.threads.max);
    this.field(THREADS_LAST, r.threads.last);
    this.k(SPINNING);
    if (r.spinning === null) this.k(NULL_END_RUN);
    else this.percentiles(r.spinning, END_RUN);
  }

  private next(): void {
    this.k(this.runs === 0 ? INDENT : SEPARATOR);
    this.runs++;
  }

  /** The percentiles, then `end`: their closing brace and what follows it. */
  private percentiles(p: Percentiles, end: AsciiConstant): void {
    this.field(P50, p.p50);
    this.field(P90, p.p90);
    this.field(P99, p.p99);
    this.field(MAX, p.max);
    this.field(MEAN, p.mean);
    this.k(end);
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
}

/**
 * The bytes of `before`, JSON.stringify of a text, then `after`, as one constant, kept for the
 * texts asked for most recently (a stream's name, an era: a few of them repeat run after run).
 */
class Quoted {
  private readonly made = new Map<string, AsciiConstant>();

  constructor(
    private readonly before: string,
    private readonly after: string,
  ) {}

  of(t: string): AsciiConstant {
    let c = this.made.get(t);
    if (c === undefined) {
      // A log of many streams makes theirs again as they come, in bounded memory.
      if (this.made.size >= QUOTED_KEPT) this.made.clear();
      c = bytesConstant(Buffer.from(`${this.before}${JSON.stringify(t)}${this.after}`, 'utf8'));
      this.made.set(t, c);
    }
    return c;
  }
}

const QUOTED_KEPT = 64;
