import { LOCAL_RUNQ_CAPACITY } from '../../trace/snapshot.js';
import type { ReportData, TimeBase } from '../report-data.js';
import {
  baseParams,
  fitWidth,
  canvasAbove,
  countAxis,
  rowsOf,
  runFilter,
  timeAxis,
  timeTooltip,
  type ChartDraft,
  vlSpec,
  lineTooltip,
} from './chart.js';

/** Pixel height of one P row: at least 6 px, so 128 Ps stay readable (the section scrolls). */
export function pRowStep(data: ReportData): number {
  const maxP = Math.max(1, ...data.runs.map((r) => r.maxP));
  return Math.max(6, Math.min(22, Math.floor(360 / maxP)));
}

/** Height of a P heatmap: a row per P of the run with most Ps (a fixed height, so the width can follow the page). */
export function heatmapHeight(data: ReportData): number {
  return pRowStep(data) * Math.max(1, ...data.runs.map((r) => r.maxP));
}

/** The P axis: with many Ps, a label every 8th row (P0, P8, ...), so labels never overlap. */
export function pAxis(data: ReportData): Record<string, unknown> {
  const maxP = Math.max(1, ...data.runs.map((r) => r.maxP));
  const every = maxP > 32 ? 8 : maxP > 16 ? 4 : 1;
  return {
    field: 'p',
    type: 'ordinal',
    title: 'P',
    sort: 'ascending',
    axis: every > 1 ? { labelExpr: `datum.value % ${every} == 0 ? datum.label : ''`, ticks: false } : {},
  };
}

/**
 * Per-P local run-queue length as a P-by-time heatmap, the colour scaled to the data. Cells that
 * reached the ring's 256 slots (runtime2.go p.runq) are drawn black, because a full ring makes
 * runqput move half of it plus the new G to the global queue (runqputslow in proc.go).
 */
export function localQueueHeatmap(data: ReportData, base: TimeBase): ChartDraft {
  const cap = LOCAL_RUNQ_CAPACITY;
  const tooltip = [
    { field: 'p', type: 'ordinal', title: 'P' },
    { field: 'v', type: 'quantitative', title: 'local queue (max)' },
    { field: 'vmin', type: 'quantitative', title: 'local queue (min)' },
    timeTooltip(base, 't', 'from t'),
    timeTooltip(base, 't2', 'to t'),
    { field: 'line', type: 'quantitative', title: 'input line (max)' },
    { field: 'lineEnd', type: 'quantitative', title: 'last input line' },
  ];
  const y = pAxis(data);
  const spec = vlSpec({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    params: baseParams(data, base),
    ...fitWidth,
    height: heatmapHeight(data),
    layer: [
      {
        data: { name: 'local' },
        transform: [runFilter],
        mark: { type: 'rect', clip: true },
        encoding: {
          x: timeAxis(base),
          x2: { field: 't2' },
          y,
          color: {
            field: 'v',
            type: 'quantitative',
            title: 'local queue',
            scale: { type: 'sqrt', domain: { unionWith: [0, 1] }, scheme: 'yelloworangered' },
            // a gradient longer than the plot gets its labels dropped: no longer than the P rows
            legend: { format: ',~r', tickMinStep: 1, gradientLength: Math.max(60, Math.min(160, heatmapHeight(data))) },
          },
          tooltip,
        },
      },
      {
        data: { name: 'local' },
        transform: [runFilter, { filter: `datum.v >= ${cap}` }],
        mark: { type: 'rect', clip: true, color: 'black' },
        encoding: { x: timeAxis(base), x2: { field: 't2' }, y, tooltip },
      },
      {
        data: { name: 'findings' },
        transform: [runFilter, { filter: "datum.kind == 'local-overflow' && isValid(datum.p)" }],
        mark: { type: 'point', shape: 'triangle-down', filled: true, color: '#3182bd', size: 60, clip: true },
        encoding: {
          x: timeAxis(base),
          y,
          tooltip: [
            { field: 'kind', type: 'nominal' },
            { field: 'text', type: 'nominal', title: 'finding' },
            timeTooltip(base),
            lineTooltip(),
          ],
        },
      },
    ],
  });
  return {
    id: 'chart-local-queue',
    title: 'Local run queue per P',
    description:
      `Each row is a P, each cell the goroutines in its local run queue (runnext excluded), held from one dump ` +
      `to the next. The colour runs from 0 to the largest queue of the run (square-root scale, so short queues show beside bursts); black cells reached the ring's ${cap} ` +
      `slots, where runqput spills half the ring to the global queue. Blue triangles mark local-overflow findings.`,
    datasets: ['local', 'findings'],
    followsBrush: true,
    renderer: rowsOf(data, 'local') > canvasAbove ? 'canvas' : 'svg',
    only: 'multi',
    tall: true,
    spec,
  };
}

/** A run of one dump: its local queue per P as bars (a heatmap of one column says little). */
export function localQueueBars(data: ReportData, _base: TimeBase): ChartDraft {
  const spec = vlSpec({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    params: [{ name: 'sel', value: data.runs.find((r) => r.points === 1)?.k ?? 0 }],
    data: { name: 'local' },
    transform: [runFilter],
    width: { step: Math.max(8, Math.min(40, Math.floor(720 / Math.max(1, ...data.runs.map((r) => r.maxP))))) },
    height: 160,
    encoding: {
      x: { field: 'p', type: 'ordinal', title: 'P', sort: 'ascending', axis: { labelAngle: 0 } },
      y: { field: 'v', type: 'quantitative', ...countAxis('local run queue') },
      tooltip: [
        { field: 'p', type: 'ordinal', title: 'P' },
        { field: 'v', type: 'quantitative', title: 'local queue' },
        lineTooltip(),
      ],
    },
    // the value above each bar, so an empty queue still shows as a 0
    layer: [
      { mark: { type: 'bar', color: '#e6550d' } },
      {
        mark: { type: 'text', dy: -6, color: '#333', fontSize: 11 },
        encoding: { text: { field: 'v', type: 'quantitative' } },
      },
    ],
  });
  return {
    id: 'chart-one-dump',
    title: 'Local run queue per P (the run has one dump)',
    description: 'With a single dump there is no time to plot: each bar is the goroutines queued on one P.',
    datasets: ['local'],
    followsBrush: false,
    renderer: 'svg',
    only: 'single',
    spec,
  };
}
