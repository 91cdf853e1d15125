import { InputError, type Diagnostic, type DiagnosticCode, type LineCounts } from '../messages.js';
import { createParser } from '../parse/index.js';
import type { GcCycle, GcSample } from '../trace/gc-sample.js';
import type { Snapshot } from '../trace/snapshot.js';
import type { SummaryBatch } from '../trace/summary-batch.js';
import { describeSource, readByteBlocks } from './line-source.js';

/** Diagnostics kept in full; beyond this they are only counted by code, so memory stays bounded. */
export const MAX_DIAGNOSTICS = 1000;

export interface SourceResult {
  name: string;
  counts: LineCounts;
  snapshots: number;
}

export interface ScanResult {
  sources: SourceResult[];
  counts: LineCounts;
  snapshots: number;
  diagnostics: Diagnostic[];
  diagnosticsByCode: Partial<Record<DiagnosticCode, number>>;
}

export interface ScanHooks {
  /** Awaited after every batch of lines read, so a writer downstream can apply back-pressure. */
  onBatch?: () => Promise<void>;
  /** Each gctrace cycle with its stream (named as snapshots' are) and input line. */
  onGcCycle?: (cycle: GcCycle, stream: string, line: number) => void;
  /** A stream idle among too many open ones was released (ParserCallbacks.onStreamReleased). */
  onStreamReleased?: (stream: string) => void;
  /** Cycles a run printed after its last dump (ParserCallbacks.onTrailingGc), its stream named as snapshots' are. */
  onTrailingGc?: (stream: string, run: number, gc: GcSample, line: number) => void;
  /**
   * For consumers that read columns: plain summary dumps come as batch rows (streams named as
   * snapshots' are) instead of Snapshots, and scheddetail G lines only as counts unless
   * `goroutineRecords` (parse prints each), and no GC phases (GcSample.phases); with `gcRecords`
   * false, gctrace lines are only counted (ParserCallbacks.countGcOnly).
   */
  columns?: { onSummaryBatch(batch: SummaryBatch): void; goroutineRecords?: boolean; gcRecords?: boolean };
  /**
   * False for consumers that print no wall time: container-log lines are then read by the byte
   * scanners and their envelope's time is not kept (ParserCallbacks.dropWallTimes). Default true.
   */
  wallTimes?: boolean;
}

/**
 * Reads every source line by line through its own parser and hands each snapshot on as it completes.
 * With several sources, stream keys are prefixed by the source's name as given, so processes stay apart.
 * Throws InputError when a source cannot be read or holds no schedtrace line at all.
 */
export async function scanSources(
  sources: string[],
  onSnapshot: (s: Snapshot) => void,
  { onBatch, onGcCycle, onStreamReleased, onTrailingGc, columns, wallTimes }: ScanHooks = {},
): Promise<ScanResult> {
  const total: LineCounts = { lines: 0, schedtrace: 0, foreign: 0, malformed: 0 };
  const result: ScanResult = { sources: [], counts: total, snapshots: 0, diagnostics: [], diagnosticsByCode: {} };
  const many = sources.length > 1;
  for (const source of sources) {
    const name = describeSource(source);
    const label = many ? name : '';
    let snapshots = 0;
    /** The first diagnostic of this source with a line number, named when no dump could be read. */
    let firstProblem = '';
    const named = (stream: string): string => (label === '' ? stream : stream === '' ? label : `${label}:${stream}`);
    const parser = createParser({
      ...(onGcCycle !== undefined
        ? {
            onGcCycle: (cycle: GcCycle, stream: string, line: number) => onGcCycle(cycle, named(stream), line),
          }
        : {}),
      ...(onStreamReleased !== undefined
        ? { onStreamReleased: (stream: string) => onStreamReleased(named(stream)) }
        : {}),
      ...(onTrailingGc !== undefined
        ? {
            onTrailingGc: (stream: string, run: number, gc: GcSample, line: number) =>
              onTrailingGc(named(stream), run, gc, line),
          }
        : {}),
      ...(columns !== undefined
        ? {
            countGoroutines: columns.goroutineRecords !== true,
            countThreads: columns.goroutineRecords !== true,
            dropGcPhases: true,
            countGcOnly: columns.gcRecords === false,
            onSummaryBatch: (b: SummaryBatch) => {
              snapshots += b.size;
              if (label !== '')
                for (let i = 0; i < b.size; i++) b.stream[i] = b.stream[i] === '' ? label : `${label}:${b.stream[i]}`;
              columns.onSummaryBatch(b);
            },
          }
        : {}),
      dropWallTimes: wallTimes === false,
      onSnapshot: (s) => {
        snapshots++;
        if (label !== '') s.stream = named(s.stream);
        onSnapshot(s);
      },
      onDiagnostic: (d) => {
        if (firstProblem === '' && d.line !== undefined) firstProblem = `line ${d.line}: ${d.message}`;
        result.diagnosticsByCode[d.code] = (result.diagnosticsByCode[d.code] ?? 0) + 1;
        if (result.diagnostics.length < MAX_DIAGNOSTICS) {
          if (label !== '') d.stream = named(d.stream ?? '');
          result.diagnostics.push(many ? { ...d, message: `${name}: ${d.message}` } : d);
        }
      },
    });
    for await (const block of readByteBlocks(source)) {
      if (block.unreadable !== undefined) parser.pushUnreadable(block.unreadable);
      else parser.pushBytes(block.bytes, block.first);
      if (onBatch !== undefined) await onBatch();
    }
    const counts = parser.end();
    // Nothing to analyse is an input error, also when some lines looked like schedtrace but none
    // could be read as a dump: a CI gate must not pass on garbage.
    if (snapshots === 0) {
      throw new InputError(
        name,
        counts.lines === 0
          ? 'empty input, no schedtrace line'
          : counts.malformed > 0
            ? `no readable schedtrace dump in ${lines(counts.lines)} (${counts.malformed} malformed, first at ${firstProblem || 'an unknown line'})`
            : `no schedtrace line in ${lines(counts.lines)} (is GODEBUG=schedtrace=N set, and is this the program's stderr?)`,
      );
    }
    result.sources.push({ name, counts, snapshots });
    result.snapshots += snapshots;
    total.lines += counts.lines;
    total.schedtrace += counts.schedtrace;
    total.foreign += counts.foreign;
    total.malformed += counts.malformed;
    if (counts.gctrace !== undefined) total.gctrace = (total.gctrace ?? 0) + counts.gctrace;
  }
  return result;
}

const lines = (n: number): string => `${n} line${n === 1 ? '' : 's'}`;
