/**
 * Turns timelines, findings and an optional model overlay into the compact data a report embeds:
 * one table per kind of chart (rows of arrays under a field list, no key repeated per row), all
 * runs in each table told apart by the run index `k`. Charts select a run with `datum.k == sel`.
 *
 * Long runs are downsampled (see downsample.ts): per time bucket only the dumps holding a minimum
 * or maximum of some series are kept, and heatmap cells keep the bucket's max and min per P.
 */
import type { Finding } from '../findings/finding.js';
import type { RunTimeline, TimelinePoint } from '../trace/timeline.js';
import { sum } from '../findings/check.js';
import { makeBuckets, minMaxIndices, unionIndices, type Buckets } from './downsample.js';
import type { ModelOverlay } from '../trace/model-overlay.js';

export type Cell = number | string | boolean | null;

export interface Dataset {
  fields: string[];
  rows: Cell[][];
}

export const datasetNames = [
  'runs',
  'series',
  'local',
  'findings',
  'gstatus',
  'greason',
  'ticks',
  'pstatus',
  'model',
] as const;
export type DatasetName = (typeof datasetNames)[number];

/** Column names of the `series` table; the metric columns are named as the charts label them. */
export const seriesMetrics = {
  runqueue: 'global run queue',
  localTotal: 'local queues (sum)',
  gomaxprocs: 'GOMAXPROCS',
  idleprocs: 'idle Ps',
  threads: 'threads',
  spinning: 'spinning threads',
  idlethreads: 'idle threads',
  needspinning: 'needspinning',
} as const;

export const modelColumns = {
  observedGlobal: 'observed global queue',
  predictedGlobal: 'predicted global queue',
  observedLocal: 'observed local queues (sum)',
  predictedLocal: 'predicted local queues (sum)',
} as const;

export interface RunInfo {
  /** Index of the run in every table. */
  k: number;
  stream: string;
  run: number;
  label: string;
  era: string;
  gomaxprocs: number[];
  /** Largest P count seen (rows of the per-P charts). */
  maxP: number;
  points: number;
  firstLine: number;
  lastLine: number;
  /** Time extent in ms since the run's first dump. */
  tMin: number;
  tMax: number;
  /** Bucket width in ms when the run was downsampled, null when every dump is kept. */
  bucketMs: number | null;
  detail: boolean;
  /** Per-P schedtick counts came from Go 1.25+ summary lines (not scheddetail). */
  summarySchedticks: boolean;
  hasTicks: boolean;
  hasPStatus: boolean;
  hasGoroutines: boolean;
  hasModel: boolean;
}

export interface ReportData {
  runs: RunInfo[];
  datasets: Record<DatasetName, Dataset>;
}

export interface ReportDataOptions {
  /** Runs with more dumps than this are downsampled (default 1500). */
  maxPoints?: number;
  /** Time buckets for line and area charts when downsampling (default 500; charts are 720 px wide). */
  buckets?: number;
  /** Upper bound on heatmap buckets × Ps per heatmap when downsampling (default 24000). */
  maxCells?: number;
}

const heatFields = ['k', 't', 't2', 'p', 'v', 'vmin', 'line', 'lineEnd'];

export function buildReportData(
  timelines: readonly RunTimeline[],
  findings: readonly Finding[] = [],
  overlay: ModelOverlay = [],
  options: ReportDataOptions = {},
): ReportData {
  const maxPoints = options.maxPoints ?? 1500;
  const bucketCount = options.buckets ?? 500;
  const maxCells = options.maxCells ?? 24000;
  const datasets: Record<DatasetName, Dataset> = {
    runs: { fields: ['k', 'label', ...optionalTables], rows: [] },
    series: { fields: ['k', 't', 'line', ...Object.values(seriesMetrics)], rows: [] },
    local: { fields: heatFields, rows: [] },
    findings: { fields: ['k', 't', 't2', 'kind', 'severity', 'line', 'p', 'text'], rows: [] },
    gstatus: { fields: ['k', 't', 'line', 'status', 'n'], rows: [] },
    greason: { fields: ['k', 't', 'line', 'reason', 'n'], rows: [] },
    ticks: { fields: heatFields, rows: [] },
    pstatus: { fields: heatFields, rows: [] },
    model: { fields: ['k', 't', 'line', ...Object.values(modelColumns)], rows: [] },
  };
  const runs: RunInfo[] = [];

  timelines.forEach((tl, k) => {
    const pts = tl.points;
    const times = pointTimes(pts);
    const ends = pointEnds(times);
    const lines = pts.map((p) => p.line);
    const tMin = times.length > 0 ? (times[0] as number) : 0;
    const tMax = times.length > 0 ? (times[times.length - 1] as number) : 0;
    const downsample = pts.length > maxPoints;
    const buckets = downsample ? makeBuckets(times, bucketCount) : null;
    const maxP = pts.reduce((m, p) => Math.max(m, p.runq.length), Math.max(1, ...tl.gomaxprocsValues));
    const heatBuckets = downsample
      ? makeBuckets(times, Math.max(50, Math.min(bucketCount, Math.floor(maxCells / maxP))))
      : null;

    // series: one row per kept dump
    const columns: (number | null)[][] = [
      pts.map((p) => p.runqueue),
      pts.map((p) => sum(p.runq)),
      pts.map((p) => p.gomaxprocs),
      pts.map((p) => p.idleprocs),
      pts.map((p) => p.threads),
      pts.map((p) => p.spinningthreads),
      pts.map((p) => p.idlethreads),
      pts.map((p) => p.needspinning),
    ];
    const kept = buckets ? unionIndices(columns.map((c) => minMaxIndices(c, buckets.index))) : pts.map((_, i) => i);
    for (const i of kept)
      datasets.series.rows.push([k, times[i] as number, lines[i] as number, ...columns.map((c) => c[i] ?? null)]);

    // local run queues per P
    pushHeat(
      datasets.local,
      k,
      heatCells(
        times,
        ends,
        lines,
        pts.map((p) => p.runq),
        heatBuckets,
      ),
    );

    // schedtick rate per P: the advance between two dumps over the time between them
    const hasTicks = pts.some((p) => p.schedtickDelta !== undefined);
    if (hasTicks) {
      const rates = pts.map((p, i) => {
        const dt = i > 0 ? (times[i] as number) - (times[i - 1] as number) : 0;
        if (!p.schedtickDelta || dt <= 0) return [];
        return p.schedtickDelta.map((d) => Math.round((d * 10000) / dt) / 10);
      });
      const starts = times.map((t, i) => (i > 0 ? (times[i - 1] as number) : t));
      pushHeat(datasets.ticks, k, heatCells(starts, times, lines, rates, heatBuckets));
    }

    const hasPStatus = pts.some((p) => p.pStatus !== undefined);
    if (hasPStatus)
      pushHeat(
        datasets.pstatus,
        k,
        heatCells(
          times,
          ends,
          lines,
          pts.map((p) => p.pStatus ?? []),
          heatBuckets,
        ),
      );

    const hasGoroutines = pts.some((p) => p.gByStatus !== undefined);
    if (hasGoroutines) {
      pushCounts(
        datasets.gstatus,
        k,
        times,
        lines,
        pts.map((p) => p.gByStatus),
        buckets,
      );
      pushCounts(
        datasets.greason,
        k,
        times,
        lines,
        pts.map((p) => p.gByReason),
        buckets,
      );
    }

    const ov = overlay.find((o) => o.stream === tl.stream && o.run === tl.run);
    if (ov && ov.points.length > 0) {
      const oTimes = ov.points.map((p) => p.tMs);
      const cols: number[][] = [
        ov.points.map((p) => p.observedRunqueue),
        ov.points.map((p) => p.predictedRunqueue),
        ov.points.map((p) => sum(p.observedLocal)),
        ov.points.map((p) => sum(p.predictedLocal)),
      ];
      let idx = ov.points.map((_, i) => i);
      if (ov.points.length > maxPoints) {
        const b = makeBuckets(oTimes, bucketCount);
        const residuals = [0, 2].map((c) =>
          (cols[c] as number[]).map((v, i) => v - ((cols[c + 1] as number[])[i] as number)),
        );
        idx = unionIndices([...cols, ...residuals].map((c) => minMaxIndices(c, b.index)));
      }
      for (const i of idx) {
        const p = ov.points[i]!;
        datasets.model.rows.push([k, p.tMs, p.line, ...cols.map((c) => c[i] as number)]);
      }
    }

    runs.push({
      k,
      stream: tl.stream,
      run: tl.run,
      label: runLabel(tl, timelines),
      era: tl.era,
      gomaxprocs: tl.gomaxprocsValues,
      maxP,
      points: pts.length,
      firstLine: tl.firstLine,
      lastLine: tl.lastLine,
      tMin,
      tMax,
      bucketMs: buckets ? buckets.width : null,
      detail: tl.detail,
      summarySchedticks: hasTicks && !hasPStatus,
      hasTicks,
      hasPStatus,
      hasGoroutines,
      hasModel: ov !== undefined && ov.points.length > 0,
    });
  });

  for (const f of findings) {
    const run = runs.find((r) => r.stream === f.stream && r.run === f.run);
    if (!run) continue;
    const t = f.tMs ?? run.tMin;
    datasets.findings.rows.push([run.k, t, f.tEndMs ?? t, f.kind, f.severity, f.line, f.p ?? null, f.explanation]);
  }
  // which run has rows in each optional table: charts say so when the selected run has none
  const present = new Map(optionalTables.map((name) => [name, new Set(datasets[name].rows.map((r) => r[0]))]));
  for (const r of runs)
    datasets.runs.rows.push([r.k, r.label, ...optionalTables.map((name) => present.get(name)?.has(r.k) ?? false)]);
  return { runs, datasets };
}

/** Tables some runs lack; the `runs` table has one boolean column per table, named after it. */
export const optionalTables = [
  'gstatus',
  'greason',
  'ticks',
  'pstatus',
  'model',
] as const satisfies readonly DatasetName[];

/** Expands a table into row objects (what Vega-Lite's `datasets` take). */
export function datasetRows(ds: Dataset): Record<string, Cell>[] {
  return ds.rows.map((r) => Object.fromEntries(ds.fields.map((f, i) => [f, r[i] ?? null])));
}

function runLabel(tl: RunTimeline, all: readonly RunTimeline[]): string {
  const name = tl.stream === '' ? 'trace' : tl.stream;
  const runsInStream = all.filter((t) => t.stream === tl.stream).length;
  return runsInStream > 1 ? `${name} · run ${tl.run}` : name;
}

/** Dump times in ms; a dump without a time (missing head) takes the previous one. */
function pointTimes(points: readonly TimelinePoint[]): number[] {
  let prev = 0;
  return points.map((p) => {
    const t = p.tMs ?? prev;
    prev = t;
    return t;
  });
}

/** Where each dump's cell ends: at the next dump, the last one after the typical interval. */
function pointEnds(times: readonly number[]): number[] {
  const gaps = times
    .slice(1)
    .map((t, i) => t - (times[i] as number))
    .filter((g) => g > 0)
    .sort((a, b) => a - b);
  const typical = gaps.length > 0 ? (gaps[Math.floor(gaps.length / 2)] as number) : 1;
  return times.map((t, i) => (i + 1 < times.length ? (times[i + 1] as number) : t + typical));
}

interface HeatCell {
  t: number;
  t2: number;
  p: number;
  v: number;
  vmin: number;
  line: number;
  lineEnd: number;
}

/**
 * Cells of a P-by-time heatmap. Without buckets, one cell per dump and P; with buckets, one per
 * bucket and P holding the max (v, with the line that showed it first) and the min (vmin).
 * Neighbouring cells of one P with equal values are merged, which keeps flat stretches cheap.
 */
function heatCells(
  starts: readonly number[],
  ends: readonly number[],
  lines: readonly number[],
  values: readonly (readonly number[])[],
  buckets: Buckets | null,
): HeatCell[] {
  const cells: HeatCell[] = [];
  if (buckets) {
    const acc = new Map<number, HeatCell>();
    values.forEach((vs, i) => {
      const b = buckets.index[i] ?? 0;
      vs.forEach((v, p) => {
        const key = b * 100000 + p;
        const c = acc.get(key);
        const line = lines[i] as number;
        if (!c) {
          const t = buckets.t0 + b * buckets.width;
          acc.set(key, { t, t2: t + buckets.width, p, v, vmin: v, line, lineEnd: line });
          return;
        }
        if (v > c.v) {
          c.v = v;
          c.line = line;
        }
        if (v < c.vmin) c.vmin = v;
        c.lineEnd = line;
      });
    });
    cells.push(...[...acc.values()].sort((a, b) => a.p - b.p || a.t - b.t));
  } else {
    const byP: HeatCell[][] = [];
    values.forEach((vs, i) =>
      vs.forEach((v, p) => {
        const line = lines[i] as number;
        (byP[p] ??= []).push({ t: starts[i] as number, t2: ends[i] as number, p, v, vmin: v, line, lineEnd: line });
      }),
    );
    for (const list of byP) if (list) cells.push(...list);
  }
  return mergeRuns(cells);
}

function mergeRuns(cells: HeatCell[]): HeatCell[] {
  const out: HeatCell[] = [];
  for (const c of cells) {
    const last = out[out.length - 1];
    if (last && last.p === c.p && last.v === c.v && last.vmin === c.vmin && last.t2 === c.t) {
      last.t2 = c.t2;
      last.lineEnd = c.lineEnd;
    } else out.push({ ...c });
  }
  return out;
}

function pushHeat(ds: Dataset, k: number, cells: readonly HeatCell[]): void {
  for (const c of cells) ds.rows.push([k, c.t, c.t2, c.p, c.v, c.vmin, c.line, c.lineEnd]);
}

/** Long rows (one per dump and category, zeros included so stacks line up) for stacked areas. */
function pushCounts(
  ds: Dataset,
  k: number,
  times: readonly number[],
  lines: readonly number[],
  counts: readonly (Record<string, number> | undefined)[],
  buckets: Buckets | null,
): void {
  const names = [...new Set(counts.flatMap((c) => (c ? Object.keys(c) : [])))].sort();
  if (names.length === 0) return;
  const totals = counts.map((c) => (c ? sum(Object.values(c)) : null));
  const kept = buckets ? minMaxIndices(totals, buckets.index) : counts.map((_, i) => i);
  for (const i of kept) {
    const c = counts[i];
    if (!c) continue;
    for (const name of names) ds.rows.push([k, times[i] as number, lines[i] as number, name, c[name] ?? 0]);
  }
}
