/**
 * The one place the live commands get findings from: the findings engine (findings/trace-analyzer.ts)
 * with its episode events. A finding is handed on when its episode closes (its words are final
 * then); episodes still going on are kept by identity for the view.
 */
import { type TraceAnalysis, TraceAnalyzer } from '../findings/trace-analyzer.js';
import type { Finding } from '../findings/finding.js';
import type { GcSample } from '../trace/gc-sample.js';
import type { Snapshot } from '../trace/snapshot.js';
import type { TimelinePoint } from '../trace/timeline.js';

/** An episode keeps its kind and first line from the event that opened it to the one that closes it. */
const episodeKey = (f: Finding): string => `${f.stream}\u0000${f.run}\u0000${f.kind}\u0000${f.line}`;

export class LiveFindings {
  private readonly analyzer: TraceAnalyzer;
  private readonly going = new Map<string, Finding>();

  /**
   * `onFinding` is called once per finding, when its episode is over. `keepRuns: false` forgets each
   * run's summary as it closes (memory flat over any number of runs), and `finish()` then lists none.
   */
  constructor(
    onFinding: (f: Finding) => void,
    {
      keepRuns = true,
      onOpen,
      onDrop,
    }: {
      keepRuns?: boolean;
      /** Called when an episode opens, with its finding as far as the dumps so far show it. */
      onOpen?: (f: Finding) => void;
      /** Called when an episode that opened is dropped: what came after refuted its claim. */
      onDrop?: (f: Finding) => void;
    } = {},
  ) {
    this.analyzer = new TraceAnalyzer({
      ...(keepRuns ? {} : { onRun: () => {} }),
      onFinding: (e) => {
        if (e.type === 'open') {
          this.going.set(episodeKey(e.finding), e.finding);
          onOpen?.(e.finding);
          return;
        }
        this.going.delete(episodeKey(e.finding));
        if (e.type === 'drop') onDrop?.(e.finding);
        else onFinding(e.finding);
      },
    });
  }

  /** One snapshot; returns its timeline point (the view and the metrics read it). */
  push(s: Snapshot): TimelinePoint {
    return this.analyzer.push(s);
  }

  /** Cycles a run printed after its last dump (ParserCallbacks.onTrailingGc). */
  trailingGc(stream: string, run: number, gc: GcSample, line: number): void {
    this.analyzer.trailingGc(stream, run, gc, line);
  }

  /** The stream's open run is over (the parser released the stream). */
  release(stream: string): void {
    this.analyzer.release(stream);
  }

  /** Findings whose episode is still going on at the latest dump. */
  ongoing(): Finding[] {
    return [...this.going.values()];
  }

  /** Closes every open run (end of input, Ctrl-C) and returns what `gosched analyze` would print. */
  finish(): TraceAnalysis {
    const analysis = this.analyzer.result();
    this.going.clear();
    return analysis;
  }
}
