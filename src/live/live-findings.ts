/**
 * The one place the live commands get findings from: today's rule engine (diff/rules RunAnalyzer)
 * run per stream and run, with each finding handed on as soon as its episode closes.
 * Swapping in another streaming findings engine means rewriting this file only.
 */
import type { Finding, FindingKind } from '../diff/finding.js';
import { RunAnalyzer, rankFindings } from '../diff/rules/index.js';
import { MAX_FINDINGS, type TraceAnalysis } from '../diff/trace-analyzer.js';
import { RunSummaryBuilder, type RunSummary } from '../trace/run-summary.js';
import type { Snapshot } from '../trace/snapshot.js';
import { toTimelinePoint } from '../trace/timeline-builder.js';
import type { TimelinePoint } from '../trace/timeline.js';

interface RunState {
  analyzer: RunAnalyzer;
  summary: RunSummaryBuilder;
  prev: TimelinePoint | undefined;
  /** How many of the analyzer's kept findings were handed on. */
  emitted: number;
}

/** RunAnalyzer keeps the findings of closed episodes in this (private) array, in the order they closed. */
function keptOf(a: RunAnalyzer): readonly Finding[] {
  return (a as unknown as { kept: Finding[] }).kept;
}

/** And the episodes still open (their finding's words are written when they close). */
function openOf(a: RunAnalyzer): Iterable<{ finding: Finding }> {
  return (a as unknown as { open: Map<number, { finding: Finding }> }).open.values();
}

export class LiveFindings {
  private readonly open = new Map<string, RunState>();
  private readonly done: RunSummary[] = [];
  private readonly findings: Finding[] = [];
  private readonly omitted: Partial<Record<FindingKind, number>> = {};

  /** `onFinding` is called once per finding, when its episode is over (its words are final then). */
  constructor(private readonly onFinding: (f: Finding) => void) {}

  /** One snapshot; returns its timeline point (the view and the metrics read it). */
  push(s: Snapshot): TimelinePoint {
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
        emitted: 0,
      };
      this.open.set(s.stream, st);
    }
    const pt = toTimelinePoint(s, st.prev);
    st.analyzer.push(pt);
    st.summary.add(pt, s.era);
    st.prev = pt;
    this.handOn(st);
    return pt;
  }

  /** Findings whose episode is still going on at the latest dump (kind, place and time so far; no words yet). */
  ongoing(): Finding[] {
    const out: Finding[] = [];
    for (const st of this.open.values()) for (const ep of openOf(st.analyzer)) out.push(ep.finding);
    return out;
  }

  /** Closes every open run (end of input, Ctrl-C) and returns what `gosched analyze` would print. */
  finish(): TraceAnalysis {
    for (const st of this.open.values()) this.close(st);
    this.open.clear();
    return { runs: this.done, findings: rankFindings(this.findings), omitted: this.omitted };
  }

  private handOn(st: RunState): void {
    const kept = keptOf(st.analyzer);
    while (st.emitted < kept.length) {
      const f = kept[st.emitted++]!;
      if (this.findings.length < MAX_FINDINGS) this.findings.push(f);
      else this.omitted[f.kind] = (this.omitted[f.kind] ?? 0) + 1;
      this.onFinding(f);
    }
  }

  private close(st: RunState): void {
    st.analyzer.finish();
    this.handOn(st);
    for (const [k, n] of Object.entries(st.analyzer.omitted)) {
      this.omitted[k as FindingKind] = (this.omitted[k as FindingKind] ?? 0) + n;
    }
    this.done.push(st.summary.summary());
  }
}
