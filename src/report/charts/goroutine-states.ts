import type { TopLevelSpec } from 'vega-lite';
import type { ReportData, TimeBase } from '../report-data.js';
import {
  baseParams,
  countAxis,
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

/** Stacked area of goroutine counts by a category (status, or wait reason), from scheddetail G lines. */
function stackedCounts(
  data: ReportData,
  base: TimeBase,
  dataset: 'gstatus' | 'greason',
  category: string,
  title: string,
  none: string,
  hideDead = false,
): TopLevelSpec {
  const tooltip = [
    { field: category, type: 'nominal' },
    { field: 'n', type: 'quantitative', title: 'goroutines' },
    timeTooltip(base),
    lineTooltip(),
  ];
  return vlSpec({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    params: [
      ...baseParams(data, base),
      ...(hideDead
        ? [
            {
              name: 'showDead',
              value: false,
              bind: { input: 'checkbox', name: 'show dead goroutines (free Gs kept for reuse) ' },
            },
          ]
        : []),
    ],
    width: 'container',
    height: 180,
    layer: [
      {
        data: { name: dataset },
        transform: hideDead
          ? [runFilter, { filter: "showDead || (datum.status != 'dead' && datum.status != 'deadextra')" }]
          : [runFilter],
        encoding: {
          x: timeAxis(base),
          y: { field: 'n', type: 'quantitative', stack: 'zero', ...countAxis('goroutines') },
          color: { field: category, type: 'nominal', title, scale: { scheme: 'tableau20' } },
          order: { field: category },
        },
        layer: [
          { mark: { type: 'area', clip: true, interpolate: 'step-after', opacity: 0.85 } },
          {
            transform: [
              // dense runs: only the held last row, so the shared y scale never sees an empty layer
              { filter: 'dots ? !datum.hold : datum.hold' },
            ],
            mark: { type: 'point', clip: true, filled: true, size: 10, opacity: 0.7 },
            encoding: { tooltip },
          },
        ],
      },
      noDataLayer(dataset, none),
    ],
  });
}

export function goroutineStatusChart(data: ReportData, base: TimeBase): ChartDraft {
  return {
    id: 'chart-goroutines',
    needs: 'gstatus',
    title: 'Goroutines by status',
    description:
      'Goroutines counted from the G lines of each scheddetail dump, stacked by status (runnable, running, ' +
      'syscall, waiting, ...). Dead goroutines (kept on free lists for reuse) are hidden until you tick the box. ' +
      'Hover a dot on an edge for the exact count.',
    datasets: ['gstatus', 'runs'],
    followsBrush: true,
    renderer: rowsOf(data, 'gstatus') > canvasAbove ? 'canvas' : 'svg',
    spec: stackedCounts(data, base, 'gstatus', 'status', 'status', 'No scheddetail G lines in this run.', true),
  };
}

export function waitReasonChart(data: ReportData, base: TimeBase): ChartDraft {
  return {
    id: 'chart-wait-reasons',
    needs: 'greason',
    title: 'Waiting goroutines by wait reason',
    description:
      'Goroutines in _Gwaiting, stacked by the wait reason their G line printed (chan receive, select, sleep, ...).',
    datasets: ['greason', 'runs'],
    followsBrush: true,
    renderer: rowsOf(data, 'greason') > canvasAbove ? 'canvas' : 'svg',
    spec: stackedCounts(
      data,
      base,
      'greason',
      'reason',
      'wait reason',
      'No waiting goroutines with a wait reason in this run.',
    ),
  };
}
