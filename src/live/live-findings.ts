/**
 * The one place the live commands get findings from: the findings engine (findings/trace-analyzer.ts)
 * with its episode events. A finding is handed on when its episode closes (its words are final
 * then); episodes still going on are kept by identity for the view.
 */
import { type TraceAnalysis, TraceAnalyzer } from '../findings/trace-analyzer.js';
import { foldFindings } from '../findings/folds.js';
import { isRestartShaped, markStartupGc } from '../findings/checks/gc-folds.js';
import { isSustainedStop } from '../findings/checks/gc-stop.js';
import { undecidedRestart } from '../findings/checks/restart.js';
import type { Finding } from '../findings/finding.js';
import type { RunSummary } from '../trace/run-summary.js';
import type { GcSample } from '../trace/gc-sample.js';
import type { Snapshot } from '../trace/snapshot.js';
import type { TimelinePoint } from '../trace/timeline.js';
import { RestartHold } from './restart-hold.js';

/**
 * How long a foldable finding is held, in dumps of its stream, before it is handed on unjudged once
 * no episode that may fold it goes on: the run's end judges it, but a service's run may go on for
 * hours, and what folds a finding away is an episode open at its time or begun within a few dumps
 * of it. Also the most held at once.
 */
const HOLD_DUMPS = 64;

/**
 * A finding the run's end may fold into another (RunChecker.finish): a global-queue jump into a
 * saturation or an overflow's spill (foldSaturatedJumps, foldSpilledJumps), a lock-contention
 * reading not named by its wait reason into a leak (foldSemacquireContention) or into GC cycles
 * back to back (foldGcStartWaits), one of a single dump into a netpoll wave (foldWaveLockWaits), a
 * backlog beside idle Ps into GC's stops and restarts (foldGcRestartBacklog), a stop-the-world note
 * into GC cycles back to back (foldGcStopNotes); and GC from the process's first cycle, which the
 * run's end may find to be the heap's growth at start-up (markStartupGc).
 */
const foldable = (f: Finding): boolean =>
  (f.kind === 'injection-burst' && f.evidence.via === 'global-queue') ||
  (f.kind === 'gc-stop' && !isSustainedStop(f)) ||
  (f.kind === 'lock-contention' && (!f.evidence.named || f.evidence.dumps === 1)) ||
  (f.kind === 'gc-pressure' && f.evidence.fromCycle === 1) ||
  isRestartShaped(f) ||
  claimsWholeRun(f);

/**
 * A claim whose figures are the whole run's, which only its end settles (CheckState.settle): the
 * stop-the-world share of gc-stop, which the dumps after the episode may bring below the threshold.
 */
const claimsWholeRun = (f: Finding): boolean => isSustainedStop(f);

/** Findings held back for a stream's open run, and the episodes closed in it that may fold them. */
interface Held {
  run: number;
  findings: Finding[];
  /** The stream's dump count (`dumps`) when each was held. */
  at: number[];
  dumps: number;
  folders: Finding[];
  /**
   * GC from the process's first cycle (one per run at most), held until the run so far shows it to
   * be the heap's growth at start-up (markStartupGc: the run only gets longer, so that is final), or
   * the run ends.
   */
  startupGc: Finding | null;
  /** Findings only the run's end settles (claimsWholeRun), the latest HOLD_DUMPS; older ones go on unsettled. */
  wholeRun: Finding[];
}

/** The kinds whose episodes the folds keep and fold others into (saturation, waves, leaks, spills, GC). */
const FOLDS_OTHERS: ReadonlySet<Finding['kind']> = new Set([
  'saturation',
  'injection-burst',
  'goroutine-leak',
  'local-overflow',
  'gc-pressure',
]);

/** An episode keeps its kind and first line from the event that opened it to the one that closes it. */
const episodeKey = (f: Finding): string => `${f.stream}\u0000${f.run}\u0000${f.kind}\u0000${f.line}`;

/** The analysis of a live reading: `runs` are the last ones to close, after `earlierRuns` not listed. */
export interface LiveAnalysis extends TraceAnalysis {
  earlierRuns: number;
}

export class LiveFindings {
  private readonly analyzer: TraceAnalyzer;
  private readonly going = new Map<string, Finding>();
  /**
   * Per stream, the foldable findings of its open run whose episodes closed: analyze folds them at
   * the run's end into findings that may come later (a saturation reaching back over a jump), so
   * they are handed on, or dropped, when the run closes, as analyze reports them.
   */
  private readonly held = new Map<string, Held>();
  /** Per stream, its open run's first and latest dump times (markStartupGc on a held GC finding). */
  private readonly runSpan = new Map<string, { run: number; fromMs: number | null; toMs: number | null }>();
  private readonly onFinding: (f: Finding) => void;
  private readonly onDrop: ((f: Finding) => void) | undefined;

  /** Restarts that name no exit, until it is known whether they were processes beside others. */
  private readonly restarts: RestartHold;

  /** Summaries of the last runs to close, oldest first, up to `keepRuns` (finish lists them). */
  private readonly lastRuns: RunSummary[] = [];
  /** Runs that closed before those, counted only. */
  private earlierRuns = 0;

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
    this.onFinding = onFinding;
    this.onDrop = onDrop;
    this.restarts = new RestartHold(onFinding);
    const onRun = (summary: RunSummary, _byKind: unknown, findings: readonly Finding[]): void => {
      this.judgeHeld(summary.stream, summary.run, findings);
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
      onRun,
      onBeside: (e) => this.restarts.evidence(e),
      onFinding: (e) => {
        if (e.type === 'open') {
          this.going.set(episodeKey(e.finding), e.finding);
          onOpen?.(e.finding);
          return;
        }
        this.going.delete(episodeKey(e.finding));
        if (e.type === 'close' && FOLDS_OTHERS.has(e.finding.kind)) this.noteFolder(e.finding);
        if (e.type === 'drop') onDrop?.(e.finding);
        else if (undecidedRestart(e.finding)) this.restarts.hold(e.finding);
        else if (foldable(e.finding)) this.hold(e.finding);
        else onFinding(e.finding);
      },
    });
  }

  /**
   * What f's stream holds for f's run: a new entry when the stream had none or held for an earlier
   * run (whose findings then go on unjudged: its end was not seen).
   */
  private heldFor(f: Finding): Held {
    let held = this.held.get(f.stream);
    if (held === undefined || held.run !== f.run) {
      if (held !== undefined) for (const h of [...held.findings, ...held.wholeRun]) this.onFinding(h);
      held = { run: f.run, findings: [], at: [], dumps: 0, folders: [], startupGc: null, wholeRun: [] };
      this.held.set(f.stream, held);
    }
    return held;
  }

  /** Holds a closed foldable finding until what may fold it is known; past HOLD_DUMPS held, the oldest is judged. */
  private hold(f: Finding): void {
    const held = this.heldFor(f);
    if (f.kind === 'gc-pressure') {
      held.startupGc = f;
      return;
    }
    if (claimsWholeRun(f)) {
      if (held.wholeRun.push(f) > HOLD_DUMPS) this.onFinding(held.wholeRun.shift()!);
      return;
    }
    held.findings.push(f);
    held.at.push(held.dumps);
    if (held.findings.length > HOLD_DUMPS) this.judgeLongest(held, 1);
  }

  /** A closed episode of a kind that folds others, kept while its run holds findings (the latest HOLD_DUMPS). */
  private noteFolder(f: Finding): void {
    const held = this.heldFor(f);
    if (held.folders.push(f) > HOLD_DUMPS) held.folders.shift();
  }

  /** Whether an episode that may fold a held finding at the run's end is still going on in the stream. */
  private foldingGoesOn(stream: string): boolean {
    for (const f of this.going.values()) if (f.stream === stream && FOLDS_OTHERS.has(f.kind)) return true;
    return false;
  }

  /**
   * The `n` findings held longest, judged by the run's folds against the episodes of its kinds that
   * fold others, closed so far: those the folds keep go on, the rest are dropped.
   */
  private judgeLongest(held: Held, n: number): void {
    const judged = held.findings.splice(0, n);
    held.at.splice(0, n);
    const kept = new Set(foldFindings([...held.folders, ...judged]));
    for (const f of judged) {
      if (kept.has(f)) this.onFinding(f);
      else this.onDrop?.(f);
    }
  }

  /** The run closed with `findings` (folded as analyze folds them): those held and kept there go on as the run has them, the rest are dropped. */
  private judgeHeld(stream: string, run: number, findings: readonly Finding[]): void {
    const held = this.held.get(stream);
    if (held === undefined || held.run !== run) return;
    this.held.delete(stream);
    if (held.startupGc !== null) held.findings.push(held.startupGc);
    held.findings.push(...held.wholeRun);
    // The run's own finding goes on: the end of the run may have changed it (Finding.startup,
    // gc-stop's share settled into a note).
    const kept = new Map<string, Finding>();
    for (const f of findings) kept.set(episodeKey(f), f);
    for (const h of held.findings) {
      const f = kept.get(episodeKey(h));
      if (f !== undefined) this.onFinding(f);
      else this.onDrop?.(h);
    }
  }

  /** One snapshot; returns its timeline point (the view and the metrics read it). */
  push(s: Snapshot): TimelinePoint {
    this.restarts.dump(s.stream);
    const span = this.runSpan.get(s.stream);
    if (span === undefined || span.run !== s.run)
      this.runSpan.set(s.stream, { run: s.run, fromMs: s.tMs, toMs: s.tMs });
    else span.toMs = s.tMs;
    const held = this.held.get(s.stream);
    const gc = held?.startupGc;
    if (gc !== null && gc !== undefined && held!.run === s.run) {
      const run = this.runSpan.get(s.stream)!;
      markStartupGc([gc], run.fromMs, run.toMs);
      if (gc.startup !== undefined) {
        held!.startupGc = null;
        this.onFinding(gc);
      }
    }
    if (held !== undefined && held.findings.length > 0) {
      held.dumps++;
      let n = 0;
      while (n < held.at.length && held.dumps - held.at[n]! >= HOLD_DUMPS) n++;
      if (n > 0 && !this.foldingGoesOn(s.stream)) this.judgeLongest(held, n);
    }
    return this.analyzer.push(s);
  }

  /** Cycles a run printed after its last dump (ParserCallbacks.onTrailingGc). */
  trailingGc(stream: string, run: number, gc: GcSample, line: number): void {
    this.analyzer.trailingGc(stream, run, gc, line);
  }

  /** The stream's open run is over (the parser released the stream). */
  release(stream: string): void {
    this.runSpan.delete(stream);
    this.analyzer.release(stream);
    this.restarts.release(stream);
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
    this.restarts.finish();
    this.going.clear();
    return { ...analysis, runs: this.lastRuns, earlierRuns: this.earlierRuns };
  }
}
