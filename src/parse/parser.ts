import type { Diagnostic, LineCounts } from '../messages.js';
import type { Snapshot } from '../trace/snapshot.js';
import { createEnvelopeReader, type LogicalLine } from './envelope.js';
import { StreamParser, type StreamSink } from './stream-parser.js';

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
}

export interface Parser {
  /** One raw input line, without its line terminator. */
  push(rawLine: string): void;
  /** Flushes open dumps and returns how every input line was accounted for. */
  end(): LineCounts;
}

export function createParser(cb: ParserCallbacks): Parser {
  const counts: LineCounts = { lines: 0, schedtrace: 0, foreign: 0, malformed: 0 };
  const onDiagnostic = cb.onDiagnostic ?? (() => {});
  const sink: StreamSink = { snapshot: cb.onSnapshot, diagnostic: onDiagnostic, counts };
  const streams = new Map<string, StreamParser>();
  let last: StreamParser | null = null;
  let lastKey = '';

  const route = (l: LogicalLine): void => {
    counts.lines += l.physicalLines;
    let sp: StreamParser | undefined;
    if (last !== null && l.stream === lastKey) sp = last;
    else {
      sp = streams.get(l.stream);
      if (sp === undefined) {
        sp = new StreamParser(l.stream, sink);
        streams.set(l.stream, sp);
      }
      last = sp;
      lastKey = l.stream;
    }
    sp.push(l);
  };
  const envelopes = createEnvelopeReader(route, onDiagnostic);
  return {
    push: (raw) => envelopes.push(raw),
    end: () => {
      envelopes.end();
      for (const sp of streams.values()) sp.end();
      return counts;
    },
  };
}

export interface ParseResult {
  snapshots: Snapshot[];
  diagnostics: Diagnostic[];
  counts: LineCounts;
}

/** Parses a whole text in memory (tests, browsers, small pastes). */
export function parseText(text: string): ParseResult {
  const snapshots: Snapshot[] = [];
  const diagnostics: Diagnostic[] = [];
  const parser = createParser({ onSnapshot: (s) => snapshots.push(s), onDiagnostic: (d) => diagnostics.push(d) });
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) parser.push(line);
  return { snapshots, diagnostics, counts: parser.end() };
}
