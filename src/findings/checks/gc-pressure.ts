import { dedicatedMarkWorkers, markWorkers } from '../../trace/runtime-constants.js';
import { type Check, type Hit, intervalMs, round1, GC_CYCLES } from '../check.js';
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
          // Dumps closer together than GC cycles: some intervals carry none. Three in a row end it.
          if (gc === undefined && ++quiet >= 3) {
            streak = 0;
            lastGcT = null;
          }
          return null;
        }
        quiet = 0;
        const since = lastGcT ?? prev.tMs;
        lastGcT = cur.tMs;
        const dt = since !== null && cur.tMs !== null && cur.tMs > since ? cur.tMs - since : interval;
        const procs = cur.gomaxprocs;
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
        const growth = cur.runqueue - prev.runqueue;
        const ringDrained = cur.runq.some((n, i) => (prev.runq[i] ?? 0) - n >= Math.max(4, growth / 2));
        const drain = growth >= 2 * procs && ringDrained ? 1 : 0;
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
        hit.since = first ? { tMs: prev.tMs, line: prev.line } : undefined;
        hit.dumps = first ? GC_DUMPS : undefined;
        return hit;
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
