import { LOCAL_RUNQ_CAPACITY } from '../../trace/snapshot.js';
import type { ReportData } from '../report-data.js';
import {
  baseParams,
  canvasAbove,
  chartWidth,
  rowsOf,
  runFilter,
  timeAxis,
  timeTooltip,
  type Chart,
  vlSpec,
  lineTooltip,
} from './chart.js';

/** Pixel height of one P row, smaller when there are many Ps. */
export function pRowStep(data: ReportData): number {
  const maxP = Math.max(1, ...data.runs.map((r) => r.maxP));
  return Math.max(4, Math.min(22, Math.floor(360 / maxP)));
}

/**
 * Per-P local run-queue length as a P-by-time heatmap. The colour scale ends at the ring's 256
 * slots (runtime2.go p.runq); cells at or above it are drawn black, because a full ring makes
 * runqput move half of it plus the new G to the global queue (runqputslow in proc.go).
 */
export function localQueueHeatmap(data: ReportData): Chart {
  const cap = LOCAL_RUNQ_CAPACITY;
  const legendLength = Math.max(60, Math.min(160, pRowStep(data) * Math.max(1, ...data.runs.map((r) => r.maxP))));
  const tooltip = [
    { field: 'p', type: 'ordinal', title: 'P' },
    { field: 'v', type: 'quantitative', title: 'local queue (max)' },
    { field: 'vmin', type: 'quantitative', title: 'local queue (min)' },
    timeTooltip('t', 'from t (ms)'),
    timeTooltip('t2', 'to t (ms)'),
    { field: 'line', type: 'quantitative', title: 'input line (max)' },
    { field: 'lineEnd', type: 'quantitative', title: 'last input line' },
  ];
  const y = { field: 'p', type: 'ordinal', title: 'P', sort: 'ascending', axis: { labelOverlap: true } };
  const spec = vlSpec({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    params: baseParams(data),
    width: chartWidth,
    height: { step: pRowStep(data) },
    layer: [
      {
        data: { name: 'local' },
        transform: [runFilter],
        mark: { type: 'rect', clip: true },
        encoding: {
          x: timeAxis(),
          x2: { field: 't2' },
          y,
          color: {
            field: 'v',
            type: 'quantitative',
            title: `local queue (ring ${cap})`,
            scale: { domain: [0, cap], clamp: true, scheme: 'yelloworangered' },
            legend: { values: [0, 64, 128, 192, cap], gradientLength: legendLength },
          },
          tooltip,
        },
      },
      {
        data: { name: 'local' },
        transform: [runFilter, { filter: `datum.v >= ${cap}` }],
        mark: { type: 'rect', clip: true, color: 'black' },
        encoding: { x: timeAxis(), x2: { field: 't2' }, y, tooltip },
      },
      {
        data: { name: 'findings' },
        transform: [runFilter, { filter: "datum.kind == 'local-overflow' && isValid(datum.p)" }],
        mark: { type: 'point', shape: 'triangle-down', filled: true, color: '#3182bd', size: 60, clip: true },
        encoding: {
          x: timeAxis(),
          y,
          tooltip: [
            { field: 'kind', type: 'nominal' },
            { field: 'text', type: 'nominal', title: 'finding' },
            timeTooltip(),
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
      `Each row is a P, each cell the goroutines in its local run queue (runnext excluded). ` +
      `The colour scale ends at the ring's ${cap} slots; black cells reached it, where runqput spills half ` +
      `the ring to the global queue. Blue triangles mark local-overflow findings.`,
    datasets: ['local', 'findings'],
    followsBrush: true,
    renderer: rowsOf(data, 'local') > canvasAbove ? 'canvas' : 'svg',
    spec,
  };
}
