import { type Diagnostic, diagnostic, type LineCounts } from '../messages.js';
import type { GcCycle, GcSample, TrailingGc } from '../trace/gc-sample.js';
import type { Snapshot } from '../trace/snapshot.js';
import { SummaryBatch } from '../trace/summary-batch.js';
import { decodeBytes, LastAsciiText } from './byte-cursor.js';
import { viewOn } from './byte-detail.js';
import { summaryViewOn } from './byte-summary.js';
import { createEnvelopeReader, type LogicalLine } from './envelope.js';
import {
  criFound,
  nameEnd,
  nameStart,
  namedPayload,
  namedWallTime,
  payloadEnd,
  payloadStart,
} from './envelope-bytes.js';
import { jsonRecordPayload, recordKey, recordTextEnd } from './json-record-bytes.js';
import { MAX_OPEN_STREAMS } from './limits.js';
import { ReleasedStreams } from './released-streams.js';
import { StreamParser, type StreamCarry, type StreamSink } from './stream-parser.js';

/**
 * The parse stage:
 *
 *   raw lines ─▶ envelope reader ─▶ logical lines keyed by stream ─▶ one StreamParser per stream ─▶ snapshots
 *   (files, stdin,  (timestamps, CRI,    (compose service,                (dumps, runs, eras,
 *    gzip)           docker, journald)     journald unit[pid], pod)         diagnostics)
 *
 * Streaming: memory holds one open dump per stream, never the input.
 */
export interface ParserCallbacks {
  onSnapshot(s: Snapshot): void;
  onDiagnostic?(d: Diagnostic): void;
  /** Each gctrace cycle with its stream and input line (GC slices for trace viewers). */
  onGcCycle?(cycle: GcCycle, stream: string, line: number): void;
  /**
   * gctrace cycles a run printed after its last dump (StreamSink.trailingGc): its restart or the end
   * of input came before another dump of it. No dump takes them.
   */
  onTrailingGc?(stream: string, run: number, gc: GcSample, line: number): void;
  /**
   * False reads every line with the general key=value readers, never the fast paths: slower, the
   * same result (the reference the fast paths are tested against). Default true.
   */
  fastPaths?: boolean;
  /**
   * A stream was released (see MAX_OPEN_STREAMS): its last snapshot has been delivered and its open run
   * is over, so a consumer can summarise and drop what it holds for it.
   */
  onStreamReleased?(stream: string): void;
  /**
   * Plain summary dumps read from bytes (pushBytes) come here as rows of a columnar batch instead of
   * Snapshots through onSnapshot; the batch is reused once the call returns. Dumps keep their input
   * order: the rows before a Snapshot are handed on before it.
   */
  onSummaryBatch?(batch: SummaryBatch): void;
  /** Counts the G lines of a scheddetail dump (SnapshotDetail.gTally) instead of a record each. */
  tallyGoroutines?: boolean;
  /**
   * Counts the G lines of a scheddetail dump by status name and wait reason (SnapshotDetail.gCounts),
   * with no list per dump; it takes the place of `tallyGoroutines`.
   */
  countGoroutines?: boolean;
  /**
   * Counts the M lines of a scheddetail dump read from bytes (pushBytes) by state
   * (SnapshotDetail.mCounts, as TimelinePoint.mCounts holds them), with no record per M line.
   */
  countThreads?: boolean;
  /** Leaves GcSample.phases out of the dumps' GC records, for consumers that do not place GC cycles. */
  dropGcPhases?: boolean;
  /**
   * Snapshot.wallTime is not needed (analyze): whole CRI and docker json-file lines read from bytes
   * (pushBytes) go to the byte scanners as plain lines do, their envelope's time not kept
   * (envelope-bytes.ts), instead of through the envelope readers. Dumps read otherwise keep theirs.
   */
  dropWallTimes?: boolean;
  /**
   * gctrace lines are only counted (LineCounts.gctrace): no dump gets their record (Snapshot.gc,
   * SummaryBatch.gc) and onGcCycle is not called. For consumers that print no GC data.
   */
  countGcOnly?: boolean;
  /**
   * The input is a later part of a log, cut just before a dump at 0 ms (a restart): the unnamed
   * stream's first dump starts run 1, as if a run came before (StreamParser.continueAfterRun).
   */
  continuesAfterRun?: boolean;
}

export interface Parser {
  /** One raw input line, without its line terminator. */
  push(rawLine: string): void;
  /**
   * Whole lines joined by \n (no final \n), as read from a file: the same as pushing each line,
   * but plain SCHED lines are read in place. `first`: the block may start with a byte order mark.
   */
  pushBlock(text: string, first: boolean): void;
  /**
   * Whole lines of UTF-8 bytes, each ending in \n but the last (the bytes as read from a file):
   * the same as pushing each line, but plain SCHED and P/M/G lines are read from the bytes by the
   * byte scanner, and only other lines are decoded. `first`: the block may start with a byte order mark.
   */
  pushBytes(bytes: Uint8Array, first: boolean): void;
  /** One line the reader could not pass on (too long, NUL bytes, not UTF-8): counted as malformed. */
  pushUnreadable(reason: string): void;
  /** Flushes open dumps and returns how every input line was accounted for. */
  end(): LineCounts;
  /** Input went quiet: emits every open dump that is whole (see StreamParser.flushIdle); parsing goes on. */
  flushIdle(): void;
  /** The running line accounting, updated in place as lines come (the same object end() returns). */
  readonly counts: LineCounts;
  /** Every line so far went to the unnamed stream (no envelope named another). */
  readonly unnamedOnly: boolean;
  /** A container-log line is open: its chunks so far wait for the one that ends it. */
  holdsPartial(): boolean;
  /** What the unnamed stream carries to its next line; null before it has seen a line. */
  carry(): StreamCarry | null;
}

interface OpenStream {
  parser: StreamParser;
  /** The last input line of the stream, or a later one (set when a line of another stream follows). */
  active: number;
}

/** streamAt's `from` for the unnamed stream, and for the stream a JSON record names (recordKey). */
const UNNAMED = -1;
const RECORD_NAMED = -2;

export function createParser(cb: ParserCallbacks): Parser {
  const counts: LineCounts = { lines: 0, schedtrace: 0, foreign: 0, malformed: 0 };
  const onDiagnostic = cb.onDiagnostic ?? (() => {});
  const sink: StreamSink = { snapshot: cb.onSnapshot, diagnostic: onDiagnostic, counts };
  if (cb.onGcCycle !== undefined) sink.gcCycle = cb.onGcCycle;
  if (cb.onTrailingGc !== undefined) sink.trailingGc = cb.onTrailingGc;
  if (cb.tallyGoroutines === true) sink.tallyGoroutines = true;
  if (cb.countGoroutines === true) sink.countGoroutines = true;
  if (cb.countThreads === true) sink.countThreads = true;
  if (cb.dropGcPhases === true) sink.dropGcPhases = true;
  if (cb.countGcOnly === true) sink.countGcOnly = true;
  if (cb.onStreamReleased !== undefined) sink.ended = cb.onStreamReleased;
  const onBatch = cb.onSummaryBatch;
  const rows = onBatch === undefined ? undefined : { batch: new SummaryBatch(), flush: () => {} };
  if (rows !== undefined && onBatch !== undefined) {
    rows.flush = () => {
      if (rows.batch.size === 0) return;
      onBatch(rows.batch);
      rows.batch.clear();
    };
    sink.rows = rows;
    sink.snapshot = (s) => {
      rows.flush();
      cb.onSnapshot(s);
    };
  }
  const streams = new Map<string, OpenStream>();
  const released = new ReleasedStreams();
  let last: OpenStream | null = null;
  let lastKey = '';
  let plain: StreamParser | null = null;
  let lineNo = 0;

  /** Releases the half of the open streams idle the longest (sorting once per half keeps it O(log n) a stream). */
  const releaseIdlest = (): void => {
    const idlest = [...streams].sort((a, b) => a[1].active - b[1].active).slice(0, MAX_OPEN_STREAMS / 2);
    for (const [key, o] of idlest) {
      o.parser.end();
      streams.delete(key);
      released.add(key);
      if (plain === o.parser) plain = null;
      if (last === o) last = null;
      onDiagnostic(diagnostic('stream-released', lineNo, key, MAX_OPEN_STREAMS / 2));
    }
    // Consumers hear of a release after every row of the stream has reached them.
    rows?.flush();
    if (cb.onStreamReleased !== undefined) for (const [key] of idlest) cb.onStreamReleased(key);
  };
  /** The stream a line belongs to, marked active now (as is the stream the previous line belonged to). */
  const switchTo = (key: string): OpenStream => {
    if (last !== null) last.active = lineNo;
    let o = streams.get(key);
    if (o === undefined) {
      if (streams.size >= MAX_OPEN_STREAMS) releaseIdlest();
      // A released stream that prints again starts a new run. Its earlier runs are numbered below the
      // line that released it (a run needs a line), so numbering from this line keeps them apart.
      const parser = new StreamParser(key, sink, cb.fastPaths ?? true, released.mayHold(key) ? lineNo : 0);
      if (key === '' && cb.continuesAfterRun === true) parser.continueAfterRun();
      o = { parser, active: lineNo };
      streams.set(key, o);
    }
    o.active = lineNo;
    last = o;
    lastKey = key;
    return o;
  };
  let unnamedOnly = true;
  const route = (l: LogicalLine): void => {
    counts.lines += l.physicalLines;
    if (l.stream !== '') unnamedOnly = false;
    (last === null || l.stream !== lastKey ? switchTo(l.stream) : last).parser.push(l);
  };
  /** The unnamed stream, for lines read in place: it counts as active like any routed line. */
  const plainStream = (): StreamParser => {
    if (plain === null || last === null || lastKey !== '') plain = switchTo('').parser;
    return plain;
  };
  const envelopes = createEnvelopeReader(route, onDiagnostic, cb.dropWallTimes !== true);
  const envelopeBytes = cb.dropWallTimes === true && cb.fastPaths !== false;
  /**
   * Lines whose envelope names a stream and carries no time (compose, `kubectl logs --prefix`,
   * journald's short format) lose nothing on the byte path: read there by any reader.
   */
  const namedEnvelopes = cb.fastPaths !== false;
  /** The last stream name made from bytes: a log's lines name a few services over and over. */
  const lastName = new LastAsciiText();
  /**
   * The stream whose name an envelope holds at b[from, to), the unnamed one when from is UNNAMED, the
   * one the JSON record read last names (recordKey) when it is RECORD_NAMED: asked for only once the
   * line's text is the runtime's, so other lines make no name.
   */
  const streamAt = (b: Uint8Array, from: number, to: number): StreamParser => {
    if (from === UNNAMED) return plainStream();
    const key = from === RECORD_NAMED ? recordKey : lastName.of(b, from, to);
    return (last === null || key !== lastKey ? switchTo(key) : last).parser;
  };
  /**
   * A SCHED or gctrace line at b[p], read by its byte scanner up to its LF before `end` into the
   * stream named at b[from, to) (the unnamed one by default): where it ends, or -1 when it is
   * neither or the scanner does not take it.
   */
  const readRuntimeLine = (b: Uint8Array, p: number, end: number, from = UNNAMED, to = -1): number => {
    const c0 = b[p];
    const c6 = b[p + 6]!;
    if (c0 === 83 && c6 >= 48 && c6 <= 57) return streamAt(b, from, to).pushSummaryBytes(b, p, end, lineNo);
    if (c0 === 103 && b[p + 1] === 99 && b[p + 2] === 32) return streamAt(b, from, to).pushGcBytes(b, p, end, lineNo);
    return -1;
  };
  /**
   * A payload in b[p, end) read by the byte scanner its first bytes call for, into the stream named
   * at b[from, to) (the unnamed one by default: CRI and json-file name none): a SCHED, gctrace or
   * P/M/G line, inside which no envelope nests (envelope.ts finish). Where it ends, or -1 when none
   * read it.
   */
  const readPayload = (b: Uint8Array, p: number, end: number, from = UNNAMED, to = -1): number => {
    const line = readRuntimeLine(b, p, end, from, to);
    if (line >= 0 || b[p] !== 32 || b[p + 1] !== 32) return line;
    const stream = streamAt(b, from, to);
    const e = stream.pushDetailLines(b, p, end, lineNo);
    // One line: the next begins with its own envelope.
    return e >= 0 && stream.detailLines === 1 ? e : -1;
  };
  /**
   * The lines of a block for pushBytes. A function of its own, so that the code compiled while
   * the first block's loop runs has nothing after the loop it never ran: it was thrown away there.
   */
  const pushLines = (b: Uint8Array, first: boolean): void => {
    let s = 0;
    const n = b.length;
    for (;;) {
      lineNo++;
      const c0 = b[s];
      // The P/M/G lines of a scheddetail dump (two blanks first, so no envelope) are read where they
      // stand, as many as follow, and the scanner finds where each ends.
      if (c0 === 32 && b[s + 1] === 32) {
        const stream = plainStream();
        const end = stream.pushDetailLines(b, s, n, lineNo);
        if (end >= 0) {
          const k = stream.detailLines;
          lineNo += k - 1;
          for (let j = 0; j < k; j++) envelopes.skip();
          counts.lines += k;
          if (end >= n) break;
          s = end + 1;
          continue;
        }
      }
      // A plain SCHED line or a gctrace line: the byte scanners find where it ends as they read.
      const next = readRuntimeLine(b, s, n);
      if (next >= 0) {
        envelopes.skip();
        counts.lines++;
        if (next >= n) break;
        s = next + 1;
        continue;
      }
      // A whole container-log line whose payload the byte scanners read where it stands.
      if (namedEnvelopes && !envelopes.holdsPartial()) {
        let read = false;
        let cri = false;
        let textEnd = 0;
        if (envelopeBytes) {
          // Past an envelope, so a payload found starts after s.
          const p = payloadStart(b, s, n);
          textEnd = payloadEnd;
          read = p > s && readPayload(b, p, textEnd) >= 0;
          cri = criFound;
          // A JSON record of a log shipper's (json-file's own records are payloadStart's).
          if (!read && c0 === 123) {
            const q = jsonRecordPayload(b, s, n);
            textEnd = recordTextEnd;
            read = q > s && readPayload(b, q, textEnd, RECORD_NAMED) >= 0;
            if (read && recordKey !== '') unnamedOnly = false;
          }
        }
        if (!read && !cri) {
          // A journald, compose or kubectl line: its text read as the unnamed stream's is, into its stream.
          const q = namedPayload(b, s, n);
          textEnd = payloadEnd;
          read = q > s && (envelopeBytes || !namedWallTime) && readPayload(b, q, textEnd, nameStart, nameEnd) >= 0;
          // (Loki's `{}` names no stream: nameStart is then UNNAMED.)
          if (read && nameStart !== UNNAMED) unnamedOnly = false;
        }
        if (read) {
          envelopes.skip();
          counts.lines++;
          const nl = b.indexOf(10, textEnd);
          if (nl < 0) break;
          s = nl + 1;
          continue;
        }
      }
      const nl = b.indexOf(10, s);
      let e = nl < 0 ? n : nl;
      if (e > s && b[e - 1] === 13) e--;
      let line = decodeBytes(b, s, e);
      if (first && lineNo === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
      envelopes.push(line);
      if (nl < 0) break;
      s = nl + 1;
    }
  };
  return {
    counts,
    get unnamedOnly() {
      return unnamedOnly;
    },
    holdsPartial: () => envelopes.holdsPartial(),
    carry: () => streams.get('')?.parser.carry() ?? null,
    push: (raw) => {
      lineNo++;
      envelopes.push(raw);
    },
    pushBlock(text, first) {
      let s = 0;
      for (;;) {
        const nl = text.indexOf('\n', s);
        let e = nl < 0 ? text.length : nl;
        if (e > s && text.charCodeAt(e - 1) === 13) e--;
        lineNo++;
        // A line that starts `SCHED <digit>` carries no envelope (every envelope starts otherwise),
        // so it goes straight to the unnamed stream, read where it stands.
        const c6 = text.charCodeAt(s + 6);
        const c0 = text.charCodeAt(s);
        if (
          (c0 === 83 &&
            c6 >= 48 &&
            c6 <= 57 &&
            text.startsWith('SCHED ', s) &&
            plainStream().pushSummaryRange(text, s, e, lineNo)) ||
          // So do the P/M/G lines of a scheddetail dump, which start with two blanks.
          (c0 === 32 && text.charCodeAt(s + 1) === 32 && plainStream().pushDetailRange(text, s, e, lineNo))
        ) {
          envelopes.skip();
          counts.lines++;
        } else {
          let line = text.slice(s, e);
          if (first && lineNo === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
          envelopes.push(line);
        }
        if (nl < 0) break;
        s = nl + 1;
      }
    },
    pushBytes(b, first) {
      viewOn(b);
      summaryViewOn(b);
      pushLines(b, first);
      rows?.flush();
    },
    flushIdle: () => {
      for (const o of streams.values()) o.parser.flushIdle();
      rows?.flush();
    },
    pushUnreadable(reason) {
      lineNo++;
      envelopes.skip();
      counts.lines++;
      counts.malformed++;
      onDiagnostic(diagnostic('unreadable-line', lineNo, undefined, reason));
    },
    end: () => {
      envelopes.end();
      for (const o of streams.values()) o.parser.end();
      rows?.flush();
      return counts;
    },
  };
}

export interface ParseResult {
  snapshots: Snapshot[];
  diagnostics: Diagnostic[];
  counts: LineCounts;
  /** Cycles runs printed after their last dump (buildTimelines takes them to their runs). */
  trailingGc: TrailingGc[];
}

/** Parses a whole text in memory (tests, browsers, small pastes). */
export function parseText(text: string): ParseResult {
  const snapshots: Snapshot[] = [];
  const diagnostics: Diagnostic[] = [];
  const trailingGc: TrailingGc[] = [];
  const parser = createParser({
    onSnapshot: (s) => snapshots.push(s),
    onDiagnostic: (d) => diagnostics.push(d),
    onTrailingGc: (stream, run, gc, line) => trailingGc.push({ stream, run, gc, line }),
  });
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  if (text !== '') parser.pushBlock(body, true);
  const counts = parser.end();
  return { snapshots, diagnostics, counts, trailingGc };
}
