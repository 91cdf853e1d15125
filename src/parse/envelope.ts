import { diagnostic, type Diagnostic } from '../messages.js';
import { unwrapCloudWatch } from './envelopes/cloudwatch.js';
import { unwrapCompose } from './envelopes/compose.js';
import { unwrapCri } from './envelopes/cri.js';
import { unwrapDockerJson } from './envelopes/docker-json.js';
import { unwrapHeroku } from './envelopes/heroku.js';
import { unwrapJournald } from './envelopes/journald.js';
import { unwrapJsonRecord } from './envelopes/json-record.js';
import { unwrapKubectlPrefix } from './envelopes/kubectl-prefix.js';
import { unwrapLokiLabels } from './envelopes/loki.js';
import { unwrapRfc3339 } from './envelopes/rfc3339.js';
import type { EnvelopeKind, Unwrapped } from './envelopes/unwrapped.js';

export type { EnvelopeKind } from './envelopes/unwrapped.js';

/** One line of payload: the text a program wrote, with the envelope a log shipper put around it taken off. */
export interface LogicalLine {
  /** Payload without the envelope and without trailing \r / \n. */
  text: string;
  /** 1-based first physical input line. */
  line: number;
  /** Physical lines it covers (>1 when partial container chunks were joined). */
  physicalLines: number;
  /** The producer the envelope names: compose service, journald `unit[pid]`, kubectl `pod/x/c`; '' when none. Nested names are joined with ':'. */
  stream: string;
  /** ISO 8601 time from the envelope when it has one (the innermost layer's, nearest to the writer). */
  wallTime: string | undefined;
  /** The outermost envelope. */
  envelope: EnvelopeKind;
}

export interface EnvelopeReader {
  /** One physical input line (a trailing \r or \n is dropped). */
  push(raw: string): void;
  /** Counts a physical line the caller handled itself (a plain SCHED line read in place). */
  skip(): void;
  /** Emits partial chunks that were never completed. */
  end(): void;
  /** Whether a partial line is open: the next chunk of its channel may complete it. */
  holdsPartial(): boolean;
}

/** Envelopes nest (journald around a timestamp prefix, compose around one); deeper than this is application text. */
const MAX_LAYERS = 3;
/** A partial line longer than this is emitted as it stands, so memory stays bounded on a broken log. */
const MAX_PARTIAL_CHARS = 4 << 20;

/**
 * Detects the envelope of one line, testing the first character before any regular expression,
 * so plain schedtrace lines (`SCHED ...`, `  P0: ...`) cost a few character reads.
 * `outer`: the layer read straight from the file, where container-runtime records (CRI, docker json-file) live.
 */
function unwrap(s: string, outer: boolean, wallTimes = true): Unwrapped | null {
  const c = s.charCodeAt(0);
  if (c === 32 || c === 9 || Number.isNaN(c) /* empty line */) return null;
  if (c >= 48 && c <= 57) {
    if (outer) {
      const cri = unwrapCri(s);
      if (cri !== null) return cri;
    }
    return (
      unwrapJournald(s) ??
      (outer ? (unwrapCloudWatch(s) ?? unwrapHeroku(s)) : null) ??
      unwrapRfc3339(s) ??
      unwrapCompose(s)
    );
  }
  if (c === 123) return outer ? (unwrapDockerJson(s) ?? unwrapJsonRecord(s, wallTimes)) : unwrapLokiLabels(s);
  if (c === 91) return unwrapKubectlPrefix(s);
  if (c === 27) return unwrapCompose(s);
  if (c >= 65 && c <= 90) return unwrapJournald(s) ?? unwrapCompose(s);
  if (c >= 97 && c <= 122) return unwrapCompose(s);
  // Any other printable start can only be a compose name from outside compose's charset.
  return c > 32 && c !== 124 ? unwrapCompose(s) : null;
}

function stripLineEnd(s: string): string {
  let end = s.length;
  for (let c = s.charCodeAt(end - 1); c === 13 || c === 10; c = s.charCodeAt(end - 1)) end--;
  return end === s.length ? s : s.slice(0, end);
}

interface Partial {
  kind: EnvelopeKind;
  text: string;
  line: number;
  physicalLines: number;
  stream: string;
  wallTime: string | undefined;
}

/**
 * Streaming, per-line envelope detection: a log may mix enveloped and plain lines.
 * Every physical line ends up in exactly one emitted LogicalLine. Lines come out in input order,
 * except that a joined partial line comes out when its last chunk arrives.
 */
export function createEnvelopeReader(
  emit: (l: LogicalLine) => void,
  onDiagnostic: (d: Diagnostic) => void,
  /**
   * False when no reader asks for LogicalLine.wallTime (ParserCallbacks.dropWallTimes): a JSON
   * record's time, a Date.parse per line, is then not read. The other envelopes' come with their match.
   */
  wallTimes = true,
): EnvelopeReader {
  let lineNo = 0;
  // Open partial lines by envelope kind and channel (stdout/stderr): at most a handful.
  const partials = new Map<string, Partial>();

  const finish = (
    text: string,
    line: number,
    physicalLines: number,
    envelope: EnvelopeKind,
    stream: string,
    wallTime: string | undefined,
  ): void => {
    let t = stripLineEnd(text);
    for (let layer = 1; layer < MAX_LAYERS; layer++) {
      const u = unwrap(t, false);
      if (u === null) break;
      t = u.text;
      if (u.stream !== '') stream = stream === '' ? u.stream : `${stream}:${u.stream}`;
      if (u.wallTime !== undefined) wallTime = u.wallTime;
    }
    emit({ text: t, line, physicalLines, stream, wallTime, envelope });
  };

  const flushPartial = (key: string, p: Partial): void => {
    partials.delete(key);
    onDiagnostic(diagnostic('unterminated-partial', p.line, p.stream));
    finish(p.text, p.line, p.physicalLines, p.kind, p.stream, p.wallTime);
  };

  return {
    skip(): void {
      lineNo++;
    },
    push(raw: string): void {
      lineNo++;
      let s = raw;
      if (lineNo === 1 && s.charCodeAt(0) === 0xfeff) s = s.slice(1);
      s = stripLineEnd(s);
      const u = unwrap(s, true, wallTimes);
      if (u === null) {
        emit({ text: s, line: lineNo, physicalLines: 1, stream: '', wallTime: undefined, envelope: 'none' });
        return;
      }
      if (u.kind !== 'cri' && u.kind !== 'docker-json') {
        finish(u.text, lineNo, 1, u.kind, u.stream, u.wallTime);
        return;
      }
      const key = u.kind + u.channel;
      const p = partials.get(key);
      if (u.partial) {
        if (p === undefined) {
          partials.set(key, {
            kind: u.kind,
            text: u.text,
            line: lineNo,
            physicalLines: 1,
            stream: u.stream,
            wallTime: u.wallTime,
          });
        } else {
          p.text += u.text;
          p.physicalLines++;
          if (p.text.length > MAX_PARTIAL_CHARS) flushPartial(key, p);
        }
        return;
      }
      if (p === undefined) {
        finish(u.text, lineNo, 1, u.kind, u.stream, u.wallTime);
        return;
      }
      partials.delete(key);
      finish(p.text + u.text, p.line, p.physicalLines + 1, p.kind, p.stream, p.wallTime);
    },
    holdsPartial: () => partials.size > 0,
    end(): void {
      const open = [...partials.entries()].sort((a, b) => a[1].line - b[1].line);
      for (const [key, p] of open) flushPartial(key, p);
    },
  };
}
