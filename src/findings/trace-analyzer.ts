import { RunSummaryBuilder, type RunSummary } from '../trace/run-summary.js';
import type { Snapshot } from '../trace/snapshot.js';
import { toTimelinePoint } from '../trace/timeline-builder.js';
import type { RunTimeline, TimelinePoint } from '../trace/timeline.js';
import type { Finding, FindingKind } from './finding.js';
import { headline, rankFindings } from './rank.js';
import { RunChecker, type FindingEvent } from './runner.js';

interface RunState {
  checker: RunChecker;
  summary: RunSummaryBuilder;
  prev: TimelinePoint | undefined;
}

export interface TraceAnalysis {
  runs: RunSummary[];
  /** Every finding of every run, ranked by consequence. */
  findings: Finding[];
  /** The finding the trace's story starts with; null when the trace is unremarkable. */
  headline: Finding | null;
  /** Episodes counted but not kept (beyond MAX_EPISODES_PER_KIND per run and kind). */
  omitted: Partial<Record<FindingKind, number>>;
}

export interface TraceAnalyzerOptions {
  /** Called when an episode opens and when it closes, as the input streams in. */
  onFinding?: (e: FindingEvent & { stream: string; run: number }) => void;
  /**
   * Takes each run's summary as the run closes, with the count of its findings by kind, instead of
   * keeping it for `result().runs`: memory then stays flat whatever the number of runs.
   */
  onRun?: (summary: RunSummary, findingsByKind: ReadonlyMap<FindingKind, number>, findings: readonly Finding[]) => void;
}

/** Findings kept over the whole trace; beyond this they are counted by kind in `omitted`. */
export const MAX_FINDINGS = 5000;

/**
 * The findings engine over a whole trace, as a stream: snapshots in (any number of streams and
 * runs, interleaved), per-run summaries and findings out, holding only the latest point of each run.
 */
export class TraceAnalyzer {
  /** The open run of each stream; a stream's earlier runs are closed into `done`. */
  private readonly open = new Map<string, RunState>();
  private readonly done: RunSummary[] = [];
  private readonly findings: Finding[] = [];
  private readonly omitted: Partial<Record<FindingKind, number>> = {};

  constructor(private readonly options: TraceAnalyzerOptions = {}) {}

  /** One snapshot; returns its timeline point (live views and metrics read it). */
  push(s: Snapshot): TimelinePoint {
    let st = this.open.get(s.stream);
    if (st !== undefined && st.checker.run !== s.run) {
      this.close(st);
      st = undefined;
    }
    if (st === undefined) {
      const on = this.options.onFinding;
      const { stream, run } = s;
      st = {
        checker: new RunChecker(stream, run, on !== undefined ? { onFinding: (e) => on({ ...e, stream, run }) } : {}),
        summary: new RunSummaryBuilder(stream, run),
        prev: undefined,
      };
      this.open.set(s.stream, st);
    }
    const pt = toTimelinePoint(s, st.prev);
    st.checker.step(st.prev, pt);
    st.summary.add(pt, s.era);
    st.prev = pt;
    return pt;
  }

  /** The stream's open run is over (the parser released the stream): summarise it and forget it. */
  release(stream: string): void {
    const st = this.open.get(stream);
    if (st === undefined) return;
    this.open.delete(stream);
    this.close(st);
  }

  result(): TraceAnalysis {
    for (const st of this.open.values()) this.close(st);
    this.open.clear();
    const findings = rankFindings(this.findings);
    return { runs: this.done, findings, headline: headline(findings), omitted: this.omitted };
  }

  private close(st: RunState): void {
    const onRun = this.options.onRun;
    const byKind = new Map<FindingKind, number>();
    const runFindings = st.checker.finish();
    for (const f of runFindings) {
      if (onRun !== undefined) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
      if (this.findings.length < MAX_FINDINGS) this.findings.push(f);
      else this.omitted[f.kind] = (this.omitted[f.kind] ?? 0) + 1;
    }
    for (const [k, n] of Object.entries(st.checker.omitted)) {
      this.omitted[k as FindingKind] = (this.omitted[k as FindingKind] ?? 0) + n;
    }
    if (onRun !== undefined) onRun(st.summary.summary(), byKind, runFindings);
    else this.done.push(st.summary.summary());
  }
}

/** The findings of one run already in memory, ranked. */
export function analyzeRun(timeline: RunTimeline): Finding[] {
  const c = new RunChecker(timeline.stream, timeline.run);
  let prev: TimelinePoint | undefined;
  for (const pt of timeline.points) {
    c.step(prev, pt);
    prev = pt;
  }
  return c.finish();
}
