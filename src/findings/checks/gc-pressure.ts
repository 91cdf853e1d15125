import { dedicatedMarkWorkers, markWorkers } from '../../trace/runtime-constants.js';
import { type Check, type Hit, intervalMs, round1, GC_CYCLES } from '../check.js';
import type { GcSample } from '../../trace/gc-sample.js';
import type { SummaryBatch } from '../../trace/summary-batch.js';
import type { GcPressureEvidence } from '../evidence.js';

/** GC cycles per second, or GC share of the Ps' CPU (percent), at or above which GC is a pressure. */
export const GC_CYCLES_PER_SECOND = 10;
export const GC_CPU_PERCENT = 10;
/** Dumps with gctrace cycles in a row before it is sustained pressure, not one collection. */
export const GC_DUMPS = 3;

/**
 * GC pressure from the gctrace lines between dumps (gcMarkTermination prints one per cycle):
 * many cycles per second (a small heap goal: GOGC, GOMEMLIMIT) or a large CPU share (mark assists
 * slow the allocating goroutines; dedicated workers take about 25% of the Ps for the mark phase,
 * gcControllerState.startCycle). A dedicated worker that is preempted moves its P's whole ring to
 * the global queue (gcBgMarkWorker → runqdrain): a global jump with no 129-step during GC.
 */
export const gcPressure: Check<'gc-pressure'> = {
  kind: 'gc-pressure',
  basis: 'threshold',
  severity: 'warning',
  // Up to two dumps without a cycle (dumps closer than cycles) stay inside one episode.
  mergeGap: { dumps: 3, ms: 0 },
  perP: false,
  quietUnless: { wakesOn: GC_CYCLES, settlesAfter: 3 },
  create() {
    let streak = 0;
    /** Time of the last dump that carried gctrace cycles: rates are over the time since then. */
    let lastGcT: number | null = null;
    let quiet = 0;
    // One hit and one evidence object, filled again at every hit (the runner copies the evidence).
    const evidence: GcPressureEvidence = {
      gomaxprocs: 0,
      cycles: 0,
      cyclesPerSecond: 0,
      gcCpuPercent: 0,
      runtimeCpuPercent: 0,
      assistCpuMs: 0,
      backgroundCpuMs: 0,
      stwMs: 0,
      markMs: 0,
      dedicatedWorkers: 0,
      drainJumps: 0,
    };
    const hit: Hit<'gc-pressure'> = {
      confidence: 'certain',
      confidenceReason: 'read from the runtime’s own gctrace lines',
      evidence,
    };
    /**
     * A dump's cycles `gc` after the dump before (time prevT, input line prevLine), `interval` ms
     * apart; `drained(growth)` whether a ring fell by enough beside a global queue grown by `growth`.
     * The hit when the pressure is sustained.
     */
    const onCycles = (
      gc: GcSample,
      tMs: number | null,
      prevT: number | null,
      prevLine: number,
      interval: number,
      procs: number,
      growth: number,
      drained: (growth: number) => boolean,
    ): Hit<'gc-pressure'> | null => {
      quiet = 0;
      const since = lastGcT ?? prevT;
      lastGcT = tMs;
      const dt = since !== null && tMs !== null && tMs > since ? tMs - since : interval;
      const gcCpu = gc.assistCpuMs + gc.backgroundCpuMs + gc.stwMs * procs;
      const cpuPercent = (100 * gcCpu) / (dt * procs);
      const perSecond = (gc.cycles * 1000) / dt;
      const heavy =
        perSecond >= GC_CYCLES_PER_SECOND || cpuPercent >= GC_CPU_PERCENT || gc.cpuPercent >= GC_CPU_PERCENT;
      if (!heavy) {
        streak = 0;
        return null;
      }
      streak++;
      if (streak < GC_DUMPS) return null;
      const drain = growth >= 2 * procs && drained(growth) ? 1 : 0;
      evidence.gomaxprocs = procs;
      evidence.cycles = gc.cycles;
      evidence.cyclesPerSecond = round1(perSecond);
      evidence.gcCpuPercent = round1(cpuPercent);
      evidence.runtimeCpuPercent = gc.cpuPercent;
      evidence.assistCpuMs = round1(gc.assistCpuMs);
      evidence.backgroundCpuMs = round1(gc.backgroundCpuMs);
      evidence.stwMs = round1(gc.stwMs);
      evidence.markMs = round1(gc.markMs);
      evidence.dedicatedWorkers = dedicatedMarkWorkers(procs);
      evidence.drainJumps = drain;
      hit.impact = gcCpu / procs;
      hit.moved = drain ? growth : 0;
      // The span of the dumps that made it sustained.
      const first = streak === GC_DUMPS;
      hit.since = first ? { tMs: prevT, line: prevLine } : undefined;
      hit.dumps = first ? GC_DUMPS : undefined;
      return hit;
    };
    /** A dump without cycles: three in a row end the streak (dumps closer together than GC cycles). */
    const noCycles = (): void => {
      if (++quiet >= 3) {
        streak = 0;
        lastGcT = null;
      }
    };
    // The rings of stepRow's dump and of the one before, for rowDrained: set before each onCycles.
    let rows: SummaryBatch | undefined;
    let ringsBefore = 0;
    let ringsBeforeEnd = 0;
    let ringsFrom = 0;
    let ringsEnd = 0;
    /** step's ring test on the columns: a ring missing before counts as 0. */
    const rowDrained = (growth: number): boolean => {
      const b = rows!;
      const least = Math.max(4, growth / 2);
      for (let i = 0; ringsFrom + i < ringsEnd; i++) {
        const before = ringsBefore + i < ringsBeforeEnd ? b.runq[ringsBefore + i]! : 0;
        if (before - b.runq[ringsFrom + i]! >= least) return true;
      }
      return false;
    };
    return {
      reset() {
        streak = 0;
        lastGcT = null;
        quiet = 0;
      },
      step(ctx) {
        const { prev, cur } = ctx;
        const gc = cur.gc;
        const interval = intervalMs(ctx);
        if (gc === undefined || prev === undefined || interval === null || interval <= 0) {
          if (gc === undefined) noCycles();
          return null;
        }
        const growth = cur.runqueue - prev.runqueue;
        return onCycles(gc, cur.tMs, prev.tMs, prev.line, interval, cur.gomaxprocs, growth, (g) =>
          cur.runq.some((n, i) => (prev.runq[i] ?? 0) - n >= Math.max(4, g / 2)),
        );
      },
      stepRow(ctx) {
        // As step, the dump before being row r - 1 (a row always has a time).
        const r = ctx.row;
        const b = ctx.rows.batch!;
        const gc = b.gc[r];
        const interval = b.tMs[r]! - b.tMs[r - 1]!;
        if (gc === undefined || interval <= 0) {
          if (gc === undefined) noCycles();
          return null;
        }
        rows = b;
        ringsBefore = b.runqFrom[r - 1]!;
        ringsBeforeEnd = ringsFrom = b.runqFrom[r]!;
        ringsEnd = b.runqFrom[r + 1]!;
        const growth = b.runqueue[r]! - b.runqueue[r - 1]!;
        return onCycles(gc, b.tMs[r]!, b.tMs[r - 1]!, b.line[r - 1]!, interval, b.gomaxprocs[r]!, growth, rowDrained);
      },
    };
  },
  merge(e, h) {
    const total = e.cycles + h.cycles;
    // cycles/s and CPU share over the episode: weight each hit by its cycles.
    e.cyclesPerSecond = round1((e.cyclesPerSecond * e.cycles + h.cyclesPerSecond * h.cycles) / total);
    e.gcCpuPercent = round1((e.gcCpuPercent * e.cycles + h.gcCpuPercent * h.cycles) / total);
    e.cycles = total;
    e.runtimeCpuPercent = h.runtimeCpuPercent;
    e.assistCpuMs = round1(e.assistCpuMs + h.assistCpuMs);
    e.backgroundCpuMs = round1(e.backgroundCpuMs + h.backgroundCpuMs);
    e.stwMs = round1(e.stwMs + h.stwMs);
    e.markMs = round1(e.markMs + h.markMs);
    e.drainJumps += h.drainJumps;
  },
  explain(f) {
    const e = f.evidence;
    const drains =
      e.drainJumps > 0
        ? ` ${e.drainJumps} global-queue jump(s) during GC moved whole rings, the signature of preempted dedicated mark workers draining their P (gcBgMarkWorker → runqdrain), not overflow.`
        : '';
    return {
      explanation: `GC pressure, GC taking ${e.gcCpuPercent}% of the Ps' CPU in this span: each mark phase gives ${e.dedicatedWorkers > 0 ? `${e.dedicatedWorkers * 4 === e.gomaxprocs ? 'a quarter' : 'about a quarter'} of the Ps (${e.dedicatedWorkers} of ${e.gomaxprocs}) to dedicated mark workers` : `a fractional mark worker 25% of one P's time (${e.gomaxprocs} Ps are too few for a dedicated one)`}${e.dedicatedWorkers > 0 && markWorkers(e.gomaxprocs).fractional > 0 ? ', topped up to 25% by a fractional worker' : ''} (gcControllerState.startCycle) and makes allocating goroutines assist. ${e.cycles} GC cycle${e.cycles === 1 ? '' : 's'} (${e.cyclesPerSecond} per second; assists ${e.assistCpuMs} ms, background workers ${e.backgroundCpuMs} ms, stop-the-world ${e.stwMs} ms; the runtime reports ${e.runtimeCpuPercent}% since start).${drains}`,
      suggestion:
        'Allocate less (reuse buffers, sync.Pool, fewer pointers), or give the heap room: raise GOGC or set GOMEMLIMIT to the memory you can afford so the collector runs less often.',
    };
  },
};
