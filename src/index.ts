/**
 * gosched as a library: the same pure stages the CLI composes, without files or processes.
 *
 *   text ─▶ parse ─▶ trace ─▶ replay ─▶ diff ─▶ report
 *
 *   const { snapshots, trailingGc, counts } = parseText(log);           // parse (any era, any envelope)
 *   const timelines = buildTimelines(snapshots, trailingGc);            // trace: per stream and run
 *   const { findings, headline } = analyzeTrace(timelines);             // findings: one engine, ranked
 *   const replay = replayTimelines(timelines);                          // replay through the model
 *   const overlay = toModelOverlay(replay.runs);                        // model vs observed, for charts
 *
 * For large inputs, `createParser` takes one line at a time and `TraceAnalyzer` summarises runs
 * in constant memory.
 */
export { createParser, parseText, type Parser, type ParserCallbacks, type ParseResult } from './parse/index.js';
export { createEnvelopeReader, type LogicalLine, type EnvelopeKind } from './parse/envelope.js';
export { eras, type EraSpec } from './parse/eras/index.js';
export type {
  Snapshot,
  SnapshotDetail,
  PDetail,
  MDetail,
  GDetail,
  GCounts,
  GTally,
  FormatEra,
} from './trace/snapshot.js';
export { LOCAL_RUNQ_CAPACITY } from './trace/snapshot.js';
export type { MStateCounts } from './trace/snapshot.js';
export type { RunTimeline, TimelinePoint } from './trace/timeline.js';
export { uint32Delta, gStatusNames, pStatusNames } from './trace/timeline.js';
export { buildTimelines, TimelineBuilder, toTimelinePoint } from './trace/timeline-builder.js';
export type { RunSummary } from './trace/run-summary.js';
export type { ModelOverlay, ModelOverlayRun, ModelOverlayPoint } from './trace/model-overlay.js';
export {
  findingKinds,
  formerKinds,
  isFindingKind,
  type Basis,
  type Confidence,
  type Finding,
  type FindingKind,
  type FindingOf,
} from './findings/finding.js';
export type { EvidenceByKind, EvidenceOf } from './findings/evidence.js';
export type { Check, CheckContext, CheckState, Hit, AnyCheck } from './findings/check.js';
export { checks } from './findings/checks/index.js';
export { RunChecker, MAX_EPISODES_PER_KIND, type FindingEvent, type RunCheckerOptions } from './findings/runner.js';
export { rankFindings, headline } from './findings/rank.js';
export { analyzeTrace, checkTrace, type TraceFindings, type CheckTraceOptions } from './pipeline.js';
export * as runtimeConstants from './trace/runtime-constants.js';
export type { GcSample, GcCycle } from './trace/gc-sample.js';
export { findingInfo, defaultFailKinds, type FindingInfo } from './findings/finding-info.js';
export { TraceAnalyzer, analyzeRun, type TraceAnalysis, type TraceAnalyzerOptions } from './findings/trace-analyzer.js';
export { evaluateGate, type GateOptions, type GateResult, type RunCheck } from './findings/gate.js';
export { diffTraces, traceFigures, type TraceDiff, type TraceFigures, type Threshold } from './diff/trace-diff.js';
export {
  replayTimelines,
  toModelOverlay,
  whatIf,
  type ReplayResult,
  type RunReplay,
  type ReplayOptions,
} from './replay/index.js';
export { SchedulerModel, type ModelOptions } from './scheduler/model.js';
export { loadState, type ObservedState } from './replay/load-state.js';
export { simulate, type SimulateOptions, type SimulateResult } from './scheduler/simulate.js';
export { formatSnapshot } from './scheduler/format.js';
export {
  validateWorkload,
  type WorkloadSpec,
  type GroupSpec,
  type BehaviourSpec,
  type SpawnSpec,
  type Dist,
} from './workload/spec.js';
export { buildReportData, buildCharts, renderHtmlReport, type ReportData, type Chart } from './report/index.js';
export {
  diagnosticCatalog,
  InputError,
  type Diagnostic,
  type DiagnosticCode,
  type LineCounts,
  type Severity,
} from './messages.js';
// Live and connected: the Perfetto/Chrome trace writer, gctrace lines, the live view's model.
export { PerfettoTraceWriter, type TraceEvent } from './report/perfetto-trace.js';
export { parseGcLine } from './parse/gctrace-line.js';
export { LiveState, type StreamView } from './live/live-state.js';
export { renderView, type ViewOptions } from './live/render-view.js';
