import type { Snapshot } from '../trace/snapshot.js';
import { RunSummaryBuilder, type RunSummary } from '../trace/run-summary.js';
import { toTimelinePoint } from '../trace/timeline-builder.js';
import type { TimelinePoint } from '../trace/timeline.js';
import type { Finding, FindingKind } from './finding.js';
import { RunAnalyzer, rankFindings } from './rules/index.js';

/** Findings kept over the whole trace; beyond this they are counted by kind. */
export const MAX_FINDINGS = 5000;

interface RunState {
  analyzer: RunAnalyzer;
  summary: RunSummaryBuilder;
  prev: TimelinePoint | undefined;
}

export interface TraceAnalysis {
  runs: RunSummary[];
  findings: Finding[];
  /** Findings counted but not kept (beyond MAX_FINDINGS_PER_KIND per run). */
  omitted: Partial<Record<FindingKind, number>>;
}

export interface TraceAnalyzerOptions {
  /**
   * Takes each run's summary as the run closes, with the count of its findings by kind, instead of
   * keeping it for `result().runs`: memory then stays flat whatever the number of runs.
   */
  onRun?: (summary: RunSummary, findingsByKind: ReadonlyMap<FindingKind, number>) => void;
}

/**
 * `gosched analyze` as a stream: snapshots in, per-run summaries and rule-based findings out,
 * holding only the latest point of each run.
 */
export class TraceAnalyzer {
  /** The open run of each stream; a stream's earlier runs are closed into `done`. */
  private readonly open = new Map<string, RunState>();
  private readonly done: RunSummary[] = [];
  private readonly findings: Finding[] = [];
  private readonly omitted: Partial<Record<FindingKind, number>> = {};

  constructor(private readonly options: TraceAnalyzerOptions = {}) {}

  push(s: Snapshot): void {
    let st = this.open.get(s.stream);
    if (st !== undefined && st.analyzer.run !== s.run) {
      this.close(st);
      st = undefined;
    }
    if (st === undefined) {
      st = {
        analyzer: new RunAnalyzer(s.stream, s.run),
        summary: new RunSummaryBuilder(s.stream, s.run),
        prev: undefined,
      };
      this.open.set(s.stream, st);
    }
    const pt = toTimelinePoint(s, st.prev);
    st.analyzer.push(pt);
    st.summary.add(pt, s.era);
    st.prev = pt;
  }

  result(): TraceAnalysis {
    for (const st of this.open.values()) this.close(st);
    this.open.clear();
    return { runs: this.done, findings: rankFindings(this.findings), omitted: this.omitted };
  }

  private close(st: RunState): void {
    const onRun = this.options.onRun;
    const byKind = new Map<FindingKind, number>();
    for (const f of st.analyzer.finish()) {
      if (onRun !== undefined) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
      if (this.findings.length < MAX_FINDINGS) this.findings.push(f);
      else this.omitted[f.kind] = (this.omitted[f.kind] ?? 0) + 1;
    }
    for (const [k, n] of Object.entries(st.analyzer.omitted)) {
      this.omitted[k as FindingKind] = (this.omitted[k as FindingKind] ?? 0) + n;
    }
    if (onRun !== undefined) onRun(st.summary.summary(), byKind);
    else this.done.push(st.summary.summary());
  }
}
