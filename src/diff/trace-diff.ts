/**
 * `gosched diff`: two logs of the same service (before and after a change) as distributions, and the
 * finding kinds that appeared or disappeared. Thresholds say which increases count as regressions.
 */
import { IntHistogram, round } from '../trace/histogram.js';
import type { SummaryBatch } from '../trace/summary-batch.js';
import type { RunTimeline, TimelinePoint } from '../trace/timeline.js';
import { findingKinds, type Finding, type FindingKind } from '../findings/finding.js';
import { findingInfo } from '../findings/finding-info.js';

export const diffMetrics = [
  'global.p50',
  'global.p90',
  'global.p99',
  'global.max',
  'local.p50',
  'local.p90',
  'local.p99',
  'local.max',
  'idle-share',
  'threads.max',
  'schedtick-rate.p50',
  'schedtick-rate.p90',
] as const;
export type DiffMetric = (typeof diffMetrics)[number];

export interface TraceFigures {
  snapshots: number;
  /** The GOMAXPROCS values the dumps showed, ascending (at most MAX_GOMAXPROCS_VALUES). */
  gomaxprocs: number[];
  metrics: Record<DiffMetric, number | null>;
  findings: Partial<Record<FindingKind, number>>;
  /** What the log carried besides summary lines: gctrace lines, scheddetail dumps (finding-info's `needs`). */
  carries: { gctrace: boolean; scheddetail: boolean };
}

export function traceFigures(timelines: readonly RunTimeline[], findings: readonly Finding[]): TraceFigures {
  const b = new TraceFiguresBuilder();
  for (const tl of timelines) b.addRun(tl, []);
  b.addFindings(findings);
  return b.figures();
}

/** Distinct GOMAXPROCS values kept per side (a log that changes it all the time keeps the first ones). */
const MAX_GOMAXPROCS_VALUES = 16;

/** traceFigures one run at a time, so a trace is compared without holding it whole. */
export class TraceFiguresBuilder {
  private readonly global = new IntHistogram();
  private readonly local = new IntHistogram();
  private readonly rate = new IntHistogram();
  private idle = 0;
  private n = 0;
  private threads = 0;
  private readonly counts: Partial<Record<FindingKind, number>> = {};
  private readonly procs = new Set<number>();
  private gctrace = false;
  private scheddetail = false;

  addRun(tl: RunTimeline, findings: readonly Finding[]): void {
    let prevT: number | null = null;
    for (const pt of tl.points) {
      this.addPoint(pt, prevT);
      prevT = pt.tMs;
    }
    this.addFindings(findings);
  }

  /** One dump; `prevTMs` is the time of the dump before it in the same run (null at a run's start). */
  addPoint(pt: TimelinePoint, prevTMs: number | null): void {
    this.addHead(pt.gomaxprocs, pt.idleprocs, pt.threads, pt.runqueue, pt.gc !== undefined);
    for (const q of pt.runq) this.local.add(q);
    if (pt.gByStatus !== undefined || pt.pStatus !== undefined) this.scheddetail = true;
    this.addRates(pt.schedtickDelta, pt.tMs, prevTMs);
  }

  /**
   * One plain summary dump given as batch row r, as addPoint reads its point: `deltas` its
   * schedtickDelta (undefined when the point has none), `prevTMs` as for addPoint.
   */
  addRow(b: SummaryBatch, r: number, deltas: readonly number[] | undefined, prevTMs: number | null): void {
    this.addHead(b.gomaxprocs[r]!, b.idleprocs[r]!, b.threads[r]!, b.runqueue[r]!, b.gc[r] !== undefined);
    for (let i = b.runqFrom[r]!, end = b.runqFrom[r + 1]!; i < end; i++) this.local.add(b.runq[i]!);
    this.addRates(deltas, b.tMs[r]!, prevTMs);
  }

  /** What a dump's SCHED line gives (and whether gctrace cycles came with it). */
  private addHead(gomaxprocs: number, idleprocs: number, threads: number, runqueue: number, gc: boolean): void {
    this.n++;
    if (this.procs.size < MAX_GOMAXPROCS_VALUES) this.procs.add(gomaxprocs);
    this.global.add(runqueue);
    if (gomaxprocs > 0) this.idle += Math.min(1, idleprocs / gomaxprocs);
    this.threads = Math.max(this.threads, threads);
    if (gc) this.gctrace = true;
  }

  /** Schedticks per P per second, rounded to whole ticks/s so the histogram stays small. */
  private addRates(deltas: readonly number[] | undefined, tMs: number | null, prevTMs: number | null): void {
    if (deltas === undefined || prevTMs === null || tMs === null || tMs <= prevTMs) return;
    for (const d of deltas) this.rate.add(Math.round((d * 1000) / (tMs - prevTMs)));
  }

  addFindings(findings: readonly Finding[]): void {
    for (const f of findings) this.counts[f.kind] = (this.counts[f.kind] ?? 0) + 1;
  }

  addFindingCounts(byKind: ReadonlyMap<FindingKind, number>): void {
    for (const [k, n] of byKind) this.counts[k] = (this.counts[k] ?? 0) + n;
  }

  figures(): TraceFigures {
    const { global, local, rate, n } = this;
    const has = rate.count > 0;
    const [g50, g90, g99] = global.quantiles([0.5, 0.9, 0.99]) as [number, number, number];
    const [l50, l90, l99] = local.quantiles([0.5, 0.9, 0.99]) as [number, number, number];
    const [r50, r90] = rate.quantiles([0.5, 0.9]) as [number, number];
    return {
      snapshots: n,
      gomaxprocs: [...this.procs].sort((x, y) => x - y),
      metrics: {
        'global.p50': g50,
        'global.p90': g90,
        'global.p99': g99,
        'global.max': global.max,
        'local.p50': l50,
        'local.p90': l90,
        'local.p99': l99,
        'local.max': local.max,
        'idle-share': n === 0 ? 0 : round(this.idle / n),
        'threads.max': this.threads,
        'schedtick-rate.p50': has ? r50 : null,
        'schedtick-rate.p90': has ? r90 : null,
      },
      findings: this.counts,
      carries: { gctrace: this.gctrace, scheddetail: this.scheddetail },
    };
  }
}

/** `metric=+20%` (relative increase) or `metric=+5` (absolute increase) beyond which B regressed. */
export interface Threshold {
  metric: DiffMetric;
  value: number;
  relative: boolean;
}

export function parseThreshold(text: string): Threshold | string {
  const m = /^([a-z.0-9-]+)=\+?(\d+(?:\.\d+)?)(%?)$/.exec(text.trim());
  if (!m) return `expected METRIC=+N or METRIC=+N%, got ${JSON.stringify(text)}`;
  if (!(diffMetrics as readonly string[]).includes(m[1]!))
    return `unknown metric ${m[1]} (known: ${diffMetrics.join(', ')})`;
  return { metric: m[1] as DiffMetric, value: Number(m[2]), relative: m[3] === '%' };
}

export interface MetricChange {
  metric: DiffMetric;
  a: number | null;
  b: number | null;
  delta: number | null;
  /** Set when a threshold applies to this metric. */
  threshold?: string;
  regressed: boolean;
}

export interface TraceDiff {
  a: TraceFigures;
  b: TraceFigures;
  changes: MetricChange[];
  /** Metrics a threshold was given for that one side cannot give (n/a): the threshold was not applied. */
  notCompared: DiffMetric[];
  /** The two sides ran at different GOMAXPROCS: per-P figures (local queues, idle share) measure different things. */
  gomaxprocsDiffer: boolean;
  appeared: FindingKind[];
  disappeared: FindingKind[];
  /**
   * Kinds one side reported that the other could not have seen (its log lacks the gctrace lines or
   * the scheddetail dumps the kind reads): neither appeared nor disappeared.
   */
  unseen: { kind: FindingKind; side: 'A' | 'B'; lacks: 'gctrace' | 'scheddetail' }[];
  /** Kinds named by failOnNew that appeared in B. */
  newFailing: FindingKind[];
  regressed: boolean;
}

export function diffTraces(
  a: TraceFigures,
  b: TraceFigures,
  thresholds: readonly Threshold[],
  failOnNew: readonly FindingKind[] = [],
): TraceDiff {
  const changes = diffMetrics.map((metric): MetricChange => {
    const va = a.metrics[metric];
    const vb = b.metrics[metric];
    const delta = va === null || vb === null ? null : round(vb - va);
    const c: MetricChange = { metric, a: va, b: vb, delta, regressed: false };
    const t = thresholds.find((x) => x.metric === metric);
    if (t !== undefined) {
      c.threshold = `+${t.value}${t.relative ? '%' : ''}`;
      if (delta !== null && va !== null) {
        // A relative threshold on a zero baseline: any increase beyond the absolute value counts.
        c.regressed = t.relative
          ? va === 0
            ? delta > 0 && delta > t.value / 100
            : delta > (Math.abs(va) * t.value) / 100
          : delta > t.value;
      }
    }
    return c;
  });
  const seenBy = (f: TraceFigures, k: FindingKind): boolean => {
    const needs = findingInfo[k].needs;
    return needs === undefined || f.carries[needs];
  };
  const unseen: TraceDiff['unseen'] = [];
  const onlyIn = (x: TraceFigures, y: TraceFigures, ySide: 'A' | 'B'): FindingKind[] =>
    findingKinds.filter((k) => {
      if ((x.findings[k] ?? 0) === 0 || (y.findings[k] ?? 0) > 0) return false;
      if (seenBy(y, k)) return true;
      unseen.push({ kind: k, side: ySide, lacks: findingInfo[k].needs! });
      return false;
    });
  const appeared = onlyIn(b, a, 'A');
  const disappeared = onlyIn(a, b, 'B');
  const newFailing = appeared.filter((k) => failOnNew.includes(k));
  const notCompared = changes.filter((c) => c.threshold !== undefined && c.delta === null).map((c) => c.metric);
  const gomaxprocsDiffer = a.gomaxprocs.join(',') !== b.gomaxprocs.join(',');
  return {
    a,
    b,
    changes,
    notCompared,
    gomaxprocsDiffer,
    appeared,
    disappeared,
    unseen,
    newFailing,
    regressed: changes.some((c) => c.regressed) || newFailing.length > 0,
  };
}

/** Streams compared one by one at most (compose services, pods, journald units); more are pooled only. */
export const MAX_DIFF_STREAMS = 64;

/** One stream's comparison, when both logs hold it. */
export interface StreamDiff extends TraceDiff {
  stream: string;
}

/**
 * Logs of several services compared service by service: the pooled figures of two logs can hide one
 * service's regression behind another's improvement. Streams are matched by name.
 */
export interface StreamsDiff {
  compared: StreamDiff[];
  onlyA: string[];
  onlyB: string[];
  /** Streams only in B that show a kind named by failOnNew: new, so a regression too. */
  onlyBFailing: { stream: string; kinds: FindingKind[] }[];
  /** A log held more than MAX_DIFF_STREAMS streams: those past it were not compared one by one. */
  capped: boolean;
  regressed: boolean;
}

export function diffStreams(
  a: ReadonlyMap<string, TraceFigures>,
  b: ReadonlyMap<string, TraceFigures>,
  thresholds: readonly Threshold[],
  failOnNew: readonly FindingKind[] = [],
  capped = false,
): StreamsDiff {
  const compared: StreamDiff[] = [];
  for (const [stream, fa] of a) {
    const fb = b.get(stream);
    if (fb !== undefined) compared.push({ stream, ...diffTraces(fa, fb, thresholds, failOnNew) });
  }
  const onlyB = [...b.keys()].filter((s) => !a.has(s));
  const onlyBFailing = onlyB
    .map((stream) => ({ stream, kinds: failOnNew.filter((k) => (b.get(stream)!.findings[k] ?? 0) > 0) }))
    .filter((x) => x.kinds.length > 0);
  return {
    compared,
    onlyA: [...a.keys()].filter((s) => !b.has(s)),
    onlyB,
    onlyBFailing,
    capped,
    regressed: compared.some((d) => d.regressed) || onlyBFailing.length > 0,
  };
}
