import type { GcSample } from '../trace/gc-sample.js';
import { type FormatEra, MAX_PROCESS_LANES } from '../trace/snapshot.js';

/**
 * Which process a dump of one stream came from, when processes print schedtrace into it side by side.
 *
 * `GODEBUG=schedtrace=N go run .` (or `go test ./...`) passes GODEBUG to the go command, the compiler,
 * the linker and the test binaries: each prints its own dumps into the one stderr, each with its own
 * clock (schedtrace's `starttime` is set by the process's first call, so every process starts at
 * 0 ms). A stream then goes 0, 100, 201 ms (the go command), 0 ms (a compiler), 301 ms (the go
 * command again), 0, 100 ms (the program), 5253 ms (the go command)...
 *
 * Every process that starts (a dump at 0 ms, or a clock that went back) is a new run of the stream,
 * as a restart is: at that dump nothing tells a restart from a process starting beside the others.
 * The process before becomes a quiet lane. A quiet lane takes a later dump only where the open run
 * cannot (its clock went back, or the dump is off the open run's period) and the dump comes when
 * the lane's own period says it prints next: its process went on beside the later one. It is then a
 * stream of its own, `process 2`, `process 3`..., followed live beside the open run.
 *
 * Time is the only evidence, so the rules are what the clocks allow:
 *  - sysmon prints each dump about N ms after the last (runtime.schedtrace, called from sysmon when
 *    `lasttrace + schedtrace <= now`), late by sysmon's sleep (up to 10 ms) and by a busy machine;
 *  - dumps mostly reach the stream in the order they were written, so a live lane that printed
 *    nothing while another's clock went on by more than twice its period plus 100 ms is quiet again
 *    (its process exited, most likely). Not always: the go command relays a compiler's output in one
 *    block when the compile ends, long after it was printed, while the go command printed too;
 *  - between the open run and a live lane, the one whose period fits the dump clearly better takes
 *    it; where both fit about as well, the one that printed least recently (processes with the same
 *    period print in turn), unless the lane has printed nothing since the open run began;
 *  - clocks advance together: a quiet process does not print again after a silence shorter than
 *    another process, printing live since, advanced its own clock (clocksAllow). Output the go
 *    command relays after a compile ended (after its `# pkg` header) ran earlier and does not count.
 */

/** At most this many processes are followed at once in a stream, and as many quiet ones; the one heard from least recently goes first. */
export const MAX_LANES = MAX_PROCESS_LANES;
/** Lateness allowed on top of twice a period before a silent lane counts as ended (sysmon's sleep, a busy machine). */
const SILENCE_SLACK_MS = 100;
/**
 * A dump is on a process's period when it comes at most LATE_SHARE of the period plus LATE_SLACK_MS
 * after the time the period says, or EARLY_SHARE of it plus TIE_SLACK_MS before: sysmon prints once
 * `lasttrace + schedtrace <= now` (never early; the clock is printed in whole ms), late by its sleep
 * and a busy machine. A lane's period is its shortest interval (Lane.gap).
 */
const LATE_SHARE = 0.25;
const LATE_SLACK_MS = 20;
const EARLY_SHARE = 0.02;
/** Fits this close (share of the period, plus TIE_SLACK_MS) are a tie. */
const TIE_SHARE = 0.1;
const TIE_SLACK_MS = 5;

export interface Lane {
  readonly id: number;
  /**
   * The stream the lane's dumps go to; null while it is the stream's own run (the open one, or one
   * closed by a later process that has not printed since).
   */
  name: string | null;
  /** Its run number when it is the stream's own run. */
  run: number;
  /** The stream's open run at its last dump (its own run until a later process began). */
  besideRun: number;
  lastT: number;
  /** Its shortest interval between dumps, its period; null after one dump. */
  gap: number | null;
  /** Intervals seen. */
  gaps: number;
  gomaxprocs: number;
  /** Sum of its last dump's schedticks (they only grow in a process), -1 without. */
  ticks: number;
  /** The stream's dump count at its last dump. */
  seenAt: number;
  /** For each other live lane, its clock at its first dump after this lane's last one. */
  readonly since: Map<number, number>;
  /** The last gctrace cycle its process printed (each process numbers them from 1), 0 before any. */
  lastCycle: number;
  /** That cycle's start (`@Ts`), ms on its clock. */
  lastCycleAtMs: number;
  /** Cycles given to it (gcOwner) since its last dump, for its next one, and the line of the last. */
  gc: GcSample | undefined;
  gcLine: number;
  /** The newest era its dumps showed (eras/era-in-run.ts). */
  era: FormatEra;
  /** Its dumps were relayed by the go command after its process ended (isGoBuildHeader): not live. */
  relayed: boolean;
  /**
   * Since it went quiet: the first lane id started after (`after`) and the other lanes' clocks then
   * (clocksAllow).
   */
  quietAfter: number;
  clocksAtQuiet: Map<number, number> | null;
}

/** A lane as routesAcross reads it. */
export interface LaneState {
  lastT: number;
  gap: number | null;
  gaps: number;
  gomaxprocs: number;
  ticks: number;
  named: boolean;
}

/**
 * What the lanes of a stream leave at the end of a part of a log, for the parallel analyze to judge
 * whether the part after it, read alone, routes its dumps as one reader would (routesAcross).
 */
export interface LaneCarry {
  /** Lanes followed live (the open run among them). */
  live: number;
  /** Lanes moved to streams of their own. */
  named: number;
  /** The open run's lane and the quiet lanes: what a dump of a later part could go to. */
  current: LaneState | null;
  quiet: LaneState[];
  period: number | null;
  /** With recordEarly, the dumps of the part's first MAX_LANES + 1 runs one reader could route elsewhere (routesAcross). */
  offered: Offer[];
  /** More dumps than MAX_OFFERED were offered. */
  offeredOver: boolean;
}

/** A dump the open run may not take, as routesAcross judges it. */
export interface Offer {
  t: number;
  gomaxprocs: number;
  ticks: number;
  /** The stream's period then; null: the part before's, which only one reader knows. */
  period: number | null;
  /** The open run had shown one dump, at `from` ms: the next dump tells whether this was its second (resolveRevival). */
  fresh: boolean;
  from: number;
  /** The next dump's time; null when the input ended first. */
  next: number | null;
  /** Runs of the part so far: each pushed one lane out of a full quiet list. */
  runs: number;
  /**
   * The most a process printing live in the part had advanced its clock, less its period (as
   * clocksAllow counts it for a process that started after a lane went quiet).
   */
  advance: number;
}

/** At most this many dumps are kept in LaneCarry.offered. */
const MAX_OFFERED = 4 * MAX_LANES;

export class ProcessLanes {
  private readonly live: Lane[] = [];
  /** Lanes silent for longer than their period allows, least recent first (see the rules above). */
  private readonly quiet: Lane[] = [];
  private current: Lane | null = null;
  /** The stream's dump count at the open run's first dump (Lane.seenAt). */
  private currentFrom = 0;
  private dumps = 0;
  private nextId = 0;
  private nextName = 2;
  /** The latest interval any lane showed: the period of a lane seen once. */
  private period: number | null = null;
  /** Lanes moved to streams of their own so far. */
  splits = 0;
  /** Set: the dumps of the first runs a reader with more lanes would offer elsewhere are kept (LaneCarry.offered). */
  recordEarly = false;
  private readonly offered: Offer[] = [];
  private offeredOver = false;
  private runs = 0;
  private atEnd: LaneCarry | null = null;

  constructor(
    private readonly stream: string,
    /**
     * A lane's own stream ended (the process it follows stopped printing), with the gctrace cycles
     * it printed after its last dump, if any.
     */
    private readonly onEnded: (name: string, trailing?: { gc: GcSample; line: number }) => void = () => {},
  ) {}

  /** More than the open run is followed: dumps must be routed (route), not taken as the open run's. */
  get active(): boolean {
    return this.live.length > 1 || this.quiet.length > 0;
  }

  /**
   * The lane a dump at `t` ms belongs to when it is not the open run's; null when it is (or when it
   * starts a process, which the caller makes a new run). `ticks`: the sum of its schedticks, -1 without.
   * Nothing changes until the caller hands the dump to the lane (took).
   */
  route(t: number, gomaxprocs: number, ticks: number): Lane | null {
    if (t === 0 || !this.active) return null;
    const cur = this.current;
    const curFit = cur === null || t < cur.lastT ? null : this.fitOf(cur, t);
    // Between restarts the open run is mostly the only process printing live.
    const best = this.live.length === 1 && this.live[0] === cur ? null : this.bestOf(this.live, t, gomaxprocs, ticks);
    if (best !== null) {
      if (curFit === null) return best.lane;
      const margin = tie(best.lane.gap ?? this.period ?? 0);
      // A lane not heard from since the open run began may be the process that run replaced.
      if (best.lane.seenAt < this.currentFrom) {
        if (best.fit + margin < curFit) return best.lane;
      } else if (Math.abs(best.fit - curFit) <= margin) {
        if (best.lane.seenAt < cur!.seenAt) return best.lane;
      } else if (best.fit < curFit) return best.lane;
    }
    // A quiet lane only where the open run cannot take the dump: its clock went back mid-life, or
    // the dump is off its period. Off the period of a run that has shown it, the dump is that
    // process's late one (a stall) unless the lane already went on beside a later process once.
    if (this.quiet.length === 0 || (curFit !== null && !this.offPeriod(cur!, t))) return null;
    const back = this.bestOf(this.quiet, t, gomaxprocs, ticks)?.lane ?? null;
    if (back !== null && back.name === null && curFit !== null && cur!.gap !== null) return null;
    return back;
  }

  /** A process followed as a stream of its own still prints (it has not gone quiet). */
  get namedLive(): boolean {
    for (const l of this.live) if (l.name !== null) return true;
    return false;
  }

  /** The open run has shown one dump: its period is not known yet. */
  get openRunFresh(): boolean {
    return this.current !== null && this.current.gap === null;
  }

  /**
   * The open run took a dump; `newRun`: it began with it (a process started). `died`: the run before
   * ended in a crash (its process is gone, so it is not followed). `era`: the newest the run showed.
   */
  tookCurrent(
    run: number,
    t: number,
    gomaxprocs: number,
    ticks: number,
    newRun: boolean,
    died: boolean,
    era: FormatEra,
    relayed = false,
  ): void {
    let cur = this.current;
    if (cur === null || newRun) {
      if (cur !== null) {
        // The process before may have ended (a restart) or go on beside this one: it is followed as
        // a quiet lane, which takes a dump again only where this run cannot.
        if (died) this.remove(cur);
        else this.quieten(cur);
      }
      this.runs++;
      cur = this.lane(run, t, gomaxprocs, ticks);
      cur.relayed = relayed;
      cur.era = era;
      this.current = cur;
      this.live.push(cur);
      if (this.live.length > MAX_LANES) this.quieten(this.leastRecent(this.live));
      this.heard(cur, t);
      this.currentFrom = cur.seenAt;
      return;
    }
    this.advance(cur, t, gomaxprocs, ticks);
    cur.era = era;
    this.heard(cur, t);
  }

  /**
   * A routed dump was taken by `l`. Returns the stream it goes to, whether the lane was moved to a
   * stream of its own by this dump (its run in the stream was closed by a later process), and the
   * runs of the stream that began since its dump before (`from` + 1 to `to`: none when equal).
   */
  took(
    l: Lane,
    t: number,
    gomaxprocs: number,
    ticks: number,
  ): { name: string; split: boolean; from: number; to: number } {
    const from = l.besideRun;
    const to = this.current?.run ?? from;
    l.besideRun = to;
    const q = this.quiet.indexOf(l);
    if (q >= 0) {
      this.quiet.splice(q, 1);
      l.since.clear();
      this.live.push(l);
    }
    this.advance(l, t, gomaxprocs, ticks);
    this.heard(l, t);
    if (l.name !== null) return { name: l.name, split: false, from, to };
    const n = this.nextName++;
    l.name = this.stream === '' ? `process ${n}` : `${this.stream} process ${n}`;
    l.run = 0;
    this.splits++;
    return { name: l.name, split: true, from, to };
  }

  /** A dump at `t` the open run would take off the time its period says: quiet lanes are asked first (route). */
  offPeriod(cur: Lane, t: number): boolean {
    const p = cur.gap ?? this.period;
    return p !== null && !onPeriod(t, cur.lastT, p, cur.gaps > 1);
  }

  /**
   * The lane of a process followed as a stream of its own that printed gctrace cycle `cycle`, which
   * started at `atMs` ms (NaN when not read), where the open run's process cannot have: each process
   * numbers its cycles from 1 (gcMarkTermination prints memstats.numgc), and a cycle starts before
   * its process's next dump. `held`: a lane whose revival waits for the next dump (it may be the
   * process). Null: the open run's (as without lanes).
   */
  gcOwner(cycle: number, atMs: number, held: Lane | null = null): Lane | null {
    const cur = this.current;
    if (!this.active || cur === null || cycle === cur.lastCycle + 1) return null;
    // The nearest numbering it continues: a line between may have gone to the open run (one read
    // while the lane's revival was held, toLane) or been cut by other output.
    let best: Lane | null = null;
    // A quiet lane too: its process may have printed nothing while the go command relayed a block.
    for (const lanes of [this.live, this.quiet])
      for (const l of lanes) {
        if (l === cur || (l.name === null && l !== held) || cycle <= l.lastCycle) continue;
        if (best !== null && cycle - l.lastCycle >= cycle - best.lastCycle) continue;
        if (!Number.isNaN(atMs)) {
          const p = l.gap ?? this.period ?? 0;
          if (atMs < l.lastCycleAtMs || atMs > l.lastT + p + LATE_SHARE * p + LATE_SLACK_MS) continue;
        }
        best = l;
      }
    return best;
  }

  /**
   * The open run took gctrace cycle `cycle` (started at `atMs`, NaN when not read): its process's
   * when it continues its numbering (or begins one), else nobody's known (no lane is changed).
   */
  cycleRead(cycle: number, atMs: number): void {
    const cur = this.current;
    if (cur === null || (cycle !== cur.lastCycle + 1 && cur.lastCycle > 0 && this.active)) return;
    cur.lastCycle = cycle;
    if (!Number.isNaN(atMs)) cur.lastCycleAtMs = atMs;
  }

  /** A cycle gcOwner gave to `l`: held for its next dump (or its stream's end). */
  tookCycle(l: Lane, cycle: number, atMs: number, gc: GcSample | undefined, line: number): void {
    l.lastCycle = cycle;
    if (!Number.isNaN(atMs)) l.lastCycleAtMs = atMs;
    l.gc = gc;
    l.gcLine = line;
  }

  /** The state LaneCarry describes (as it was at end() once the stream ended). */
  carry(): LaneCarry {
    if (this.atEnd !== null) return this.atEnd;
    return {
      live: this.live.length,
      named: this.splits,
      current: this.current === null ? null : stateOf(this.current),
      quiet: this.quiet.map(stateOf),
      period: this.period,
      offered: [...this.offered],
      offeredOver: this.offeredOver,
    };
  }

  /**
   * With recordEarly, a dump about to be read (before route and tookCurrent): kept in
   * LaneCarry.offered when one reader holding the lanes of the part before could give it to one of
   * them, in the part's first MAX_LANES + 1 runs (route says where). The first run's second dump is
   * judged by the period of the part before, which only that reader knows.
   */
  watch(t: number, gomaxprocs: number, ticks: number): void {
    const last = this.offered[this.offered.length - 1];
    if (last !== undefined && last.next === null) last.next = t;
    const cur = this.current;
    if (cur === null || t === 0 || this.runs > MAX_LANES + 1) return;
    // A lane from before the cut has not gone on beside a later process (the caller checks): it
    // takes a dump only where the clock went back mid-life or the open run's period is not known.
    let period: number | null;
    if (this.runs === 1 && cur.gap === null) period = null;
    else if (t < cur.lastT || (cur.gap === null && this.offPeriod(cur, t))) period = this.period;
    else return;
    if (this.offered.length >= MAX_OFFERED) this.offeredOver = true;
    else
      this.offered.push({
        t,
        gomaxprocs,
        ticks,
        period,
        fresh: cur.gap === null && t >= cur.lastT,
        from: cur.lastT,
        next: null,
        runs: this.runs,
        advance: this.advanceSoFar(),
      });
  }

  /** The ended streams of every lane still followed (end of input). */
  end(): void {
    this.atEnd = this.carry();
    for (const l of [...this.live, ...this.quiet]) this.ended(l);
    this.live.length = 0;
    this.quiet.length = 0;
    this.current = null;
  }

  /** The lane of `lanes` (not the open run) a dump at `t` fits best, and how far off its expected time. */
  private bestOf(
    lanes: readonly Lane[],
    t: number,
    gomaxprocs: number,
    ticks: number,
  ): { lane: Lane; fit: number } | null {
    let best: Lane | null = null;
    let bestFit = Number.POSITIVE_INFINITY;
    for (const l of lanes) {
      if (l === this.current || l.gomaxprocs !== gomaxprocs || t < l.lastT) continue;
      if (ticks >= 0 && l.ticks >= 0 && ticks < l.ticks) continue;
      const p = l.gap ?? this.period;
      if (p === null) continue;
      const fit = Math.abs(t - (l.lastT + p));
      if (!onPeriod(t, l.lastT, p, l.gaps > 1)) continue;
      if (lanes === this.quiet && l.name === null && !this.clocksAllow(l, t)) continue;
      if (best === null || fit < bestFit - tie(p) || (fit <= bestFit + tie(p) && before(l, best))) {
        best = l;
        bestFit = fit;
      }
    }
    return best === null ? null : { lane: best, fit: bestFit };
  }

  /**
   * Clocks advance together: a quiet process printing again at `t` has been silent for about
   * t − lastT ms, so no process printing live (not relayed by the go command) can have advanced its
   * own clock by more since (plus that process's period and some lateness). Concatenated logs of
   * processes one after another otherwise look like one printing beside the others.
   */
  private clocksAllow(l: Lane, t: number): boolean {
    const elapsed = t - l.lastT;
    for (const lanes of [this.live, this.quiet])
      for (const x of lanes) {
        if (x === l || x.relayed) continue;
        const from = x.id >= l.quietAfter ? 0 : l.clocksAtQuiet?.get(x.id);
        if (from === undefined) continue;
        const p = x.gap ?? this.period ?? 0;
        if (x.lastT - from > elapsed + p + SILENCE_SLACK_MS) return false;
      }
    return true;
  }

  /** Offer.advance: over the lanes followed, the furthest clock less its period (live-printing ones). */
  private advanceSoFar(): number {
    let most = 0;
    for (const lanes of [this.live, this.quiet])
      for (const x of lanes) if (!x.relayed) most = Math.max(most, x.lastT - (x.gap ?? this.period ?? 0));
    return most;
  }

  private fitOf(l: Lane, t: number): number {
    const p = l.gap ?? this.period;
    return p === null ? 0 : Math.abs(t - (l.lastT + p));
  }

  private lane(run: number, t: number, gomaxprocs: number, ticks: number): Lane {
    return {
      id: this.nextId++,
      name: null,
      run,
      besideRun: run,
      lastT: t,
      gap: null,
      gaps: 0,
      gomaxprocs,
      ticks,
      seenAt: this.dumps,
      since: new Map(),
      lastCycle: 0,
      lastCycleAtMs: 0,
      gc: undefined,
      gcLine: 0,
      era: 'unknown',
      relayed: false,
      quietAfter: 0,
      clocksAtQuiet: null,
    };
  }

  private advance(l: Lane, t: number, gomaxprocs: number, ticks: number): void {
    if (t > l.lastT) {
      // Dumps come late, never early (see onPeriod): the shortest interval is the period.
      l.gap = l.gap === null ? t - l.lastT : Math.min(l.gap, t - l.lastT);
      l.gaps++;
      this.period = l.gap;
    }
    l.lastT = t;
    l.gomaxprocs = gomaxprocs;
    l.ticks = ticks;
  }

  /** `l` printed at `t`: the other live lanes learn how much time has passed since they last printed. */
  private heard(l: Lane, t: number): void {
    l.seenAt = ++this.dumps;
    if (l.since.size > 0) l.since.clear();
    if (this.live.length <= 1) return;
    for (let k = this.live.length - 1; k >= 0; k--) {
      const o = this.live[k]!;
      if (o === l || o === this.current) continue;
      const from = o.since.get(l.id);
      if (from === undefined) {
        o.since.set(l.id, t);
        continue;
      }
      const p = o.gap ?? this.period;
      if (p !== null && t - from > 2 * p + SILENCE_SLACK_MS) this.quieten(o);
    }
  }

  private leastRecent(lanes: readonly Lane[]): Lane {
    let oldest: Lane | null = null;
    for (const l of lanes) if (l !== this.current && (oldest === null || l.seenAt < oldest.seenAt)) oldest = l;
    return oldest!;
  }

  /** A live lane fell silent: kept among the quiet ones, the least recent of which is forgotten past MAX_LANES. */
  private quieten(l: Lane): void {
    this.live.splice(this.live.indexOf(l), 1);
    for (const o of this.live) o.since.delete(l.id);
    l.quietAfter = this.nextId;
    l.clocksAtQuiet = null;
    for (const o of this.live) {
      if (o.relayed) continue;
      l.clocksAtQuiet ??= new Map();
      l.clocksAtQuiet.set(o.id, o.lastT);
    }
    this.quiet.push(l);
    if (this.quiet.length > MAX_LANES) {
      const gone = this.quiet.shift()!;
      this.ended(gone);
    }
  }

  /** A lane whose process is known to have ended (it crashed): never followed again. */
  private remove(l: Lane): void {
    this.live.splice(this.live.indexOf(l), 1);
    for (const o of this.live) o.since.delete(l.id);
    this.ended(l);
  }

  /** A lane followed as a stream of its own is no longer followed: its stream ends. */
  private ended(l: Lane): void {
    if (l.name === null) return;
    const gc = l.gc;
    l.gc = undefined;
    this.onEnded(l.name, gc === undefined ? undefined : { gc, line: l.gcLine });
  }
}

function stateOf(l: Lane): LaneState {
  return { lastT: l.lastT, gap: l.gap, gaps: l.gaps, gomaxprocs: l.gomaxprocs, ticks: l.ticks, named: l.name !== null };
}

/**
 * Between two lanes that fit about as well: one already seen going on beside a later process (a
 * stream of its own) before one whose run a later process closed and that printed nothing since
 * (the go command relays a compiler's dumps in one block when the compile ends: such a run is
 * over); then the one that printed least recently (processes with the same period print in turn).
 */
function before(a: Lane, b: Lane): boolean {
  if ((a.name === null) !== (b.name === null)) return a.name !== null;
  return a.seenAt < b.seenAt;
}

/**
 * Whether a dump at `x` ms, after a run whose one dump came at `from` ms, is that run's second: the
 * next dump (at `next`; null when the input ended) goes on at the period the two make. A process
 * that starts (next at 0 ms) says nothing for it.
 */
export function secondOfRun(x: number, from: number, next: number | null): boolean {
  const period = x - from;
  return next === null || (next !== 0 && period > 0 && onPeriod(next, x, period, false));
}

/**
 * Whether a dump at `t` comes when a process that printed at `lastT` every `period` ms prints next;
 * `settled`: the period is the shortest of several intervals.
 */
export function onPeriod(t: number, lastT: number, period: number, settled = true): boolean {
  const d = t - (lastT + period);
  const late = LATE_SHARE * period + LATE_SLACK_MS;
  // A period read from one interval may hold that interval's lateness.
  return d <= late && -d <= (settled ? EARLY_SHARE * period + TIE_SLACK_MS : late);
}

function tie(period: number): number {
  return TIE_SHARE * period + TIE_SLACK_MS;
}

/**
 * Whether one reader, having read the part of a log that left `before`, could route a dump of the
 * part after it elsewhere than that part read alone does. Read alone, the part has no lane from
 * before the cut; one reader has the open run before the cut and the quiet lanes (until MAX_LANES
 * runs of the part have pushed them out), which take a dump only where the open run cannot: the
 * dumps `after.offered`. True when any of those fits a lane from before, or when too many were offered.
 */
export function routesAcross(before: LaneCarry, after: LaneCarry): boolean {
  if (after.offeredOver) return true;
  // At the part's first dump the open run before joins the quiet lanes; each run of the part pushes
  // one more, and the oldest go past MAX_LANES.
  const lanes = before.current === null ? before.quiet : [...before.quiet, before.current];
  for (const o of after.offered) {
    // A dump the next one shows was the open run's second stays with it (resolveRevival).
    if (o.fresh && secondOfRun(o.t, o.from, o.next)) continue;
    const period = o.period ?? before.period;
    for (const l of lanes.slice(Math.max(0, before.quiet.length + o.runs - MAX_LANES))) {
      if (l.gomaxprocs !== o.gomaxprocs || o.t < l.lastT) continue;
      if (o.ticks >= 0 && l.ticks >= 0 && o.ticks < l.ticks) continue;
      const p = l.gap ?? period;
      // A lane that went on beside later processes did so before the cut too (named): clocks then.
      const clocks = l.named || o.advance <= o.t - l.lastT + SILENCE_SLACK_MS;
      if (p !== null && onPeriod(o.t, l.lastT, p, l.gaps > 1) && clocks) return true;
    }
  }
  return false;
}
