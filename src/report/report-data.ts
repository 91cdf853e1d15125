/**
 * Turns dumps, findings and an optional model overlay into the compact data a report embeds:
 * one table per kind of chart (rows of arrays under a field list, no key repeated per row), all
 * runs in each table told apart by the run index `k`. Charts select a run with `datum.k == sel`.
 *
 * Built in one streaming pass (ReportDataBuilder.push per dump) in memory bounded by a point
 * budget, not by the input: see run-buckets.ts for the online min/max downsampling.
 *
 * Time: each dump is a step that holds until the next one; the last holds for the run's median
 * period. A run's x axis (its `timeBase`) is process uptime when every dump has a `SCHED <t>ms`
 * head, else wall-clock time when the log envelope stamped every dump, else the dump index.
 */
import { streamLabel } from '../trace/stream-label.js';
import type { Finding } from '../findings/finding.js';
import type { ModelOverlay } from '../trace/model-overlay.js';
import type { FormatEra } from '../trace/snapshot.js';
import type { RunTimeline, TimelinePoint } from '../trace/timeline.js';
import { BatchRows } from '../trace/batch-rows.js';
import type { SummaryBatch } from '../trace/summary-batch.js';
import type { Sample } from './kept-samples.js';
import { RunBuckets, type CountSample, type TimeBase } from './run-buckets.js';

export type { TimeBase };

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
  timeBase: TimeBase;
  /** Wall-clock epoch ms minus uptime ms, when an uptime run's envelope also stamped its dumps. */
  wallOffsetMs: number | null;
  /** Start of the first step and end of the last one, in the run's time base. */
  tMin: number;
  tMax: number;
  /** The run's median time between dumps (1 for the dump index), the length of the last step. */
  periodMs: number;
  /** Dumps per drawn bucket: 1 when every dump is drawn. */
  bucketDumps: number;
  detail: boolean;
  /** Per-P schedtick counts came from Go 1.25+ summary lines (not scheddetail). */
  summarySchedticks: boolean;
  hasTicks: boolean;
  hasPStatus: boolean;
  hasGoroutines: boolean;
  hasModel: boolean;
  /** Largest local queue seen on any P (the heatmap's colour domain). */
  maxLocal: number;
  /** Few enough series rows to draw a hover dot on each (dense runs draw lines only). */
  dots: boolean;
}

/** Series rows of a run above which charts draw no hover dots (tens of thousands of symbols take seconds). */
export const maxDotRows = 1000;

export interface ReportData {
  runs: RunInfo[];
  datasets: Record<DatasetName, Dataset>;
}

export interface ReportDataOptions {
  /** Buckets one run keeps at most; a run with fewer dumps keeps every dump (default 1000). */
  maxBuckets?: number;
  /**
   * Budget over all runs, in stored values: a bucket costs 2 series rows plus one cell per P and
   * heatmap (default 30000: vega's CSP-safe expression interpreter costs
   * about 0.1 ms per heatmap cell, so this keeps a busy log's page drawing in about 3 s). The run costing most is coarsened first when the total exceeds it.
   */
  maxCost?: number;
  /**
   * Runs drawn at most (default 100): the first half and the latest half. A crash-looping pod's log
   * holds tens of thousands of runs; the page stays drawable and the builder's work per dump stays
   * constant. The runs left out are counted (`droppedRuns`); their findings still reach the lists.
   */
  maxRuns?: number;
}

const heatFields = ['k', 't', 't2', 'p', 'v', 'vmin', 'line', 'lineEnd'];

/** Accumulates dumps of any number of streams and runs; `finish` turns them into the report tables. */
export class ReportDataBuilder {
  private readonly runs = new Map<string, RunBuckets>();
  private readonly order: RunBuckets[] = [];
  private readonly maxBuckets: number;
  private readonly maxCost: number;
  /** Runs drawn at most. */
  readonly maxRuns: number;
  private pushes = 0;
  private readonly rows = new BatchRows();
  /** Runs seen but not drawn (beyond maxRuns). */
  droppedRuns = 0;

  constructor(options: ReportDataOptions = {}) {
    this.maxBuckets = options.maxBuckets ?? 1000;
    this.maxCost = options.maxCost ?? 30000;
    this.maxRuns = Math.max(2, options.maxRuns ?? 100);
  }

  /** Whether the run is among those drawn. */
  has(stream: string, run: number): boolean {
    return this.runs.has(`${run}\u0000${stream}`);
  }

  push(stream: string, run: number, era: FormatEra, pt: TimelinePoint): void {
    this.pushTo(this.runOf(stream, run), era, pt);
  }

  /** A drawn run's output goes on to `line` (gctrace cycles printed after its last dump). */
  extendTo(stream: string, run: number, line: number): void {
    this.runs.get(`${run}\u0000${stream}`)?.extendTo(line);
  }

  /** Plain summary dumps in columns (the parser's rows), each as push would take its point. */
  pushBatch(b: SummaryBatch): void {
    const rows = this.rows;
    for (let from = 0; from < b.size; ) {
      const stream = b.stream[from]!;
      const run = b.run[from]!;
      const to = b.runRangeEnd(from);
      const r = this.runOf(stream, run);
      rows.begin(b, from, to, r.before);
      for (let i = from; i < to; i++) this.pushTo(r, b.era[i]!, rows.point(i));
      from = to;
    }
  }

  private runOf(stream: string, run: number): RunBuckets {
    const key = `${run}\u0000${stream}`;
    let r = this.runs.get(key);
    if (r === undefined) {
      if (this.order.length >= this.maxRuns) {
        // Keep the first half; of the rest, the latest: the oldest of the later runs makes room.
        const [old] = this.order.splice(Math.floor(this.maxRuns / 2), 1);
        if (old !== undefined) this.runs.delete(`${old.run}\u0000${old.stream}`);
        this.droppedRuns++;
        r = new RunBuckets(stream, run, old);
      } else r = new RunBuckets(stream, run);
      this.runs.set(key, r);
      this.order.push(r);
    }
    return r;
  }

  private pushTo(r: RunBuckets, era: FormatEra, pt: TimelinePoint): void {
    r.push(pt, era);
    if (r.count > this.maxBuckets) r.coarsen();
    if ((++this.pushes & 63) === 0) this.keepBudget();
  }

  private keepBudget(): void {
    for (;;) {
      let total = 0;
      let worst: RunBuckets | undefined;
      for (const r of this.order) {
        const c = r.cost();
        total += c;
        if (worst === undefined || c > worst.cost()) worst = r;
      }
      if (total <= this.maxCost || worst === undefined || worst.count < 4) return;
      worst.coarsen();
    }
  }

  finish(findings: readonly Finding[] = [], overlay: ModelOverlay = []): ReportData {
    this.keepBudget();
    const datasets: Record<DatasetName, Dataset> = {
      runs: { fields: ['k', 'label', ...optionalTables], rows: [] },
      series: { fields: ['k', 't', 'line', 'hold', ...Object.values(seriesMetrics)], rows: [] },
      local: { fields: heatFields, rows: [] },
      findings: { fields: ['k', 't', 't2', 'kind', 'severity', 'line', 'p', 'text'], rows: [] },
      gstatus: { fields: ['k', 't', 'line', 'hold', 'status', 'n'], rows: [] },
      greason: { fields: ['k', 't', 'line', 'hold', 'reason', 'n'], rows: [] },
      ticks: { fields: heatFields, rows: [] },
      pstatus: { fields: heatFields, rows: [] },
      model: { fields: ['k', 't', 'line', 'first', ...Object.values(modelColumns)], rows: [] },
    };
    const runsPerStream = new Map<string, number>();
    for (const r of this.order) runsPerStream.set(r.stream, (runsPerStream.get(r.stream) ?? 0) + 1);
    const overlays = new Map(overlay.map((o) => [`${o.run}\u0000${o.stream}`, o]));
    const infos: RunInfo[] = [];
    const byKey = new Map<string, { info: RunInfo; r: RunBuckets }>();

    this.order.forEach((r, k) => {
      const base = r.timeBase();
      const timeOf = (s: { i: number; tMs: number | null; wallMs: number | null }): number =>
        base === 'uptime' ? (s.tMs as number) : base === 'wall' ? (s.wallMs as number) : s.i;
      const starts: number[] = [];
      for (let j = 0; j < r.count; j++) starts.push(r.startOf(j, base));
      const period = r.period(base);
      const end = r.lastTime(base) + period;
      const nextStart = (j: number) => (j + 1 < starts.length ? (starts[j + 1] as number) : end);

      // series: the dumps holding a bucket's min or max of some metric, then the last dump held to the end
      const seriesBefore = datasets.series.rows.length;
      for (let j = 0; j < r.count; j++)
        for (const s of r.samplesOf(j)) datasets.series.rows.push([k, timeOf(s), s.line, 0, ...s.vals]);
      const last = r.lastSample() as Sample;
      datasets.series.rows.push([k, end, last.line, 1, ...last.vals]);

      for (const table of ['local', 'ticks', 'pstatus'] as const) {
        const h = r.heat[table];
        if (h === undefined) continue;
        const cells: HeatCell[] = [];
        const w = h.stride;
        // No dump of the run had more Ps than maxP: the columns may be wider (widened in doubles).
        const ps = Math.min(w, r.maxP);
        for (let j = 0; j < r.count; j++)
          for (let p = 0; p < ps; p++) {
            const v = h.vmax[j * w + p] as number;
            if (Number.isNaN(v)) continue;
            cells.push({
              t: starts[j] as number,
              t2: nextStart(j),
              p,
              v,
              vmin: h.vmin[j * w + p] as number,
              line: h.line[j * w + p] as number,
              lineEnd: r.bucketLastLine(j),
            });
          }
        cells.sort((a, b) => a.p - b.p || a.t - b.t);
        for (const c of mergeRuns(cells))
          datasets[table].rows.push([k, c.t, c.t2, c.p, c.v, c.vmin, c.line, c.lineEnd]);
      }

      for (const [table, names] of [
        ['gstatus', r.statusNames],
        ['greason', r.reasonNames],
      ] as const) {
        if (names.size === 0) continue;
        const sorted = [...names].sort();
        const samples: CountSample[] = [];
        for (let j = 0; j < r.count; j++) samples.push(...r.countSamples(j, table));
        const push = (s: CountSample, t: number, hold: number) => {
          for (const name of sorted) datasets[table].rows.push([k, t, s.line, hold, name, s.counts[name] ?? 0]);
        };
        for (const s of samples) push(s, timeOf(s), 0);
        const lastCounts = samples[samples.length - 1];
        if (lastCounts !== undefined) push(lastCounts, end, 1);
      }

      const ov = overlays.get(`${r.run}\u0000${r.stream}`);
      const hasModel = ov !== undefined && ov.points.length > 0 && base === 'uptime';
      if (hasModel) {
        const cols = ov.points.map((p) => [
          p.observedRunqueue,
          p.predictedRunqueue,
          sumOf(p.observedLocal),
          sumOf(p.predictedLocal),
        ]);
        keptModelRows(cols).forEach((i, n) => {
          const p = ov.points[i] as ModelOverlay[number]['points'][number];
          datasets.model.rows.push([k, p.tMs, p.line, n === 0, ...(cols[i] as number[])]);
        });
      }

      const info: RunInfo = {
        k,
        stream: r.stream,
        run: r.run,
        label: runLabel(r.stream, r.run, runsPerStream.get(r.stream) ?? 1),
        era: r.era,
        gomaxprocs: r.gomaxprocsValues,
        maxP: r.maxP,
        points: r.n,
        firstLine: r.firstLine,
        lastLine: r.lastLine(),
        timeBase: base,
        wallOffsetMs: base === 'uptime' ? r.wallOffset() : null,
        tMin: starts[0] ?? 0,
        tMax: end,
        periodMs: period,
        bucketDumps: r.width,
        detail: r.detail,
        summarySchedticks: r.hasTicks && !r.hasPStatus,
        hasTicks: r.hasTicks,
        hasPStatus: r.hasPStatus,
        hasGoroutines: r.statusNames.size > 0,
        hasModel,
        maxLocal: r.maxLocal,
        dots: datasets.series.rows.length - seriesBefore <= maxDotRows,
      };
      infos.push(info);
      byKey.set(`${r.run}\u0000${r.stream}`, { info, r });
    });

    for (const f of findings) {
      const hit = byKey.get(`${f.run}\u0000${f.stream}`);
      if (hit === undefined) continue;
      const { info, r } = hit;
      const endLine = f.lastLine;
      const t = info.timeBase === 'uptime' && f.tMs !== null ? f.tMs : r.timeAtLine(f.line, info.timeBase, info.tMax);
      const t2 =
        info.timeBase === 'uptime' && f.tEndMs !== null ? f.tEndMs : r.timeAtLine(endLine, info.timeBase, info.tMax);
      datasets.findings.rows.push([info.k, t, Math.max(t, t2), f.kind, f.severity, f.line, f.p ?? null, f.explanation]);
    }
    // which run has rows in each optional table: charts say so when the selected run has none
    const present = new Map(optionalTables.map((name) => [name, new Set(datasets[name].rows.map((row) => row[0]))]));
    for (const r of infos)
      datasets.runs.rows.push([r.k, r.label, ...optionalTables.map((name) => present.get(name)?.has(r.k) ?? false)]);
    return { runs: infos, datasets };
  }
}

/** The report tables of in-memory timelines (tests, the library API); the CLI streams into ReportDataBuilder. */
export function buildReportData(
  timelines: readonly RunTimeline[],
  findings: readonly Finding[] = [],
  overlay: ModelOverlay = [],
  options: ReportDataOptions = {},
): ReportData {
  const b = new ReportDataBuilder(options);
  for (const tl of timelines) {
    for (const pt of tl.points) b.push(tl.stream, tl.run, tl.era, pt);
    if (tl.trailingGc !== undefined) b.extendTo(tl.stream, tl.run, tl.trailingGc.line);
  }
  return b.finish(findings, overlay);
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

function runLabel(stream: string, run: number, runsInStream: number): string {
  const name = streamLabel(stream);
  return runsInStream > 1 ? `${name} · run ${run}` : name;
}

/**
 * Rows of a replay overlay to draw: all of a short one; of a long one, per bucket of consecutive
 * points the first and those holding a min or max of a column or of a residual (observed − predicted).
 */
function keptModelRows(cols: readonly number[][], buckets = 300): number[] {
  if (cols.length <= 2 * buckets) return cols.map((_, i) => i);
  const width = Math.ceil(cols.length / buckets);
  const keep: number[] = [];
  for (let start = 0; start < cols.length; start += width) {
    const end = Math.min(cols.length, start + width);
    const picked = new Set<number>([start]);
    const value = (i: number, c: number) => {
      const row = cols[i] as number[];
      // columns 0-3 as they are, 4 and 5 the residuals of the global and the local queues
      return c < 4 ? (row[c] as number) : (row[(c - 4) * 2] as number) - (row[(c - 4) * 2 + 1] as number);
    };
    for (let c = 0; c < 6; c++) {
      let lo = start;
      let hi = start;
      for (let i = start + 1; i < end; i++) {
        if (value(i, c) < value(lo, c)) lo = i;
        if (value(i, c) > value(hi, c)) hi = i;
      }
      picked.add(lo);
      picked.add(hi);
    }
    keep.push(...[...picked].sort((a, b) => a - b));
  }
  return keep;
}

function sumOf(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
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

/** Neighbouring cells of one P with equal values become one, which keeps flat stretches cheap. */
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
