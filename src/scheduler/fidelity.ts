/**
 * Fidelity of the model against real schedtrace logs.
 *
 * Statistical part: for each metric (global queue, per-P local queues, idle Ps, threads, spinning
 * threads, schedticks per P per ms on a log scale (tickRateScale), and with scheddetail the G-state
 * counts), two parts:
 *   - distribution: Wasserstein-1 distance between the two samples of values;
 *   - over time: mean absolute difference of the two series' medians in 10 equal time bins;
 * each divided by the metric's pooled real scale (standard deviation of the real captures' values,
 * at least 1, since the values are counts). A metric's distance is the mean of its two parts; a
 * run's distance is the mean over the metrics both runs have. 0 = identical; 1 ≈ one real standard
 * deviation apart.
 *
 * Deterministic part (GOMAXPROCS=1 overflow): local queue ≤ 256; the global queue's first growth a
 * multiple of 129 (runqputslow batches); each drain step = 128·batches + fairness picks, where
 * fairness picks ≤ ceil(Δschedtick/61)+1 (globrunqget batch with GOMAXPROCS=1 is 128).
 */
import { FAIRNESS_TICK, GLOBRUNQ_BATCH_MAX, LOCAL_RUNQ_CAPACITY, OVERFLOW_BATCH } from '../trace/runtime-constants.js';
import type { Snapshot } from '../trace/snapshot.js';

export interface MetricDistance {
  metric: string;
  distribution: number;
  overTime: number;
  distance: number;
}

interface Series {
  t: number[];
  v: number[];
}

/** Metric name → series of values over time (per-P metrics pool every P's value at a time). */
export function metricSeries(snaps: readonly Snapshot[]): Map<string, Series> {
  const out = new Map<string, Series>();
  const add = (name: string, t: number, v: number): void => {
    let s = out.get(name);
    if (!s) out.set(name, (s = { t: [], v: [] }));
    s.t.push(t);
    s.v.push(v);
  };
  let prev: Snapshot | undefined;
  for (const s of snaps) {
    if (s.tMs === null) continue;
    const t = s.tMs;
    add('global queue', t, s.runqueue);
    for (const q of s.runq) add('local queue', t, q);
    add('idle Ps', t, s.idleprocs);
    add('threads', t, s.threads);
    if (s.spinningthreads !== undefined) add('spinning', t, s.spinningthreads);
    const ticks = s.schedticks ?? s.detail?.p.map((p) => p.schedtick);
    const prevTicks = prev?.schedticks ?? prev?.detail?.p.map((p) => p.schedtick);
    if (ticks && prevTicks && prev && prev.tMs !== null && ticks.length === prevTicks.length && t > prev.tMs) {
      for (let i = 0; i < ticks.length; i++)
        add(
          'schedticks/ms per P',
          t,
          tickRateScale(((ticks[i]! - prevTicks[i]! + 2 ** 32) % 2 ** 32) / (t - prev.tMs)),
        );
    }
    if (s.detail) {
      const counts = [0, 0, 0, 0];
      for (const g of s.detail.g) {
        if (g.status === 1) counts[0]!++;
        else if (g.status === 2) counts[1]!++;
        else if (g.status === 3) counts[2]!++;
        else if (g.status === 4) counts[3]!++;
      }
      add('G runnable', t, counts[0]!);
      add('G running', t, counts[1]!);
      add('G syscall', t, counts[2]!);
      add('G waiting', t, counts[3]!);
    }
    prev = s;
  }
  return out;
}

/**
 * A P's scheduling rate is compared on a log scale, log2(1 + schedules per ms): the real rates span
 * three orders of magnitude within one capture (gcheavy at 4 Ps on Go 1.26: a median of 1.3 to 6.6
 * per ms and a 90th percentile of 150 to 509, the background sweeper's goschedIfBusy loop), and the
 * standard deviation that tail sets made a model scheduling five times as often as the runtime look
 * within the runtime's own spread. On the log scale a distance of 1 is about a doubling of the rate
 * past that spread.
 */
export function tickRateScale(perMs: number): number {
  return Math.log2(1 + perMs);
}

/** Wasserstein-1 distance between two empirical distributions. */
export function wasserstein1(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) return NaN;
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  // Integrate |F_x - F_y| over the merged support.
  const all = [...new Set([...x, ...y])].sort((p, q) => p - q);
  let i = 0;
  let j = 0;
  let w = 0;
  for (let k = 0; k < all.length - 1; k++) {
    const v = all[k]!;
    while (i < x.length && x[i]! <= v) i++;
    while (j < y.length && y[j]! <= v) j++;
    w += Math.abs(i / x.length - j / y.length) * (all[k + 1]! - v);
  }
  return w;
}

/** The median of v (the mean of the middle two for an even count); v is not changed. */
export function median(v: readonly number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function binnedMedians(s: Series, t0: number, t1: number, bins: number): (number | null)[] {
  const buckets: number[][] = Array.from({ length: bins }, () => []);
  for (let i = 0; i < s.t.length; i++) {
    const t = s.t[i]!;
    if (t < t0 || t > t1) continue;
    const b = Math.min(bins - 1, Math.floor(((t - t0) / (t1 - t0 || 1)) * bins));
    buckets[b]!.push(s.v[i]!);
  }
  return buckets.map((b) => (b.length ? median(b) : null));
}

function std(v: number[]): number {
  if (v.length < 2) return 0;
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
}

/** Pooled real scale per metric: standard deviation of all real values, at least 1. */
export function realScales(reals: readonly Map<string, Series>[]): Map<string, number> {
  const pooled = new Map<string, number[]>();
  for (const r of reals) for (const [k, s] of r) pooled.set(k, [...(pooled.get(k) ?? []), ...s.v]);
  return new Map([...pooled].map(([k, v]) => [k, Math.max(1, std(v))]));
}

/** Distance between two runs, per metric, each normalised by `scales`. */
export function runDistance(
  x: Map<string, Series>,
  y: Map<string, Series>,
  scales: Map<string, number>,
  bins = 10,
): { distance: number; metrics: MetricDistance[] } {
  const metrics: MetricDistance[] = [];
  for (const [name, sx] of x) {
    const sy = y.get(name);
    const scale = scales.get(name);
    if (!sy || scale === undefined || sx.v.length === 0 || sy.v.length === 0) continue;
    const distribution = wasserstein1(sx.v, sy.v) / scale;
    const t0 = Math.max(sx.t[0]!, sy.t[0]!);
    const t1 = Math.min(sx.t[sx.t.length - 1]!, sy.t[sy.t.length - 1]!);
    let overTime = distribution;
    if (t1 > t0) {
      const bx = binnedMedians(sx, t0, t1, bins);
      const by = binnedMedians(sy, t0, t1, bins);
      let sum = 0;
      let n = 0;
      for (let i = 0; i < bins; i++) {
        if (bx[i] === null || by[i] === null) continue;
        sum += Math.abs(bx[i]! - by[i]!);
        n++;
      }
      if (n > 0) overTime = sum / n / scale;
    }
    metrics.push({ metric: name, distribution, overTime, distance: (distribution + overTime) / 2 });
  }
  const distance = metrics.length ? metrics.reduce((a, m) => a + m.distance, 0) / metrics.length : NaN;
  return { distance, metrics };
}

export interface FidelityVerdict {
  realVsReal: number | null;
  modelVsReal: number;
  faithful: boolean | null;
  tolerance: number | null;
  perMetric: { metric: string; realVsReal: number | null; modelVsReal: number }[];
}

/**
 * Model vs each real capture (averaged) next to real vs real, the mean over every pair of captures
 * (one pair for two captures, three for three). Faithful when model-vs-real ≤
 * max(1.5 × real-vs-real, real-vs-real + 0.1): the runtime's own run-to-run variance, with a margin
 * for having only a few captures to estimate it from.
 */
export function compareRuns(model: readonly Snapshot[], reals: readonly (readonly Snapshot[])[]): FidelityVerdict {
  const rs = reals.map((r) => metricSeries(r.filter((s) => !s.crash)));
  const ms = metricSeries(model.filter((s) => !s.crash));
  const scales = realScales(rs);
  const mv = rs.map((r) => runDistance(ms, r, scales));
  const pairs: [number, number][] = [];
  for (let i = 0; i < rs.length; i++) for (let j = i + 1; j < rs.length; j++) pairs.push([i, j]);
  const rr = pairs.map(([i, j]) => runDistance(rs[i]!, rs[j]!, scales));
  // A process that died: its last dump is one more metric (crashDumpDistance).
  const realDumps = reals.map(crashDump);
  if (realDumps.some((d) => d !== undefined)) {
    const dumpScales = crashDumpScales(realDumps);
    const period = medianPeriod(reals[0]!);
    const modelDump = crashDump(model);
    mv.forEach((d, i) => addMetric(d, crashDumpDistance(modelDump, realDumps[i], dumpScales, period)));
    rr.forEach((d, k) =>
      addMetric(d, crashDumpDistance(realDumps[pairs[k]![0]], realDumps[pairs[k]![1]], dumpScales, period)),
    );
  }
  const mean = (xs: readonly number[]): number => xs.reduce((a, x) => a + x, 0) / xs.length;
  const metricOf = (d: { metrics: MetricDistance[] }, name: string): number =>
    d.metrics.find((x) => x.metric === name)?.distance ?? 0;
  const modelVsReal = mean(mv.map((d) => d.distance));
  const realVsReal = rr.length ? mean(rr.map((d) => d.distance)) : null;
  const tolerance = realVsReal === null ? null : Math.max(1.5 * realVsReal, realVsReal + 0.1);
  const perMetric = mv[0]!.metrics.map((m) => ({
    metric: m.metric,
    modelVsReal: mean(mv.map((d) => metricOf(d, m.metric))),
    realVsReal: rr.length ? mean(rr.map((d) => metricOf(d, m.metric))) : null,
  }));
  return {
    realVsReal,
    modelVsReal,
    faithful: tolerance === null ? null : modelVsReal <= tolerance,
    tolerance,
    perMetric,
  };
}

const crashDump = (snaps: readonly Snapshot[]): Snapshot | undefined => snaps.find((s) => s.crash);

/** The values a crash dump is compared on (the P lines' runqsize when the SCHED line has no queue list). */
function crashDumpValues(s: Snapshot): Record<string, number> {
  const local = s.detail ? s.detail.p.reduce((a, p) => a + p.runqsize, 0) : s.runq.reduce((a, q) => a + q, 0);
  const v: Record<string, number> = {
    'global queue': s.runqueue,
    'local queues': local,
    'idle Ps': s.idleprocs,
    threads: s.threads,
  };
  if (s.detail) {
    for (const [name, st] of [
      ['G runnable', 1],
      ['G running', 2],
      ['G syscall', 3],
      ['G waiting', 4],
    ] as const)
      v[name] = s.detail.g.filter((g) => g.status === st).length;
  }
  return v;
}

function crashDumpScales(dumps: readonly (Snapshot | undefined)[]): Map<string, number> {
  const pooled = new Map<string, number[]>();
  for (const d of dumps)
    if (d) for (const [k, v] of Object.entries(crashDumpValues(d))) pooled.set(k, [...(pooled.get(k) ?? []), v]);
  return new Map([...pooled].map(([k, v]) => [k, Math.max(1, std(v))]));
}

function medianPeriod(snaps: readonly Snapshot[]): number {
  const t = snaps.filter((s) => !s.crash && s.tMs !== null).map((s) => s.tMs!);
  const gaps = t
    .slice(1)
    .map((x, i) => x - t[i]!)
    .filter((g) => g > 0);
  return gaps.length ? Math.max(1, median(gaps)) : 1;
}

/**
 * Distance between two crash dumps (runtime.startpanic_m's schedtrace(true)): the mean of |Δ| of the
 * dump's queues, idle Ps, threads and G-state counts, each over the real dumps' scale, and of |Δt| over
 * the trace period (capped at 1). One run with a dump and one without are 1 apart; neither, NaN.
 */
export function crashDumpDistance(
  a: Snapshot | undefined,
  b: Snapshot | undefined,
  scales: Map<string, number>,
  periodMs: number,
): number {
  if (!a && !b) return NaN;
  if (!a || !b) return 1;
  const va = crashDumpValues(a);
  const vb = crashDumpValues(b);
  const parts: number[] = [Math.min(1, Math.abs((a.tMs ?? 0) - (b.tMs ?? 0)) / periodMs)];
  for (const [k, x] of Object.entries(va))
    if (vb[k] !== undefined) parts.push(Math.abs(x - vb[k]) / (scales.get(k) ?? 1));
  return parts.reduce((s, x) => s + x, 0) / parts.length;
}

function addMetric(d: { distance: number; metrics: MetricDistance[] }, distance: number): void {
  if (Number.isNaN(distance)) return;
  d.metrics.push({ metric: 'crash dump', distribution: distance, overTime: distance, distance });
  d.distance = d.metrics.reduce((a, m) => a + m.distance, 0) / d.metrics.length;
}

export interface OverflowCheck {
  ok: boolean;
  maxLocal: number;
  firstGrowth: number;
  drainSteps: number;
  problems: string[];
}

/** The GOMAXPROCS=1 overflow signature (runqputslow 129s, ring ≤ 256, globrunqget drain law). */
export function checkOverflowSignature(snaps: readonly Snapshot[]): OverflowCheck {
  const problems: string[] = [];
  let maxLocal = 0;
  for (const s of snaps) for (const q of s.runq) maxLocal = Math.max(maxLocal, q);
  if (maxLocal > LOCAL_RUNQ_CAPACITY) problems.push(`a local queue shows ${maxLocal} > ${LOCAL_RUNQ_CAPACITY}`);
  const firstGrowing = snaps.findIndex((s, i) => i > 0 && s.runqueue > snaps[i - 1]!.runqueue);
  const firstGrowth = firstGrowing > 0 ? snaps[firstGrowing]!.runqueue - snaps[firstGrowing - 1]!.runqueue : 0;
  if (firstGrowing < 0) problems.push('the global queue never grows');
  else if (firstGrowth % OVERFLOW_BATCH !== 0 && (firstGrowth - 1) % OVERFLOW_BATCH !== 0)
    problems.push(
      `first global-queue growth ${firstGrowth} is not a multiple of ${OVERFLOW_BATCH} (or one more: the preempted spawner)`,
    );
  let drainSteps = 0;
  for (let i = 1; i < snaps.length; i++) {
    const a = snaps[i - 1]!;
    const b = snaps[i]!;
    const d = a.runqueue - b.runqueue;
    if (d <= 0 || a.tMs === null || b.tMs === null) continue;
    const dt = a.schedticks && b.schedticks ? (b.schedticks[0]! - a.schedticks[0]! + 2 ** 32) % 2 ** 32 : null;
    const fmax = dt === null ? Math.ceil(((b.tMs - a.tMs) / 10) * 4) : Math.ceil(dt / FAIRNESS_TICK) + 1;
    if (b.runqueue === 0) {
      // the last batch takes what is left: min(size/gomaxprocs+1, size) = size
      drainSteps++;
      continue;
    }
    const f = d % GLOBRUNQ_BATCH_MAX;
    const fOk = f <= fmax || GLOBRUNQ_BATCH_MAX - f <= 1; // +1: a preempted G joined the queue in the same period
    if (!fOk)
      problems.push(
        `t=${b.tMs}ms: global queue fell by ${d}, not ${GLOBRUNQ_BATCH_MAX}·k + at most ${fmax} fairness picks`,
      );
    drainSteps++;
  }
  return { ok: problems.length === 0, maxLocal, firstGrowth, drainSteps, problems };
}
