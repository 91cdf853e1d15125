/**
 * The one place the live commands get findings from: the findings engine (findings/trace-analyzer.ts)
 * with its episode events. A finding is handed on when its episode closes (its words are final
 * then); episodes still going on are kept by identity for the view.
 */
import { type TraceAnalysis, TraceAnalyzer } from '../findings/trace-analyzer.js';
import type { Finding } from '../findings/finding.js';
import type { RunSummary } from '../trace/run-summary.js';
import type { GcSample } from '../trace/gc-sample.js';
import type { Snapshot } from '../trace/snapshot.js';
import type { TimelinePoint } from '../trace/timeline.js';

/** An episode keeps its kind and first line from the event that opened it to the one that closes it. */
const episodeKey = (f: Finding): string => `${f.stream}\u0000${f.run}\u0000${f.kind}\u0000${f.line}`;

/** The analysis of a live reading: `runs` are the last ones to close, after `earlierRuns` not listed. */
export interface LiveAnalysis extends TraceAnalysis {
  earlierRuns: number;
}

export class LiveFindings {
  private readonly analyzer: TraceAnalyzer;
  private readonly going = new Map<string, Finding>();

  /** Summaries of the last runs to close, oldest first, up to `keepRuns` (finish lists them). */
  private readonly lastRuns: RunSummary[] = [];
  /** Runs that closed before those, counted only. */
  private earlierRuns = 0;
  /** Whether runs are bounded (keepRuns finite): onRun keeps them here, not the analyzer. */
  private readonly bounded: boolean;

  /**
   * `onFinding` is called once per finding, when its episode is over. `keepRuns` bounds the run
   * summaries `finish()` lists to the last that many runs to close (default: every run; 0: none), so
   * that memory stays flat over any number of runs, a crash loop's included.
   */
  constructor(
    onFinding: (f: Finding) => void,
    {
      keepRuns = Number.POSITIVE_INFINITY,
      onOpen,
      onDrop,
    }: {
      keepRuns?: number;
      /** Called when an episode opens, with its finding as far as the dumps so far show it. */
      onOpen?: (f: Finding) => void;
      /** Called when an episode that opened is dropped: what came after refuted its claim. */
      onDrop?: (f: Finding) => void;
    } = {},
  ) {
    this.bounded = keepRuns !== Number.POSITIVE_INFINITY;
    const onRun = (summary: RunSummary): void => {
      if (keepRuns <= 0) {
        this.earlierRuns++;
        return;
      }
      if (this.lastRuns.length >= keepRuns) {
        this.lastRuns.shift();
        this.earlierRuns++;
      }
      this.lastRuns.push(summary);
    };
    this.analyzer = new TraceAnalyzer({
      ...(this.bounded ? { onRun } : {}),
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

  /**
   * Closes every open run (end of input, Ctrl-C) and returns what `gosched analyze` would print, its
   * runs bounded by `keepRuns`: `earlierRuns` closed before the runs listed.
   */
  finish(): LiveAnalysis {
    const analysis = this.analyzer.result();
    this.going.clear();
    return this.bounded
      ? { ...analysis, runs: this.lastRuns, earlierRuns: this.earlierRuns }
      : { ...analysis, earlierRuns: 0 };
  }
}
