import { seriesMetrics, type ReportData, type TimeBase } from '../report-data.js';
import {
  baseParams,
  canvasAbove,
  chartWidth,
  countAxis,
  rowsOf,
  runFilter,
  timeAxis,
  type ChartDraft,
  vlSpec,
  seriesTooltip,
} from './chart.js';

const m = seriesMetrics;
/** Panels of the chart, each with its own y scale; metrics absent from a run (null) are dropped. */
const panels: [string, string[]][] = [
  ['queued goroutines', [m.runqueue, m.localTotal]],
  ['Ps', [m.gomaxprocs, m.idleprocs, m.needspinning]],
  ['Ms (threads)', [m.threads, m.spinning, m.idlethreads]],
];

/** Same colours as the overview and model charts for the two queues. */
const metricColors = ['#e6550d', '#3182bd', '#54a24b', '#b279a2', '#9d755d', '#eeca3b', '#72b7b2', '#ff9da6'];

/** Global run queue, idle Ps, threads, spinning and idle threads over time, one panel per unit. */
export function globalMetricsChart(data: ReportData, base: TimeBase): ChartDraft {
  const all = panels.flatMap(([, ms]) => ms);
  const panelExpr = panels
    .map(([name, ms]) => `indexof(${JSON.stringify(ms)}, datum.metric) >= 0 ? ${JSON.stringify(name)}`)
    .join(' : ')
    .concat(" : ''");
  const tooltip = seriesTooltip(base, 'metric');
  const spec = vlSpec({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    params: baseParams(data, base),
    data: { name: 'series' },
    transform: [
      runFilter,
      { fold: all, as: ['metric', 'v'] },
      { filter: 'isValid(datum.v)' },
      { calculate: panelExpr, as: 'panel' },
    ],
    facet: { row: { field: 'panel', type: 'nominal', title: null, sort: panels.map(([n]) => n) } },
    spec: {
      width: chartWidth,
      height: 110,
      encoding: {
        x: timeAxis(base),
        y: { field: 'v', type: 'quantitative', ...countAxis(null) },
        color: { field: 'metric', type: 'nominal', title: null, scale: { domain: all, range: metricColors } },
      },
      layer: [
        { mark: { type: 'line', clip: true, interpolate: 'step-after', strokeWidth: 1.25 } },
        {
          transform: [
            // dense runs: only the held last row, so the shared y scale never sees an empty layer
            { filter: 'dots ? !datum.hold : datum.hold' },
          ],
          mark: { type: 'point', clip: true, filled: true, size: 14 },
          encoding: { tooltip },
        },
      ],
    },
    resolve: { scale: { y: 'independent' } },
  });
  return {
    id: 'chart-global',
    title: 'Global run queue, Ps and threads',
    description:
      'Top: goroutines on the global run queue (sched.runqsize; sched.runq.size from Go 1.25) and summed over all local queues. ' +
      'Middle: GOMAXPROCS and idle Ps. Bottom: threads (Ms), spinning Ms looking for work, idle Ms. ' +
      'Hover a dot for the exact value and the input line.',
    datasets: ['series'],
    followsBrush: true,
    renderer: rowsOf(data, 'series') * 4 > canvasAbove ? 'canvas' : 'svg',
    spec,
  };
}
