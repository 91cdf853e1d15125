/**
 * The one runner: streams a run's points through every check, merges consecutive hits of a kind
 * into episodes (count, time span, Ps, goroutines moved), applies the one cap, and reports each
 * episode when it opens and when it closes (onFinding, for live use). It keeps numbers only, never
 * a point: callers hand it (prev, cur) and may reuse point objects afterwards.
 */
import type { BatchRows } from '../trace/batch-rows.js';
import type { GcSample } from '../trace/gc-sample.js';
import type { RunFacts } from '../trace/release-facts.js';
import { type FormatEra, laterEra } from '../trace/snapshot.js';
import type { TimelinePoint } from '../trace/timeline.js';
import {
  type AnyCheck,
  type CheckContext,
  type CheckState,
  EVERY_CHECK,
  type Hit,
  type RowContext,
  sum,
  withinMergeGap,
} from './check.js';
import { checks as allChecks } from './checks/index.js';
import { FOLDS_READ_EVIDENCE, foldFindings } from './folds.js';
import { markStartupGc } from './checks/gc-folds.js';
import { dumpSignals, rowSignals } from './dump-signals.js';
import type { Confidence, Finding, FindingKind } from './finding.js';
import { rankFindings } from './rank.js';
import { noteRecurrence, recurrenceWords } from './recurrence.js';

/** Episodes kept per kind and run; more are counted (omitted), so memory stays bounded. */
export const MAX_EPISODES_PER_KIND = 200;

/**
 * `open` and `close` bracket an episode; `drop` closes one whose claim the dumps after it refuted
 * (CheckState.refutesEpisode): it is not reported.
 */
export type FindingEvent = { type: 'open' | 'close' | 'drop'; finding: Finding };

export interface RunCheckerOptions {
  checks?: readonly AnyCheck[];
  /** Called with a copy of the finding when an episode opens and when it closes. */
  onFinding?: (e: FindingEvent) => void;
}

interface Episode {
  /** Its key among RunChecker.open. */
  key: number;
  check: AnyCheck;
  /** The check's index (its state's). */
  c: number;
  finding: Finding;
  lastIndex: number;
  lastTMs: number | null;
  /** The check's mergeGap, spread out. */
  /** The check's mergeGap. */
  gap: { dumps: number; ms: number };
  /** Opened once the run kept its MAX_EPISODES_PER_KIND of the kind, with no listener: it is only counted. */
  counted: boolean;
  /** Every hit so far came from the process's start (Hit.fromStart). */
  fromStart: boolean;
}

const NO_EVIDENCE = Object.freeze({});

/** A confidence's rank (a compare of interned strings, not a keyed load per hit). */
function confidenceRank(c: Confidence): number {
  return c === 'certain' ? 2 : c === 'likely' ? 1 : 0;
}

export class RunChecker {
  private readonly checks: readonly AnyCheck[];
  private readonly states: CheckState<FindingKind>[];
  /**
   * Each state's step, read once: every check's state has its own shape, so reading `step` off them
   * dump after dump is a megamorphic lookup, while calling from this array is not.
   */
  private readonly steps: CheckState<FindingKind>['step'][];
  /** Each state's stepRow, read once likewise (undefined for a check that reads points only). */
  private readonly rowSteps: CheckState<FindingKind>['stepRow'][];
  /** Each state's reset and trailingGc, read once likewise: restart and a run's trailing cycles come once a run. */
  private readonly resets: CheckState<FindingKind>['reset'][];
  private readonly trailingGcs: CheckState<FindingKind>['trailingGc'][];
  /**
   * Each check's merge, and whether it is perP, read once: read off the checks hit after hit, they
   * are loads of a dozen shapes.
   */
  private readonly merges: ((episode: unknown, hit: unknown) => void)[];
  private readonly perP: Uint8Array;
  /**
   * 1 for the checks whose kind has its MAX_EPISODES_PER_KIND kept in this run: without a listener
   * their later episodes are only counted (close), so nothing of their hits is read.
   */
  private readonly full: Uint8Array;
  /** Each check's quietUnless settlesAfter, spread out (never, without one). */
  private readonly settlesAfter: Float64Array;
  /**
   * Checks as bits, 32 to a word (check c: word c >> 5, bit c & 31), so that a dump steps only the
   * checks it wakes or that have not settled, in check order, instead of looking at every check.
   * wakes[w * 32 + s]: the checks of word w that signal bit s wakes (every signal, without quietUnless).
   */
  private readonly wakes: Int32Array;
  /** The checks of word w that are not settled: quiet, they are stepped still. */
  private readonly unsettled: Int32Array;
  /** The checks of word w that EVERY_CHECK wakes. */
  private readonly allChecks: Int32Array;
  /** Dumps in a row each check has been quiet at (reset with the run). */
  private readonly quietFor: Float64Array;
  /** The last point stepped, its runqueue plus rings, and whether every check ran at it. */
  private lastCur: TimelinePoint | undefined = undefined;
  private lastWaiting = 0;
  private lastEvery = false;
  /** The last dump stepped was a batch row (stepRow), whose point the next step() gets as prev. */
  private lastRow = false;
  /** Open episodes in the order they opened (a few: an array, no iterator per dump). */
  private readonly open: Episode[] = [];
  private readonly kept: Finding[] = [];
  /** Kept findings whose episodes came from the process's start (markStartupGc reads them at finish). */
  private readonly fromStart: Finding[] = [];
  private readonly stored = new Map<FindingKind, number>();
  private readonly onFinding: ((e: FindingEvent) => void) | undefined;
  private index = 0;
  /** The run's first and last dump times (markStartupGc reads the run's length). */
  private firstTMs: number | null = null;
  private lastTMs: number | null = null;
  private readonly ctx: CheckContext;
  /** The context of stepRow, refilled at each row likewise. */
  private readonly rowCtx: RowContext;
  omitted: Partial<Record<FindingKind, number>> = {};
  /** What the run's dumps have shown of its release (noteRelease): the checks and the words read it. */
  readonly facts: RunFacts = { era: 'unknown', detail: false };
  /**
   * For a caller that reads no more of this run's findings than kind, confidence, impact and place
   * (a trace whose cap on findings is full already): evidence is neither copied nor merged but for
   * the kinds the folds read (foldsRead), and finish() must then be asked for no words.
   */
  countOnly = false;
  /** Per check, 1 when a fold reads its kind's evidence, which a countOnly run then keeps (FOLDS_READ_EVIDENCE). */
  private readonly foldsRead: Uint8Array;

  constructor(
    public stream: string,
    public run: number,
    options: RunCheckerOptions = {},
  ) {
    this.checks = options.checks ?? allChecks;
    this.states = this.checks.map((c) => c.create(this.facts) as CheckState<FindingKind>);
    this.steps = this.states.map((st) => st.step);
    this.rowSteps = this.states.map((st) => st.stepRow);
    this.resets = this.states.map((st) => st.reset);
    this.trailingGcs = this.states.map((st) => st.trailingGc);
    const n = this.checks.length;
    this.merges = this.checks.map((c) => c.merge as (episode: unknown, hit: unknown) => void);
    this.perP = Uint8Array.from(this.checks, (c) => (c.perP ? 1 : 0));
    this.foldsRead = Uint8Array.from(this.checks, (c) => (FOLDS_READ_EVIDENCE.has(c.kind) ? 1 : 0));
    this.full = new Uint8Array(n);
    this.settlesAfter = new Float64Array(n);
    this.quietFor = new Float64Array(n);
    const words = (n + 31) >> 5;
    this.wakes = new Int32Array(words * 32);
    this.unsettled = new Int32Array(words);
    this.allChecks = new Int32Array(words);
    for (let c = 0; c < n; c++) {
      const q = this.checks[c]!.quietUnless;
      const wakesOn = q === undefined ? EVERY_CHECK : q.wakesOn;
      this.settlesAfter[c] = q === undefined ? Number.POSITIVE_INFINITY : q.settlesAfter;
      const bit = 1 << (c & 31);
      for (let s = 0; s < 32; s++) if ((wakesOn & (1 << s)) !== 0) this.wakes[(c >> 5) * 32 + s]! |= bit;
      if (wakesOn !== 0) this.allChecks[c >> 5]! |= bit;
    }
    this.unsettleAll();
    this.onFinding = options.onFinding;
    this.ctx = {
      stream,
      run,
      index: 0,
      prev: undefined,
      cur: undefined as unknown as TimelinePoint,
      queued: 0,
      maxLocal: 0,
    };
    this.rowCtx = {
      index: 0,
      rows: undefined as unknown as BatchRows,
      row: 0,
      queued: 0,
      maxLocal: 0,
      onlyCounted: false,
    };
  }

  /** Takes what a dump showed of the release (its layout, whether it had scheddetail) into facts. */
  noteRelease(era: FormatEra, detail: boolean): void {
    const f = this.facts;
    if (era !== f.era) f.era = laterEra(f.era, era);
    if (detail) f.detail = true;
  }

  /**
   * Starts over for another run once finish() has returned, keeping the checks' states (reset) and
   * the containers: a log may hold tens of thousands of runs. What finish() returned stays as it was.
   */
  restart(stream: string, run: number): this {
    this.stream = stream;
    this.run = run;
    this.index = 0;
    this.firstTMs = this.lastTMs = null;
    this.kept.length = 0;
    this.fromStart.length = 0;
    this.countOnly = false;
    this.facts.era = 'unknown';
    this.facts.detail = false;
    this.stored.clear();
    this.full.fill(0);
    // A fresh object only when the last run omitted any: callers may hold the one they were given.
    for (const _ in this.omitted) {
      this.omitted = {};
      break;
    }
    const ctx = this.ctx;
    ctx.stream = stream;
    ctx.run = run;
    ctx.index = 0;
    ctx.prev = undefined;
    this.quietFor.fill(0);
    this.unsettleAll();
    this.lastCur = undefined;
    this.lastRow = false;
    const states = this.states;
    const resets = this.resets;
    for (let c = 0; c < states.length; c++) {
      const reset = resets[c];
      if (reset !== undefined) reset.call(states[c]);
      else {
        const st = this.checks[c]!.create(this.facts) as CheckState<FindingKind>;
        states[c] = st;
        this.steps[c] = st.step;
        this.rowSteps[c] = st.stepRow;
        this.resets[c] = st.reset;
        this.trailingGcs[c] = st.trailingGc;
      }
    }
    return this;
  }

  /** Every check unsettled but those that settle at once (quietFor all 0). */
  private unsettleAll(): void {
    this.unsettled.fill(0);
    for (let c = 0; c < this.checks.length; c++)
      if (this.settlesAfter[c]! > 0) this.unsettled[c >> 5]! |= 1 << (c & 31);
  }

  /**
   * The next point of the run, with the one before it (undefined at the run's first point).
   * `countsRead`: cur's counts were read from digits by the byte scanner (mayViolate).
   */
  step(prev: TimelinePoint | undefined, cur: TimelinePoint, countsRead = false): void {
    // One context object per run, refilled at each point (checks keep no context, as no point).
    const ctx = this.ctx;
    ctx.index = this.index;
    ctx.prev = prev;
    ctx.cur = cur;
    this.stepChecks(this.signalsOf(prev, cur, countsRead), undefined, cur.tMs, cur.line);
  }

  /**
   * The next dump of the run as row r of `rows`, after the range's first row (stepped as a point) and
   * the rows up to r - 1: the same as step(rows.point(r - 1), rows.point(r), true), with the points
   * made only for the checks that read no columns (CheckState.stepRow). A step() after it must hand
   * the last row's point as prev.
   */
  stepRow(rows: BatchRows, r: number): void {
    const b = rows.batch!;
    const queued = rows.queued[r]!;
    const maxLocal = rows.longest[r]!;
    const rc = this.rowCtx;
    rc.index = this.index;
    rc.rows = rows;
    rc.row = r;
    rc.queued = queued;
    rc.maxLocal = maxLocal;
    const signals = rowSignals(rows, r, this.run, this.index, queued, this.lastWaiting, maxLocal);
    const every = this.lastEvery;
    this.lastRow = true;
    this.lastWaiting = b.runqueue[r]! + queued;
    this.lastEvery = signals === EVERY_CHECK;
    this.stepChecks(every ? EVERY_CHECK : signals, rows, b.tMs[r]!, b.line[r]!);
  }

  /**
   * Steps the checks the dump's signals wake and those not settled yet, then closes the episodes it
   * ends. `rows`: the dump is its row rowCtx.row, whose points are made for a check without stepRow.
   */
  private stepChecks(signals: number, rows: BatchRows | undefined, tMs: number | null, line: number): void {
    if (tMs !== null) {
      if (this.firstTMs === null) this.firstTMs = tMs;
      this.lastTMs = tMs;
    }
    const ctx = this.ctx;
    const steps = this.steps;
    const rowSteps = this.rowSteps;
    const states = this.states;
    const quietFor = this.quietFor;
    const settlesAfter = this.settlesAfter;
    const unsettled = this.unsettled;
    let pointsMade = rows === undefined;
    for (let w = 0; w < unsettled.length; w++) {
      let woken = 0;
      if (signals === EVERY_CHECK) woken = this.allChecks[w]!;
      else for (let s = signals; s !== 0; s &= s - 1) woken |= this.wakes[w * 32 + 31 - Math.clz32(s & -s)]!;
      // In check order: a woken check starts its quiet count again; a quiet one not settled yet
      // counts one more dump (stepping a settled one would change nothing).
      for (let todo = woken | unsettled[w]!; todo !== 0; ) {
        const bit = todo & -todo;
        todo ^= bit;
        const c = (w << 5) + 31 - Math.clz32(bit);
        if ((woken & bit) !== 0) {
          quietFor[c] = 0;
          if (settlesAfter[c]! > 0) unsettled[w]! |= bit;
        } else if ((quietFor[c] = quietFor[c]! + 1) >= settlesAfter[c]!) unsettled[w]! &= ~bit;
        let hit: Hit<FindingKind> | null;
        const rowStep = rowSteps[c];
        const onlyCounted = this.onlyCounts(c);
        if (rows !== undefined && rowStep !== undefined) {
          this.rowCtx.onlyCounted = onlyCounted;
          hit = rowStep.call(states[c], this.rowCtx);
        } else {
          if (!pointsMade) {
            const r = this.rowCtx.row;
            ctx.index = this.index;
            ctx.prev = rows!.point(r - 1);
            ctx.cur = rows!.point(r);
            ctx.queued = this.rowCtx.queued;
            ctx.maxLocal = this.rowCtx.maxLocal;
            pointsMade = true;
          }
          ctx.onlyCounted = onlyCounted;
          hit = steps[c]!.call(states[c], ctx);
        }
        if (hit !== null) this.record(c, hit, tMs, line);
      }
    }
    const open = this.open;
    for (let i = 0; i < open.length; ) {
      const ep = open[i]!;
      if (this.continues(ep, tMs, 1) || this.states[ep.c]!.holdsEpisode?.(tMs) === true) i++;
      else {
        open.splice(i, 1);
        this.close(ep);
      }
    }
    this.index++;
  }

  /** The dump's signals (dump-signals.ts); every check runs at the point after one that showed EVERY_CHECK itself. */
  private signalsOf(prev: TimelinePoint | undefined, cur: TimelinePoint, countsRead: boolean): number {
    const q = cur.runq;
    let queued = 0;
    let maxLocal = 0;
    for (let i = 0; i < q.length; i++) {
      const x = q[i]!;
      queued += x;
      if (x > maxLocal) maxLocal = x;
    }
    const waiting = cur.runqueue + queued;
    this.ctx.queued = queued;
    this.ctx.maxLocal = maxLocal;
    let prevWaiting = 0;
    let prevEvery = false;
    if (prev !== undefined) {
      // After stepRow, prev is the last row's point.
      if (prev === this.lastCur || this.lastRow) {
        prevWaiting = this.lastWaiting;
        prevEvery = this.lastEvery;
      } else {
        // A caller that hands points of its own choosing: the signals of prev are not known.
        prevWaiting = prev.runqueue + sum(prev.runq);
        prevEvery = true;
      }
    }
    const signals = dumpSignals(prev, cur, this.run, this.index, queued, prevWaiting, maxLocal, countsRead);
    this.lastCur = cur;
    this.lastRow = false;
    this.lastWaiting = waiting;
    this.lastEvery = signals === EVERY_CHECK;
    return prevEvery ? EVERY_CHECK : signals;
  }

  /**
   * gctrace cycles the run printed after its last point `last` (StreamSink.trailingGc), at input line
   * `line`: the checks that read GC take them as a step of their own, at the time the last ended.
   */
  trailingGc(last: TimelinePoint, gc: GcSample, line: number): void {
    const tMs = last.tMs === null ? null : Math.max(last.tMs, Math.round(gc.lastEndMs));
    const trailingGcs = this.trailingGcs;
    for (let c = 0; c < trailingGcs.length; c++) {
      const trailing = trailingGcs[c];
      if (trailing === undefined) continue;
      const hit = trailing.call(this.states[c], last, gc, tMs ?? 0);
      if (hit !== null) this.record(c, hit, tMs, line);
    }
    this.index++;
  }

  /**
   * Closes open episodes and returns the run's findings, ranked by consequence. Only the first
   * `withWords` get their words (explanation, suggestion): a caller that keeps no more than that
   * (the trace-wide cap, kept-findings.ts) leaves the rest with an empty explanation.
   */
  finish(withWords = Number.POSITIVE_INFINITY): Finding[] {
    for (const ep of this.open) this.close(ep);
    this.open.length = 0;
    const kept = this.settled();
    // Each fold reads one finding against another of another kind: fewer than two leave it nothing to
    // fold or rank (a crash-looping log holds tens of thousands of runs).
    if (this.fromStart.length > 0) markStartupGc(this.fromStart, this.firstTMs, this.lastTMs);
    const ranked = kept.length < 2 ? kept.slice() : rankFindings(foldFindings(kept));
    noteRecurrence(ranked, this.omitted);
    const n = Math.min(withWords, ranked.length);
    for (let i = 0; i < n; i++) {
      const f = ranked[i]!;
      // A live listener's episodes have their words already, made before the run told how often they came.
      if (f.explanation === '' || f.recurrence !== undefined) this.explain(this.checkOf(f.kind), f);
    }
    return ranked;
  }

  /** The kept findings once the checks that settle at the run's end (CheckState.settle) have seen the whole run. */
  private settled(): Finding[] {
    const kept = this.kept;
    let out: Finding[] | undefined;
    for (let i = 0; i < kept.length; i++) {
      const f = kept[i]!;
      const c = this.checks.findIndex((k) => k.kind === f.kind);
      const settle = this.states[c]!.settle;
      const keep = settle === undefined || settle.call(this.states[c], f, this.index);
      if (!keep) out ??= kept.slice(0, i);
      else out?.push(f);
    }
    return out ?? kept;
  }

  /** Whether check c's hits in this run are only counted (its kind's episodes all kept, no listener). */
  private onlyCounts(c: number): boolean {
    return this.full[c] === 1 && this.onFinding === undefined;
  }

  /** Whether a hit `ahead` dumps from now would still belong to the episode. */
  private continues(ep: Episode, tMs: number | null, ahead: number): boolean {
    return withinMergeGap(ep.gap, this.index + ahead - ep.lastIndex, ep.lastTMs, tMs);
  }

  /** A hit at the dump of time tMs and input line `line`. */
  private record(c: number, hit: Hit<FindingKind>, tMs: number | null, line: number): void {
    const key = this.perP[c] === 1 ? c * 0x10000 + (hit.p ?? 0xffff) : c * 0x10000;
    const at = this.indexOf(key);
    const ep = at < 0 ? undefined : this.open[at]!;
    // A hit whose span reaches back to the episode's last hit continues it, whatever the gap.
    if (
      ep !== undefined &&
      ep.lastIndex < this.index &&
      (this.continues(ep, tMs, 0) || (hit.since !== undefined && hit.since.line <= ep.finding.lastLine))
    ) {
      ep.lastIndex = this.index;
      ep.lastTMs = tMs;
      if (hit.fromStart !== true) ep.fromStart = false;
      if (ep.counted) return;
      const f = ep.finding;
      f.tEndMs = tMs;
      f.lastLine = line;
      f.episode.hits += hit.dumps ?? 1;
      f.episode.moved += hit.moved ?? 0;
      f.impact += hit.impact ?? 0;
      if (hit.p !== undefined) addP(f.episode.ps, hit.p);
      if (confidenceRank(hit.confidence) > confidenceRank(f.confidence)) {
        f.confidence = hit.confidence;
        f.confidenceReason = hit.confidenceReason;
      }
      if (f.p !== undefined && hit.p !== undefined && hit.p !== f.p) delete f.p;
      if (!this.countOnly || this.foldsRead[c] === 1) this.merges[c]!(f.evidence, hit.evidence);
      return;
    }
    this.openEpisode(c, hit, tMs, line, key, at);
  }

  /** A hit that opens an episode, closing the one of its key at open[at] first (at >= 0). */
  private openEpisode(
    c: number,
    hit: Hit<FindingKind>,
    tMs: number | null,
    line: number,
    key: number,
    at: number,
  ): void {
    const check = this.checks[c]!;
    const ep = at < 0 ? undefined : this.open[at]!;
    if (ep !== undefined) {
      this.open.splice(at, 1);
      this.close(ep);
    }
    const counted = this.onlyCounts(c);
    const finding = {
      kind: check.kind,
      severity: check.severity,
      stream: this.stream,
      run: this.run,
      tMs: hit.since?.tMs ?? tMs,
      tEndMs: tMs,
      line: hit.since?.line ?? line,
      lastLine: line,
      basis: check.basis,
      confidence: hit.confidence,
      confidenceReason: hit.confidenceReason,
      episode: { hits: hit.dumps ?? 1, ps: [], moved: hit.moved ?? 0 },
      impact: hit.impact ?? 0,
      // A copy: a check may reuse one evidence object from hit to hit (check.ts).
      evidence:
        counted || (this.countOnly && this.foldsRead[c] === 0)
          ? (NO_EVIDENCE as Finding['evidence'])
          : { ...hit.evidence },
      explanation: '',
    } as Finding;
    if (hit.p !== undefined) {
      finding.p = hit.p;
      finding.episode.ps.push(hit.p);
    }
    const gap = check.mergeGap;
    const next: Episode = {
      key,
      check,
      c,
      finding,
      lastIndex: this.index,
      lastTMs: tMs,
      gap,
      counted,
      fromStart: hit.fromStart === true,
    };
    this.open.push(next);
    if (this.onFinding !== undefined) this.onFinding({ type: 'open', finding: structuredClone(this.words(next)) });
  }

  private indexOf(key: number): number {
    const open = this.open;
    for (let i = 0; i < open.length; i++) if (open[i]!.key === key) return i;
    return -1;
  }

  private close(ep: Episode): void {
    if (this.states[ep.c]!.refutesEpisode?.() === true) {
      if (this.onFinding !== undefined) this.onFinding({ type: 'drop', finding: structuredClone(this.words(ep)) });
      return;
    }
    const kind = ep.finding.kind;
    const n = this.stored.get(kind) ?? 0;
    const keep = n < MAX_EPISODES_PER_KIND;
    // Words are put together only for an episode that is kept or handed to a live listener.
    if (!keep && this.onFinding === undefined) {
      this.omitted[kind] = (this.omitted[kind] ?? 0) + 1;
      return;
    }
    const closing = ep.check.closingReason;
    if (closing !== undefined && ep.finding.evidence !== NO_EVIDENCE)
      ep.finding.confidenceReason = (closing as (f: Finding, run: RunFacts) => string)(ep.finding, this.facts);
    // Without a live listener the words wait for finish(), which knows which findings are kept.
    const f = this.onFinding !== undefined ? this.words(ep) : this.settle(ep);
    if (this.onFinding !== undefined) this.onFinding({ type: 'close', finding: structuredClone(f) });
    if (!keep) {
      this.omitted[kind] = (this.omitted[kind] ?? 0) + 1;
      return;
    }
    this.stored.set(kind, n + 1);
    this.kept.push(f);
    if (ep.fromStart) this.fromStart.push(f);
    if (n + 1 === MAX_EPISODES_PER_KIND)
      for (let c = 0; c < this.checks.length; c++) if (this.checks[c]!.kind === kind) this.full[c] = 1;
  }

  /** The episode's rounded impact, which ranking reads, without the words. */
  private settle(ep: Episode): Finding {
    const f = ep.finding;
    f.impact = Math.round(f.impact * 10) / 10;
    return f;
  }

  /** Puts the words together for the episode's current evidence. */
  private words(ep: Episode): Finding {
    return this.explain(ep.check, this.settle(ep));
  }

  private explain(check: AnyCheck, f: Finding): Finding {
    const w = (check.explain as (x: Finding, run: RunFacts) => { explanation: string; suggestion: string })(
      f,
      this.facts,
    );
    f.explanation =
      f.recurrence === undefined ? w.explanation : `${w.explanation} ${recurrenceWords(f.kind, f.recurrence)}`;
    f.suggestion = w.suggestion;
    return f;
  }

  private checkOf(kind: FindingKind): AnyCheck {
    for (const c of this.checks) if (c.kind === kind) return c;
    throw new Error(`no check of kind ${kind}`);
  }
}

/** Adds p to the episode's Ps, kept ascending without repeats (an episode's hits mostly repeat its last P). */
function addP(ps: number[], p: number): void {
  let i = ps.length;
  while (i > 0 && ps[i - 1]! > p) i--;
  if (i > 0 && ps[i - 1] === p) return;
  ps.splice(i, 0, p);
}
