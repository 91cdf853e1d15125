import type { Diagnostic, LineCounts } from '../messages.js';
import type { GcCycle, GcSample } from '../trace/gc-sample.js';
import type { Snapshot } from '../trace/snapshot.js';
import type { SummaryBatch } from '../trace/summary-batch.js';
import type { PayloadLine } from './payload-line.js';
import type { DetailWanted } from './pending-dump.js';
import type { LaneCarry } from './process-lanes.js';

/** Where a stream parser's dumps, diagnostics and line counts go, and what its consumer wants of them. */
export interface StreamSink extends DetailWanted {
  snapshot(s: Snapshot): void;
  diagnostic(d: Diagnostic): void;
  /** A gctrace line's cycle, after the dump before it was closed (also summed into the next dump's `gc`). */
  gcCycle?(cycle: GcCycle, stream: string, line: number): void;
  /**
   * gctrace cycles printed after a run's last dump, when no dump of that run follows to take them
   * (the run restarted or the input ended); `line` is the last one's. Rows before it are flushed first.
   */
  trailingGc?(stream: string, run: number, gc: GcSample, line: number): void;
  counts: LineCounts;
  /** A stream the parser made for a process printing beside others (process-lanes.ts) ended: no dump of it follows. */
  ended?(stream: string): void;
  /**
   * Plain summary dumps go here as rows instead of Snapshots; `flush` hands the batch on (when it
   * is full, and before any Snapshot, so dumps stay in input order).
   */
  rows?: { batch: SummaryBatch; flush(): void };
  /** GcSample.phases left out: no consumer of this parser places GC cycles (replay's gctrace option). */
  dropGcPhases?: boolean;
  /** gctrace lines only counted: no Snapshot.gc (nor batch gc), no gcCycle (parse prints neither). */
  countGcOnly?: boolean;
}

/** The state a stream's parser carries from one line to the next, as far as the next dump reads it. */
export interface StreamCarry {
  run: number;
  /** Time of the last dump that had one. */
  lastT: number | null;
  /** Dumps emitted. */
  emitted: number;
  /** A dump is open (not yet emitted). */
  pending: boolean;
  /** A panic/fatal error line the next dump would name. */
  exitText: string | null;
  /** gctrace cycles read since the last dump, which the next dump would take. */
  gcPending: boolean;
  /** Other output since the last dump, which a restart's first dump would name (Snapshot.priorOutput). */
  outputPending: boolean;
  crashTextSeen: boolean;
  /** The processes followed in the stream (process-lanes.ts). */
  lanes: LaneCarry;
}

/** A line that does not read: counted as malformed, and reported. */
export function malformed(sink: StreamSink, l: PayloadLine, d: Diagnostic): void {
  sink.counts.malformed += l.physicalLines;
  sink.diagnostic(d);
}
