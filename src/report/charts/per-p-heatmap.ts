import type { TopLevelSpec } from 'vega-lite';
import { pStatusNames } from '../../trace/timeline.js';
import type { ReportData, TimeBase } from '../report-data.js';
import {
  baseParams,
  fitWidth,
  canvasAbove,
  noDataLayer,
  rowsOf,
  runFilter,
  timeAxis,
  timeTooltip,
  type ChartDraft,
  vlSpec,
  lineTooltip,
} from './chart.js';
import { heatmapHeight, pAxis } from './local-queue-heatmap.js';

const pStatusOrder = Object.keys(pStatusNames)
  .map(Number)
  .sort((a, b) => a - b);

function perPHeatmap(
  data: ReportData,
  base: TimeBase,
  dataset: 'ticks' | 'pstatus',
  color: Record<string, unknown>,
  valueTooltip: Record<string, unknown>[],
  none: string,
): TopLevelSpec {
  return vlSpec({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    params: baseParams(data, base),
    ...fitWidth,
    height: heatmapHeight(data),
    layer: [
      {
        data: { name: dataset },
        transform: [
          runFilter,
          {
            calculate: `${JSON.stringify(pStatusOrder.map((s) => pStatusNames[s]))}[datum.v] || ('status ' + datum.v)`,
            as: 'status',
          },
        ],
        mark: { type: 'rect', clip: true },
        encoding: {
          x: timeAxis(base),
          x2: { field: 't2' },
          y: pAxis(data),
          color,
          tooltip: [
            { field: 'p', type: 'ordinal', title: 'P' },
            ...valueTooltip,
            timeTooltip(base, 't', 'from t'),
            timeTooltip(base, 't2', 'to t'),
            lineTooltip(),
            { field: 'lineEnd', type: 'quantitative', title: 'last input line' },
          ],
        },
      },
      noDataLayer(dataset, none),
    ],
  });
}

/**
 * schedtick advance per second for each P: p.schedtick counts fresh time slices on that P (execute()
 * increments it unless the G inherits the slice from runnext, proc.go), so a flat zero row is a P
 * that started no new slice: one running a single goroutine, or a chain of runnext goroutines.
 */
export function schedtickRateChart(data: ReportData, base: TimeBase): ChartDraft {
  const fromSummary = data.runs.some((r) => r.summarySchedticks);
  return {
    id: 'chart-schedticks',
    needs: 'ticks',
    title: 'Scheduling rate per P (schedtick per second)',
    description:
      `How often each P started a new time slice between two dumps (goroutines run from runnext share their slice and are not counted), from ${fromSummary ? 'the schedticks list of Go 1.25+ summary lines' : 'the schedtick of scheddetail P lines'} ` +
      '(uint32, wrap-around handled). Downsampled cells show the highest rate in the bucket.',
    datasets: ['ticks', 'runs'],
    followsBrush: true,
    renderer: rowsOf(data, 'ticks') > canvasAbove ? 'canvas' : 'svg',
    only: 'multi',
    tall: true,
    spec: perPHeatmap(
      data,
      base,
      'ticks',
      { field: 'v', type: 'quantitative', title: 'schedticks/s', scale: { scheme: 'blues', zero: true } },
      [
        { field: 'v', type: 'quantitative', title: 'schedticks/s (max)' },
        { field: 'vmin', type: 'quantitative', title: 'schedticks/s (min)' },
      ],
      'No per-P schedtick counts in this run (Go 1.25+ summary lines or scheddetail give them).',
    ),
  };
}

/** P status (idle, running, syscall, gcstop, dead) per P over time, from scheddetail P lines. */
export function pStatusChart(data: ReportData, base: TimeBase): ChartDraft {
  const names = pStatusOrder.map((s) => pStatusNames[s] as string);
  return {
    id: 'chart-p-status',
    needs: 'pstatus',
    title: 'P status over time',
    description:
      'Status of each P at each scheddetail dump. When downsampled, a cell shows the highest status code seen ' +
      'in its bucket (dead > gcstop > syscall > running > idle), so short GC stops stay visible.',
    datasets: ['pstatus', 'runs'],
    followsBrush: true,
    renderer: rowsOf(data, 'pstatus') > canvasAbove ? 'canvas' : 'svg',
    only: 'multi',
    tall: true,
    spec: perPHeatmap(
      data,
      base,
      'pstatus',
      {
        field: 'status',
        type: 'nominal',
        title: 'P status',
        scale: { domain: names, range: ['#e0e0e0', '#31a354', '#fd8d3c', '#d62728', '#636363'] },
      },
      [{ field: 'status', type: 'nominal', title: 'status' }],
      'No scheddetail P lines in this run.',
    ),
  };
}
