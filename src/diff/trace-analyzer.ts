import type { Snapshot } from '../trace/snapshot.js';
import { RunSummaryBuilder, type RunSummary } from '../trace/run-summary.js';
import { toTimelinePoint } from '../trace/timeline-builder.js';
import type { TimelinePoint } from '../trace/timeline.js';
import type { Finding, FindingKind } from './finding.js';
import { RunAnalyzer, rankFindings } from './rules/index.js';

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

/**
 * `gosched analyze` as a stream: snapshots in, per-run summaries and rule-based findings out,
 * holding only the latest point of each run.
 */
export class TraceAnalyzer {
  private readonly runs = new Map<string, RunState>();

  push(s: Snapshot): void {
    const key = `${s.run}\u0000${s.stream}`;
    let st = this.runs.get(key);
    if (st === undefined) {
      st = { analyzer: new RunAnalyzer(s.stream, s.run), summary: new RunSummaryBuilder(s.stream, s.run), prev: undefined };
      this.runs.set(key, st);
    }
    const pt = toTimelinePoint(s, st.prev);
    st.analyzer.push(pt);
    st.summary.add(pt, s.era);
    st.prev = pt;
  }

  result(): TraceAnalysis {
    const findings: Finding[] = [];
    const omitted: Partial<Record<FindingKind, number>> = {};
    const runs: RunSummary[] = [];
    for (const st of this.runs.values()) {
      findings.push(...st.analyzer.finish());
      for (const [k, n] of Object.entries(st.analyzer.omitted)) {
        omitted[k as FindingKind] = (omitted[k as FindingKind] ?? 0) + n;
      }
      runs.push(st.summary.summary());
    }
    return { runs, findings: rankFindings(findings), omitted };
  }
}
