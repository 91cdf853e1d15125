/**
 * The one pipeline entry of the core: every command (analyze, report, check, diff, watch) gets its
 * findings from here, so they all show the same findings from the same engine (src/findings).
 */
import { evaluateGate, type GateOptions, type GateResult, type RunCheck } from './findings/gate.js';
import type { Finding, FindingKind } from './findings/finding.js';
import { noteLoops } from './findings/loops.js';
import { collapseBeside, decideBeside } from './findings/checks/restart.js';
import { headline, rankFindings } from './findings/rank.js';
import { RunChecker, type FindingEvent } from './findings/runner.js';
import {
  stepTimeline,
  TraceAnalyzer,
  type TraceAnalysis,
  type TraceAnalyzerOptions,
} from './findings/trace-analyzer.js';
import type { RunTimeline } from './trace/timeline.js';
import type { BesideRuns } from './trace/snapshot.js';

export { TraceAnalyzer, type TraceAnalysis, type TraceAnalyzerOptions };

export interface TraceFindings {
  /** Every finding of every run, ranked by consequence. */
  findings: Finding[];
  /** Findings per run, in the order of the timelines given. */
  byRun: Finding[][];
  headline: Finding | null;
  omitted: Partial<Record<FindingKind, number>>;
}

/** Findings of timelines already in memory (report, check, diff). */
export function analyzeTrace(
  timelines: readonly RunTimeline[],
  options: { onFinding?: (e: FindingEvent & { stream: string; run: number }) => void } = {},
): TraceFindings {
  const omitted: Partial<Record<FindingKind, number>> = {};
  const byRun = timelines.map((tl) => {
    const on = options.onFinding;
    const c = new RunChecker(
      tl.stream,
      tl.run,
      on !== undefined ? { onFinding: (e) => on({ ...e, stream: tl.stream, run: tl.run }) } : {},
    );
    stepTimeline(c, tl);
    const fs = c.finish();
    for (const [k, n] of Object.entries(c.omitted)) omitted[k as FindingKind] = (omitted[k as FindingKind] ?? 0) + n;
    return fs;
  });
  // Restarts of runs that began beside a process that went on, as the streaming engine reads them:
  // by the same evidence, run by run (what check judges), then one note per stream.
  const beside: BesideRuns[] = [];
  for (const tl of timelines) for (const pt of tl.points) if (pt.beside !== undefined) beside.push(pt.beside);
  const all = byRun.flat();
  const decided = decideBeside(all, beside);
  let i = 0;
  for (let r = 0; r < byRun.length; r++) byRun[r] = byRun[r]!.map(() => decided[i++]!);
  const findings = rankFindings(noteLoops(collapseBeside(decided), omitted));
  return { findings, byRun, headline: headline(findings), omitted };
}

/** One-step replay fidelity of a run, when the gate needs skill. */
export interface RunFidelity {
  skill: number | null;
  intervals: number;
  maeModel: number;
  maePersistence: number;
}

export interface CheckTraceOptions extends GateOptions {
  /** One-step replay fidelity per run (same order as the timelines). */
  fidelity?: readonly (RunFidelity | undefined)[];
}

/** One run judged for the gate: its findings (the same as analyzeTrace's) and, when given, its replay fidelity. */
export function checkRun(tl: RunTimeline, fidelity?: RunFidelity, findings?: Finding[]): RunCheck {
  const rc: RunCheck = {
    stream: tl.stream,
    run: tl.run,
    firstLine: tl.firstLine,
    lastLine: tl.lastLine,
    findings: findings ?? analyzeTrace([tl]).byRun[0]!,
  };
  if (fidelity !== undefined) addFidelity(rc, fidelity);
  return rc;
}

/** A run's one-step replay fidelity, which --min-skill judges, added to its check. */
export function addFidelity(rc: RunCheck, fidelity: RunFidelity): void {
  rc.skill = fidelity.skill;
  rc.fidelity = {
    intervals: fidelity.intervals,
    maeModel: fidelity.maeModel,
    maePersistence: fidelity.maePersistence,
  };
}

/** The CI gate over timelines: the same findings as analyzeTrace, judged per run and kind. */
export function checkTrace(timelines: readonly RunTimeline[], options: CheckTraceOptions = {}): GateResult {
  const { byRun } = analyzeTrace(timelines);
  return evaluateGate(
    timelines.map((tl, i) => checkRun(tl, options.fidelity?.[i], byRun[i]!)),
    options,
  );
}

export { evaluateGate };
