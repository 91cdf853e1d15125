import type { TopLevelSpec } from 'vega-lite';
import type { ReportData } from '../report-data.js';
import {
  baseParams,
  canvasAbove,
  chartWidth,
  noDataLayer,
  rowsOf,
  runFilter,
  timeAxis,
  timeTooltip,
  type Chart,
  vlSpec,
  lineTooltip,
} from './chart.js';

/** Stacked area of goroutine counts by a category (status, or wait reason), from scheddetail G lines. */
function stackedCounts(
  data: ReportData,
  dataset: 'gstatus' | 'greason',
  category: string,
  title: string,
  none: string,
): TopLevelSpec {
  const tooltip = [
    { field: category, type: 'nominal' },
    { field: 'n', type: 'quantitative', title: 'goroutines' },
    timeTooltip(),
    lineTooltip(),
  ];
  return vlSpec({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    params: baseParams(data),
    width: chartWidth,
    height: 180,
    layer: [
      {
        data: { name: dataset },
        transform: [runFilter],
        encoding: {
          x: timeAxis(),
          y: { field: 'n', type: 'quantitative', stack: 'zero', title: 'goroutines' },
          color: { field: category, type: 'nominal', title, scale: { scheme: 'tableau20' } },
          order: { field: category },
        },
        layer: [
          { mark: { type: 'area', clip: true, interpolate: 'step-after', opacity: 0.85 } },
          { mark: { type: 'point', clip: true, filled: true, size: 10, opacity: 0.7 }, encoding: { tooltip } },
        ],
      },
      noDataLayer(dataset, none),
    ],
  });
}

export function goroutineStatusChart(data: ReportData): Chart {
  return {
    id: 'chart-goroutines',
    title: 'Goroutines by status',
    description:
      'Goroutines counted from the G lines of each scheddetail dump, stacked by status (runnable, running, ' +
      'syscall, waiting, ...). Hover a dot on an edge for the exact count.',
    datasets: ['gstatus', 'runs'],
    followsBrush: true,
    renderer: rowsOf(data, 'gstatus') > canvasAbove ? 'canvas' : 'svg',
    spec: stackedCounts(data, 'gstatus', 'status', 'status', 'No scheddetail G lines in this run.'),
  };
}

export function waitReasonChart(data: ReportData): Chart {
  return {
    id: 'chart-wait-reasons',
    title: 'Waiting goroutines by wait reason',
    description:
      'Goroutines in _Gwaiting, stacked by the wait reason their G line printed (chan receive, select, sleep, ...).',
    datasets: ['greason', 'runs'],
    followsBrush: true,
    renderer: rowsOf(data, 'greason') > canvasAbove ? 'canvas' : 'svg',
    spec: stackedCounts(
      data,
      'greason',
      'reason',
      'wait reason',
      'No waiting goroutines with a wait reason in this run.',
    ),
  };
}
